import { HistorySection } from '../audit-log/HistorySection.tsx';
import { Box, Text } from '@mantine/core';
import { useRecordHistory, type HistoryEntry } from './api.ts';
import { formatDay, plural, statusLabels, treatmentLabels } from './labels.ts';
import { changedFields, isRecord } from '../../lib/changes.ts';

/** Field names as people read them, for risks and assessments (treatment fields flattened). */
const fieldLabels: Record<string, string> = {
  ref: 'Reference',
  title: 'Title',
  description: 'Description',
  riskSource: 'Risk source',
  systems: 'AI systems',
  consequencesOrganization: 'Consequences to the organization',
  consequencesIndividuals: 'Consequences to individuals',
  consequencesSociety: 'Consequences to society',
  likelihood: 'Likelihood',
  impact: 'Impact',
  inherentLevel: 'Inherent level',
  owner: 'Risk owner',
  status: 'Status',
  reviewDue: 'Review date',
  criteriaNumber: 'Risk criteria version',
  acceptance: 'Acceptance',
  'treatment.option': 'Treatment option',
  'treatment.plan': 'Treatment plan',
  'treatment.controls': 'Controls',
  'treatment.actions': 'Actions',
  'treatment.residualLikelihood': 'Residual likelihood',
  'treatment.residualImpact': 'Residual impact',
  'treatment.residualLevel': 'Residual level',
  scope: 'Scope',
  participants: 'Participants',
  method: 'Method',
  performedOn: 'Performed on',
  summary: 'Summary',
  approvedBy: 'Approved by',
  approvedAt: 'Approved at',
  nextDue: 'Next due',
};

/** Bookkeeping and derived flags that change with every write and say nothing on their own. */
const ignored = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'reviewOverdue',
  'treatmentOverdue',
  'aboveThreshold',
  'needsAttention',
  'origin',
  'results',
]);

const actionWords: Record<string, string> = {
  created: 'Created',
  updated: 'Edited',
  'updated-acceptance-withdrawn': 'Edited, acceptance withdrawn',
  'treatment-changed': 'Treatment changed',
  'treatment-changed-acceptance-withdrawn': 'Treatment changed, acceptance withdrawn',
  'residual-accepted': 'Residual risk accepted',
  approved: 'Approved',
  deleted: 'Deleted',
  imported: 'Imported',
};

function actionColor(action: string): string {
  if (action.endsWith('.deleted') || action.includes('withdrawn')) return 'red';
  if (action.endsWith('.residual-accepted') || action.endsWith('.approved')) return 'teal';
  if (action.endsWith('.created') || action.endsWith('.imported')) return 'grape';
  return 'blue';
}

/** The record with its treatment fields flattened to `treatment.x`, so each can be compared and named. */
function flatten(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const { treatment, ...rest } = value;
  const out: Record<string, unknown> = { ...rest };
  if (isRecord(treatment)) for (const [k, v] of Object.entries(treatment)) out[`treatment.${k}`] = v;
  return out;
}

function cut(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A short rendering of one value: levels by label, lists of systems, controls and actions by name. */
function show(value: unknown, field?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return statusLabels[value as keyof typeof statusLabels] ?? value;
  if (field === 'treatment.option' && typeof value === 'string') return treatmentLabels[value as keyof typeof treatmentLabels] ?? value;
  if (field === 'scope' && typeof value === 'string') return value === 'aims' ? 'Whole AIMS' : 'Chosen AI systems';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return cut(
      value
        .map((v) => {
          if (!isRecord(v)) return String(v);
          if (typeof v.control === 'string') return v.control;
          if (typeof v.name === 'string') return typeof v.ref === 'string' ? `${v.ref} ${v.name}` : v.name;
          if (typeof v.title === 'string') return v.done === true ? `${v.title} (done)` : v.title;
          return JSON.stringify(v);
        })
        .join(', '),
    );
  }
  if (isRecord(value)) {
    if (isRecord(value.level) && typeof value.acceptedBy === 'string') return `${String(value.level.label)}, by ${value.acceptedBy}`;
    if (typeof value.label === 'string' && 'rank' in value) return value.label;
    return cut(JSON.stringify(value));
  }
  return cut(String(value));
}

function Change({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  return (
    <Text component="li" size="sm">
      <Text span fw={600}>
        {fieldLabels[field] ?? field}:
      </Text>{' '}
      <Text span c="dimmed" td="line-through">
        {show(before, field)}
      </Text>{' '}
      → <Text span>{show(after, field)}</Text>
    </Text>
  );
}

function Diff({ entry }: { entry: HistoryEntry }) {
  const before = flatten(entry.before);
  const after = flatten(entry.after);
  if (entry.action.endsWith('.approved') && isRecord(entry.after)) {
    const count = Array.isArray(entry.after.results) ? entry.after.results.length : 0;
    const nextDue = typeof entry.after.nextDue === 'string' ? entry.after.nextDue : null;
    return (
      <Text size="sm">
        Results frozen: {plural(count, 'risk')}
        {nextDue ? (
          <Text span c="dimmed" size="sm">
            {' '}
            · next assessment due {formatDay(nextDue)}
          </Text>
        ) : null}
      </Text>
    );
  }
  if (entry.before == null && isRecord(entry.after)) {
    const filled = Object.keys(after).filter((k) => !ignored.has(k) && fieldLabels[k] && show(after[k], k) !== '—');
    return (
      <Text size="sm">
        Created{typeof after.title === 'string' ? ` “${after.title}”` : ''}
        <Text span c="dimmed" size="sm">
          {' '}
          with {filled.length} {filled.length === 1 ? 'field' : 'fields'} filled in
        </Text>
      </Text>
    );
  }
  if (entry.after == null && isRecord(entry.before)) {
    return (
      <Text size="sm" c="dimmed">
        Deleted{typeof before.title === 'string' ? ` “${before.title}”` : ''}
      </Text>
    );
  }
  const fields = changedFields(before, after).filter((f) => !ignored.has(f));
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
        <Change key={f} field={f} before={before[f]} after={after[f]} />
      ))}
    </Box>
  );
}

/** The audit trail of a risk or an assessment, newest first. */
export function RecordHistory({ org, kind, id }: { org: string; kind: 'risks' | 'risk-assessments'; id: string }) {
  return (
    <HistorySection
      history={useRecordHistory(org, kind, id)}
      headingId={`history-${id}`}
      description="Every change to this record, newest first, from the organization's hash-chained audit log."
      badge={(entry) => ({ label: actionWords[entry.action.split('.').pop() ?? ''] ?? entry.action, color: actionColor(entry.action) })}
      change={(entry) => <Diff entry={entry} />}
    />
  );
}
