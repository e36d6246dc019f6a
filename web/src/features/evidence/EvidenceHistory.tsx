import { HistorySection } from '../audit-log/HistorySection.tsx';
import { Box, Stack, Text } from '@mantine/core';
import { formatDay } from '../risks/labels.ts';
import { useEvidenceHistory, type EvidenceLink, type HistoryEntry } from './api.ts';
import { formatBytes } from './labels.ts';
import { ISO_42001, OWN_CONTROLS } from './targets.ts';
import { changedFields, isRecord } from '../../lib/changes.ts';

const fieldLabels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  owner: 'Owner',
  effectiveDate: 'Effective date',
  reviewDue: 'Review date',
};

const actionWords: Record<string, { label: string; color: string }> = {
  'evidence.created': { label: 'Added', color: 'grape' },
  'evidence.updated': { label: 'Edited', color: 'blue' },
  'evidence.version-added': { label: 'New version', color: 'teal' },
  'evidence.linked': { label: 'Linked', color: 'cyan' },
  'evidence.unlinked': { label: 'Unlinked', color: 'orange' },
  'evidence.deleted': { label: 'Deleted', color: 'red' },
};

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function cut(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if ((field === 'effectiveDate' || field === 'reviewDue') && typeof value === 'string') return formatDay(value);
  return cut(String(value));
}

/** A link as the audit entry stored it, named with the ref the item shows today where it still can. */
function linkText(raw: unknown, known: EvidenceLink[]): string {
  if (!isRecord(raw)) return '?';
  const type = str(raw.type);
  const framework = str(raw.framework) ?? '';
  const target = str(raw.target) ?? '?';
  if (type === 'risk' || type === 'ai-system' || type === 'objective') {
    const ref = known.find((l) => l.type === type && l.target === target)?.ref;
    return ref ?? `${type === 'risk' ? 'a risk' : type === 'objective' ? 'an AI objective' : 'an AI system'} (${target.slice(0, 8)}…)`;
  }
  if (type === 'requirement') return framework === ISO_42001 ? `clause ${target}` : `${framework} ${target}`;
  return framework === OWN_CONTROLS ? `${target} (own control)` : target;
}

function VersionText({ version }: { version: unknown }) {
  if (!isRecord(version)) return null;
  const number = typeof version.number === 'number' ? version.number : null;
  const what = str(version.fileName)
    ? `${str(version.fileName)} (${formatBytes(typeof version.size === 'number' ? version.size : null)})`
    : (str(version.url) ??
      (str(version.note)
        ? `note “${cut(str(version.note) ?? '', 80)}”`
        : str(version.recordType)
          ? `record ${str(version.recordType)}`
          : ''));
  return (
    <Text size="sm">
      {number !== null ? `Version ${number}` : 'A version'}
      {what ? `: ${what}` : ''}
      {str(version.comment) ? (
        <Text span c="dimmed" size="sm">
          {' '}
          — {str(version.comment)}
        </Text>
      ) : null}
    </Text>
  );
}

function Diff({ entry, known }: { entry: HistoryEntry; known: EvidenceLink[] }) {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  switch (entry.action) {
    case 'evidence.created': {
      const links = Array.isArray(after.links) ? after.links : [];
      return (
        <Stack gap={2}>
          <Text size="sm">Added “{str(after.title) ?? ''}”</Text>
          <VersionText version={after.current} />
          {links.length ? (
            <Text size="sm" c="dimmed">
              Linked to {links.map((l) => linkText(l, known)).join(', ')}
            </Text>
          ) : null}
          {str(after.reviewDue) ? (
            <Text size="sm" c="dimmed">
              Review date {formatDay(str(after.reviewDue))}
            </Text>
          ) : null}
        </Stack>
      );
    }
    case 'evidence.version-added': {
      const moved = (['effectiveDate', 'reviewDue'] as const).filter((f) => before[f] !== after[f]);
      return (
        <Stack gap={2}>
          <VersionText version={after.version} />
          {moved.map((f) => (
            <Text size="sm" key={f}>
              <Text span fw={600}>
                {fieldLabels[f]}:
              </Text>{' '}
              <Text span c="dimmed" td="line-through">
                {show(f, before[f])}
              </Text>{' '}
              → {show(f, after[f])}
            </Text>
          ))}
        </Stack>
      );
    }
    case 'evidence.linked':
    case 'evidence.unlinked': {
      const links = Array.isArray(after.links) ? after.links : Array.isArray(before.links) ? before.links : [];
      return (
        <Text size="sm">
          {entry.action === 'evidence.linked' ? 'Linked to ' : 'Link removed: '}
          {links.map((l) => linkText(l, known)).join(', ')}
        </Text>
      );
    }
    default: {
      const fields = changedFields(before, after).filter((f) => f in fieldLabels);
      if (fields.length === 0) {
        return (
          <Text size="sm" c="dimmed">
            No field changed
          </Text>
        );
      }
      return (
        <Box component="ul" m={0} pl="md">
          {fields.map((f) => (
            <Text component="li" size="sm" key={f}>
              <Text span fw={600}>
                {fieldLabels[f]}:
              </Text>{' '}
              <Text span c="dimmed" td="line-through">
                {show(f, before[f])}
              </Text>{' '}
              → <Text span>{show(f, after[f])}</Text>
            </Text>
          ))}
        </Box>
      );
    }
  }
}

/** The audit trail of one evidence item, newest first. */
export function EvidenceHistory({ org, id, links }: { org: string; id: string; links: EvidenceLink[] }) {
  return (
    <HistorySection
      history={useEvidenceHistory(org, id)}
      title={null}
      description="Every change to this evidence, newest first, from the organization’s hash-chained audit log."
      badge={(entry) => actionWords[entry.action] ?? { label: entry.action, color: 'gray' }}
      change={(entry) => <Diff entry={entry} known={links} />}
    />
  );
}
