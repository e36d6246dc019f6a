import { Text } from '@mantine/core';
import { FieldChanges } from '../audit-log/FieldChanges.tsx';
import { HistorySection } from '../audit-log/HistorySection.tsx';
import { useMonitoringHistory, type HistoryEntry } from './api.ts';
import { frequencyLabels, thresholdText } from './labels.ts';
import { isRecord } from '../../lib/changes.ts';

const actionWords: Record<string, { label: string; color: string }> = {
  'monitoring-plan.created': { label: 'Plan added', color: 'grape' },
  'monitoring-plan.updated': { label: 'Plan changed', color: 'blue' },
  'monitoring-plan.deleted': { label: 'Plan deleted', color: 'red' },
  'monitoring-run.created': { label: 'Run recorded', color: 'teal' },
  'monitoring-run.acknowledged': { label: 'Acknowledged', color: 'gray' },
  'monitoring-run.risk-raised': { label: 'Risk raised', color: 'violet' },
};

const fieldLabels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  spec: 'What is measured',
  thresholds: 'Thresholds',
  frequency: 'Frequency',
  owner: 'Owner',
  controls: 'Controls',
  requirements: 'Requirements',
  status: 'Status',
  alert: 'Alert',
};

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'thresholds' && Array.isArray(value)) {
    const list = value.filter(isRecord).map((t) => thresholdText({ key: String(t.key), op: t.op as '>=', value: Number(t.value) }));
    return list.length ? list.join('; ') : 'none';
  }
  if (field === 'frequency' && typeof value === 'string') return frequencyLabels[value as keyof typeof frequencyLabels] ?? value;
  if (typeof value === 'string') return value.length > 140 ? `${value.slice(0, 139)}…` : value;
  return JSON.stringify(value).slice(0, 140);
}

function Change({ entry }: { entry: HistoryEntry }) {
  const after = isRecord(entry.after) ? entry.after : {};
  switch (entry.action) {
    case 'monitoring-plan.created':
      return (
        <Text size="sm">
          Added “{show('title', after.title)}”, {show('thresholds', after.thresholds)}
        </Text>
      );
    case 'monitoring-run.created':
      return (
        <Text size="sm">
          {show('ref', after.ref)}: {after.status === 'breached' ? 'breached a threshold' : 'passed'}
        </Text>
      );
    case 'monitoring-run.acknowledged':
      return <Text size="sm">“{show('note', after.note)}”</Text>;
    case 'monitoring-run.risk-raised':
      return <Text size="sm">Raised as {show('riskRef', after.riskRef)}</Text>;
    case 'monitoring-plan.deleted':
      return null;
    default:
      return <FieldChanges before={entry.before} after={entry.after} labels={fieldLabels} show={show} />;
  }
}

/** A plan's or a run's audit trail: who changed, ran or answered it, and when. */
export function MonitoringHistory({ org, kind, id }: { org: string; kind: 'plans' | 'runs'; id: string }) {
  return (
    <HistorySection
      history={useMonitoringHistory(org, kind, id)}
      headingId={`${kind}-history`}
      description={`Every change to this ${kind === 'plans' ? 'plan' : 'run'}, newest first, from the organization’s hash-chained audit log.`}
      badge={(entry) => actionWords[entry.action] ?? { label: entry.action, color: 'gray' }}
      change={(entry) => <Change entry={entry} />}
    />
  );
}
