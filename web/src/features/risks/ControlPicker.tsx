import { ActionIcon, Alert, Anchor, Badge, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { catalogPaths, ISO_42001, useFramework } from '../catalog/api.ts';

/** The framework id of the organization's own controls in the catalog. */
export const ORG_CONTROLS = 'org-controls';

export interface ControlLink {
  framework: string;
  control: string;
  note: string;
}

export function frameworkLabel(framework: string): string {
  return framework === ISO_42001 ? 'Annex A' : framework === ORG_CONTROLS ? 'Own control' : framework;
}

/** "Annex A — Policies related to AI" → "A.2 Policies related to AI". */
function areaTitle(id: string, title: string): string {
  return `${id} ${title.replace(/^Annex A\s*—\s*/, '')}`;
}

/** Annex A controls grouped by area, and the organization's own controls (a missing framework is simply none). */
export function useControlCatalog(org: string) {
  const annexA = useFramework(org, ISO_42001);
  const own = useFramework(org, ORG_CONTROLS);
  const ownMissing = isApiError(own.error, 'not_found');
  return useMemo(() => {
    const titles = new Map<string, string>();
    const groups: { group: string; items: { value: string; label: string }[] }[] = [];
    if (annexA.data) {
      for (const area of annexA.data.groups.filter((g) => g.id.startsWith('A.'))) {
        const items = annexA.data.items.filter((i) => i.kind === 'control' && i.group === area.id);
        if (items.length === 0) continue;
        for (const i of items) titles.set(`${ISO_42001}|${i.id}`, i.title);
        groups.push({
          group: areaTitle(area.id, area.title),
          items: items.map((i) => ({ value: `${ISO_42001}|${i.id}`, label: `${i.id} ${i.title}` })),
        });
      }
    }
    if (own.data) {
      const items = own.data.items.filter((i) => i.kind === 'control');
      for (const i of items) titles.set(`${ORG_CONTROLS}|${i.id}`, i.title);
      if (items.length)
        groups.push({
          group: 'Your own controls',
          items: items.map((i) => ({ value: `${ORG_CONTROLS}|${i.id}`, label: `${i.id} ${i.title}` })),
        });
    }
    return {
      groups,
      titles,
      isPending: annexA.isPending || (own.isPending && !ownMissing),
      error: annexA.error ?? (ownMissing ? null : own.error),
      hasOwn: Boolean(own.data?.items.length),
    };
  }, [annexA.data, annexA.isPending, annexA.error, own.data, own.isPending, own.error, ownMissing]);
}

export interface ControlPickerProps {
  org: string;
  value: ControlLink[];
  onChange: (value: ControlLink[]) => void;
  /** The API's message for a control, by its position. */
  errorAt: (index: number) => string | undefined;
}

/**
 * The controls that treat the risk (6.1.3 b–c): Annex A controls by area and the organization's own,
 * each with a note on how it treats the risk. Catalog links open in a new tab so the form keeps its edits.
 */
export function ControlPicker({ org, value, onChange, errorAt }: ControlPickerProps) {
  const catalog = useControlCatalog(org);
  const picked = new Set(value.map((c) => `${c.framework}|${c.control}`));
  const data = catalog.groups
    .map((g) => ({ group: g.group, items: g.items.filter((i) => !picked.has(i.value)) }))
    .filter((g) => g.items.length > 0);

  return (
    <Stack gap="sm">
      <Select
        label="Add a control"
        description="Search Annex A by number or title, or choose one of your own controls"
        placeholder={catalog.isPending ? 'Loading the controls…' : 'e.g. A.6.2.4 or “verification”'}
        data={data}
        value={null}
        onChange={(v) => {
          if (!v) return;
          const [framework = '', control = ''] = v.split('|');
          onChange([...value, { framework, control, note: '' }]);
        }}
        searchable
        nothingFoundMessage="No control matches"
        maxDropdownHeight={320}
        disabled={catalog.isPending}
        error={catalog.error ? 'Could not load the catalog controls' : undefined}
      />
      {!catalog.isPending && !catalog.hasOwn && !catalog.error ? (
        <Text size="xs" c="dimmed">
          Your organization has no own controls yet. Add them beside Annex A in the{' '}
          <Anchor component={Link} to={catalogPaths.home(org)} size="xs" target="_blank" rel="noopener">
            catalog
          </Anchor>
          .
        </Text>
      ) : null}
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          No controls chosen yet.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Chosen controls">
          {value.map((link, index) => {
            const title = catalog.titles.get(`${link.framework}|${link.control}`);
            const error = errorAt(index);
            return (
              <Paper component="li" key={`${link.framework}|${link.control}`} withBorder radius="sm" p="sm" data-control={link.control}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                      <Badge size="sm" radius="sm" variant="light" color={link.framework === ISO_42001 ? 'teal' : 'violet'} tt="none">
                        {frameworkLabel(link.framework)}
                      </Badge>
                      <Anchor
                        component={Link}
                        to={catalogPaths.item(org, link.framework, link.control)}
                        size="sm"
                        target="_blank"
                        rel="noopener"
                        title="Opens the catalog page in a new tab"
                      >
                        <Text span ff="monospace" fw={600} size="sm">
                          {link.control}
                        </Text>{' '}
                        {title ?? ''}
                      </Anchor>
                    </Group>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove control ${link.control}`}
                      onClick={() => onChange(value.filter((_, i) => i !== index))}
                    >
                      <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
                        <path d="M6 6l12 12M18 6L6 18" />
                      </svg>
                    </ActionIcon>
                  </Group>
                  <Textarea
                    aria-label={`How ${link.control} treats this risk`}
                    placeholder="How this control treats the risk (optional)"
                    maxLength={1000}
                    autosize
                    minRows={1}
                    maxRows={4}
                    value={link.note}
                    onChange={(e) => {
                      const note = e.currentTarget.value;
                      onChange(value.map((c, i) => (i === index ? { ...c, note } : c)));
                    }}
                    size="xs"
                  />
                  {error ? (
                    <Alert color="red" variant="light" p="xs" role="alert">
                      <Text size="xs">{error}</Text>
                    </Alert>
                  ) : null}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
