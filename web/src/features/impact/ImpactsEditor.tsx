import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { focusFirstInvalid } from '../inventory/form-helpers.tsx';
import { impactPaths, type ImpactArea, type ImpactAudience, type ImpactEntry, type ImpactEntryInput } from './api.ts';
import {
  audienceDescriptions,
  audienceLabels,
  bandOf,
  impactAudiences,
  likelihoodDescriptions,
  likelihoodLabels,
  scaleText,
  severityDescriptions,
  severityLabels,
} from './labels.ts';

/** An impact as the page edits it: `key` tells rows apart before a new one has an id. */
export interface ImpactDraft {
  key: string;
  id: string | null;
  area: string;
  audience: ImpactAudience;
  description: string;
  affected: string;
  severity: number;
  likelihood: number;
  beneficial: boolean;
  mitigation: string;
  riskId: string | null;
  riskRef: string | null;
}

let nextKey = 1;

export function draftOf(entry: ImpactEntry): ImpactDraft {
  return { ...entry, key: entry.id, id: entry.id };
}

/** What the API takes for the list (an existing entry keeps its id, and so its raised risk). */
export function entryInputOf(d: ImpactDraft): ImpactEntryInput {
  return {
    ...(d.id ? { id: d.id } : {}),
    area: d.area,
    audience: d.audience,
    description: d.description.trim(),
    affected: d.affected.trim(),
    severity: d.severity,
    likelihood: d.likelihood,
    beneficial: d.beneficial,
    mitigation: d.mitigation.trim(),
  };
}

/** Whether an entry differs from the saved one (or is new). */
export function entryChanged(d: ImpactDraft, saved: readonly ImpactEntry[]): boolean {
  const before = d.id ? saved.find((e) => e.id === d.id) : undefined;
  if (!before) return true;
  return JSON.stringify(entryInputOf(d)) !== JSON.stringify(entryInputOf(draftOf(before)));
}

interface ModalValues {
  area: string | null;
  audience: ImpactAudience;
  description: string;
  affected: string;
  severity: number | null;
  likelihood: number | null;
  beneficial: boolean;
  mitigation: string;
}

function ScaleSelect({
  label,
  labels,
  descriptions,
  value,
  onChange,
  error,
}: {
  label: string;
  labels: readonly string[];
  descriptions: readonly string[];
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string | undefined;
}) {
  return (
    <Select
      label={label}
      required
      placeholder="Choose 1–5"
      data={labels.map((l, i) => ({ value: String(i + 1), label: `${i + 1} · ${l}` }))}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {option.label}
          </Text>
          <Text size="xs" c="dimmed">
            {descriptions[Number(option.value) - 1]}
          </Text>
        </Stack>
      )}
      description={value === null ? undefined : descriptions[value - 1]}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error}
      allowDeselect={false}
      comboboxProps={{ width: 320, position: 'bottom-start' }}
    />
  );
}

function ImpactForm({
  areas,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  areas: readonly ImpactArea[];
  initial: ModalValues;
  submitLabel: string;
  onSubmit: (values: ModalValues & { area: string; severity: number; likelihood: number }) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof ModalValues>(key: K, value: ModalValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const area = areas.find((a) => a.id === values.area);
  const missing = {
    area: tried && !values.area ? 'Choose the impact area' : undefined,
    description: tried && !values.description.trim() ? 'Describe the impact' : undefined,
    severity: tried && values.severity === null ? 'Choose a severity' : undefined,
    likelihood: tried && values.likelihood === null ? 'Choose a likelihood' : undefined,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    event.stopPropagation();
    setTried(true);
    const { area: a, severity, likelihood } = values;
    if (!a || !values.description.trim() || severity === null || likelihood === null) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    onSubmit({ ...values, area: a, severity, likelihood });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Impact">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Impact area"
            required
            placeholder="Choose an area"
            data={areas.map((a) => ({ value: a.id, label: a.label }))}
            value={values.area}
            onChange={(v) => set('area', v)}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {option.label}
                </Text>
                {areas.find((a) => a.id === option.value)?.help ? (
                  <Text size="xs" c="dimmed">
                    {areas.find((a) => a.id === option.value)?.help}
                  </Text>
                ) : null}
              </Stack>
            )}
            description={area?.help}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            error={missing.area}
            allowDeselect={false}
            data-autofocus
            comboboxProps={{ width: 380, position: 'bottom-start' }}
          />
          <Radio.Group
            label="Who bears it"
            value={values.audience}
            onChange={(v) => set('audience', (impactAudiences as readonly string[]).includes(v) ? (v as ImpactAudience) : 'individuals')}
          >
            <Stack gap={4} mt={6}>
              {impactAudiences.map((a) => (
                <Radio key={a} value={a} label={audienceLabels[a]} description={audienceDescriptions[a]} />
              ))}
            </Stack>
          </Radio.Group>
        </SimpleGrid>
        <Textarea
          label="Impact"
          description="What could happen, to whom, and how it comes about"
          required
          maxLength={4000}
          autosize
          minRows={3}
          maxRows={8}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={missing.description}
        />
        <TextInput
          label="Who exactly is affected"
          description="E.g. “applicants over 55”, “residents of the pilot district”"
          maxLength={1000}
          value={values.affected}
          onChange={(e) => set('affected', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ScaleSelect
            label="Severity"
            labels={severityLabels}
            descriptions={severityDescriptions}
            value={values.severity}
            onChange={(v) => set('severity', v)}
            error={missing.severity}
          />
          <ScaleSelect
            label="Likelihood"
            labels={likelihoodLabels}
            descriptions={likelihoodDescriptions}
            value={values.likelihood}
            onChange={(v) => set('likelihood', v)}
            error={missing.likelihood}
          />
        </SimpleGrid>
        <Checkbox
          label="Beneficial impact"
          description="A positive effect (ISO/IEC 42001 6.1.4 asks for both); beneficial impacts are not raised as risks"
          checked={values.beneficial}
          onChange={(e) => set('beneficial', e.currentTarget.checked)}
        />
        <Textarea
          label={values.beneficial ? 'How it is realised or strengthened' : 'Mitigation'}
          description={
            values.beneficial
              ? 'What makes sure the benefit materialises'
              : 'What reduces the impact or its likelihood: design changes, oversight, information, redress'
          }
          maxLength={4000}
          autosize
          minRows={2}
          maxRows={8}
          value={values.mitigation}
          onChange={(e) => set('mitigation', e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit">{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function Score({ label, labels, value }: { label: string; labels: readonly string[]; value: number }) {
  return (
    <Group gap={6} wrap="nowrap" justify="space-between">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {scaleText(labels, value)}
      </Text>
    </Group>
  );
}

interface ImpactItemProps {
  org: string;
  entry: ImpactDraft;
  number: number;
  areaLabel: string;
  changed: boolean;
  editable: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onRaise: ((entry: ImpactDraft) => void) | null;
  raisingId: string | null;
}

/** One impact: what, who, how serious, the mitigation, and its risk in the register. */
function ImpactItem({ org, entry: e, number, areaLabel, changed, editable, onEdit, onRemove, onRaise, raisingId }: ImpactItemProps) {
  const band = bandOf(e.severity, e.likelihood);
  const name = `impact ${number}`;
  let risk: ReactNode;
  if (e.riskId && e.riskRef) {
    risk = (
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed">
          Raised as
        </Text>
        <Anchor component={Link} to={impactPaths.risk(org, e.riskId)} size="sm" ff="monospace" fw={600} data-testid="raised-risk">
          {e.riskRef}
        </Anchor>
      </Group>
    );
  } else if (e.beneficial) {
    risk = null;
  } else if (onRaise) {
    risk =
      changed || !e.id ? (
        <Tooltip label="Save the changes first: the risk is raised from the saved impact" multiline w={220} withArrow>
          <Button size="compact-sm" variant="light" data-disabled aria-disabled="true" aria-label={`Raise ${name} as a risk`}>
            Raise as risk
          </Button>
        </Tooltip>
      ) : (
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => onRaise(e)}
          loading={raisingId === e.id}
          disabled={raisingId !== null && raisingId !== e.id}
          aria-label={`Raise ${name} as a risk`}
        >
          Raise as risk
        </Button>
      );
  } else {
    risk = (
      <Text size="xs" c="dimmed">
        No risk raised
      </Text>
    );
  }

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      aria-label={`Impact ${number}: ${areaLabel}`}
      data-impact={e.id ?? 'new'}
      style={{ borderLeft: `4px solid ${e.beneficial ? 'var(--mantine-color-teal-5)' : band.colour}` }}
    >
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6}>
            <Text size="xs" c="dimmed" fw={600}>
              {number}.
            </Text>
            <Text size="sm" fw={600}>
              {areaLabel}
            </Text>
            <Badge size="sm" radius="sm" variant="default" tt="none" fw={500}>
              {audienceLabels[e.audience]}
            </Badge>
            {e.beneficial ? (
              <Badge size="sm" radius="sm" color="teal" variant="light" tt="none">
                Beneficial
              </Badge>
            ) : null}
            {changed && editable ? (
              <Badge size="sm" radius="sm" color="yellow" variant="light" tt="none">
                {e.id ? 'Changed, not saved' : 'New, not saved'}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {e.description}
          </Text>
          {e.affected ? (
            <Text size="xs" c="dimmed">
              Affected: {e.affected}
            </Text>
          ) : null}
          <Text
            size="sm"
            c={e.mitigation ? undefined : 'dimmed'}
            fs={e.mitigation ? undefined : 'italic'}
            style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
          >
            <Text span size="xs" fw={700} c="dimmed" tt="uppercase" fs="normal" mr={6}>
              {e.beneficial ? 'Realised by' : 'Mitigation'}
            </Text>
            {e.mitigation || 'None recorded'}
          </Text>
        </Stack>
        <Stack gap={6} w={210} style={{ flexShrink: 0 }}>
          <Score label="Severity" labels={severityLabels} value={e.severity} />
          <Score label="Likelihood" labels={likelihoodLabels} value={e.likelihood} />
          {risk ? <Group justify="flex-end">{risk}</Group> : null}
          {editable ? (
            <Group gap={4} justify="flex-end" wrap="nowrap">
              <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={`Edit ${name}`}>
                Edit
              </Button>
              <Tooltip label={e.riskRef ? `Risk ${e.riskRef} stays in the register` : 'Removed when you save'} withArrow openDelay={300}>
                <Button size="compact-sm" variant="subtle" color="red" onClick={onRemove} aria-label={`Remove ${name}`}>
                  Remove
                </Button>
              </Tooltip>
            </Group>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
}

export interface ImpactsEditorProps {
  org: string;
  areas: readonly ImpactArea[];
  entries: readonly ImpactDraft[];
  /** The entries as saved, to tell which rows have unsaved changes. */
  saved: readonly ImpactEntry[];
  editable: boolean;
  onChange: (entries: ImpactDraft[]) => void;
  /** Whether the user may raise risks here (role and status); null hides the buttons. */
  onRaise: ((entry: ImpactDraft) => void) | null;
  raisingId: string | null;
}

/** The impacts of an assessment: a table, edited one entry at a time in a dialog. */
export function ImpactsEditor({ org, areas, entries, saved, editable, onChange, onRaise, raisingId }: ImpactsEditorProps) {
  const [editing, setEditing] = useState<ImpactDraft | 'new' | null>(null);
  const areaLabel = (id: string) => areas.find((a) => a.id === id)?.label ?? id;

  const initial: ModalValues =
    editing && editing !== 'new'
      ? { ...editing }
      : {
          area: null,
          audience: 'individuals',
          description: '',
          affected: '',
          severity: null,
          likelihood: null,
          beneficial: false,
          mitigation: '',
        };

  return (
    <Stack gap="sm">
      {entries.length === 0 ? (
        <EmptyMessage
          title="No impacts recorded yet"
          description={
            editable
              ? 'Record each foreseeable impact on individuals, groups or society, harmful or beneficial, with its severity, likelihood and mitigation.'
              : 'No impacts were recorded in this assessment.'
          }
        >
          {editable ? <Button onClick={() => setEditing('new')}>Add impact</Button> : null}
        </EmptyMessage>
      ) : (
        <Stack component="ol" aria-label="Impacts" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {entries.map((e, index) => (
            <ImpactItem
              key={e.key}
              org={org}
              entry={e}
              number={index + 1}
              areaLabel={areaLabel(e.area)}
              changed={entryChanged(e, saved)}
              editable={editable}
              onEdit={() => setEditing(e)}
              onRemove={() => onChange(entries.filter((x) => x.key !== e.key))}
              onRaise={onRaise}
              raisingId={raisingId}
            />
          ))}
        </Stack>
      )}
      {editable && entries.length > 0 ? (
        <Group>
          <Button variant="light" onClick={() => setEditing('new')}>
            Add impact
          </Button>
        </Group>
      ) : null}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add impact' : 'Edit impact'}
        size="lg"
        centered
      >
        {editing !== null ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              The change is kept on the page; use “Save changes” to save it with the rest of the assessment.
            </Text>
            <ImpactForm
              areas={areas}
              initial={initial}
              submitLabel={editing === 'new' ? 'Add to the list' : 'Update the entry'}
              onCancel={() => setEditing(null)}
              onSubmit={(values) => {
                if (editing === 'new') {
                  onChange([...entries, { ...values, key: `new-${nextKey++}`, id: null, riskId: null, riskRef: null }]);
                } else {
                  onChange(entries.map((x) => (x.key === editing.key ? { ...x, ...values } : x)));
                }
                setEditing(null);
              }}
            />
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
