import { Text } from '@mantine/core';
import { FieldChanges } from '../audit-log/FieldChanges.tsx';
import { HistorySection } from '../audit-log/HistorySection.tsx';
import { formatDay } from '../risks/labels.ts';
import { useObjectiveHistory, type HistoryEntry, type ObjectiveStatus } from './api.ts';
import { statusLabels, targetText } from './labels.ts';
import { isRecord } from '../../lib/changes.ts';

const actionWords: Record<string, { label: string; color: string }> = {
  'objective.created': { label: 'Objective added', color: 'grape' },
  'objective.updated': { label: 'Objective changed', color: 'blue' },
  'objective.deleted': { label: 'Objective deleted', color: 'red' },
};

const fieldLabels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  topics: 'Topics',
  policyLink: 'Link to the AI policy',
  owner: 'Owner',
  targetDate: 'Target date',
  actions: 'What will be done',
  resources: 'Resources',
  evaluation: 'Evaluation',
  measure: 'Measure',
  status: 'Status',
};

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'measure' && isRecord(value) && typeof value.key === 'string') {
    return targetText({ key: value.key, op: value.op as '>=', value: Number(value.value) });
  }
  if (field === 'status' && typeof value === 'string') return statusLabels[value as ObjectiveStatus] ?? value;
  if (field === 'targetDate' && typeof value === 'string') return formatDay(value);
  if (field === 'topics' && Array.isArray(value)) {
    const ids = value.map((t) => (isRecord(t) ? String(t.id) : String(t)));
    return ids.length ? ids.join(', ') : 'none';
  }
  if (typeof value === 'string') return value.length > 140 ? `${value.slice(0, 139)}…` : value;
  return JSON.stringify(value).slice(0, 140);
}

function Change({ entry }: { entry: HistoryEntry }) {
  const after = isRecord(entry.after) ? entry.after : {};
  if (entry.action === 'objective.created') return <Text size="sm">Added “{show('title', after.title)}”</Text>;
  if (entry.action === 'objective.deleted') return null;
  return <FieldChanges before={entry.before} after={entry.after} labels={fieldLabels} show={show} ignore={['version', 'updatedAt']} />;
}

/** An objective's audit trail: who set it and changed it, and when. */
export function ObjectiveHistory({ org, id }: { org: string; id: string }) {
  return (
    <HistorySection
      history={useObjectiveHistory(org, id)}
      description="Every change to this objective, newest first, from the organization’s hash-chained audit log."
      badge={(entry) => actionWords[entry.action] ?? { label: entry.action, color: 'gray' }}
      change={(entry) => <Change entry={entry} />}
    />
  );
}
