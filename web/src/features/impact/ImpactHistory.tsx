import { HistorySection } from '../audit-log/HistorySection.tsx';
import { Box, Text } from '@mantine/core';
import { formatDay } from '../inventory/labels.ts';
import { useImpactHistory, type HistoryEntry, type ImpactStatus, type ImpactTemplateContent } from './api.ts';
import { answerText, isAnswered, plural, statusLabels, templateFields, triggerLabels } from './labels.ts';
import { isRecord } from '../../lib/changes.ts';

const actionWords: Record<string, string> = {
  created: 'Started',
  updated: 'Edited',
  submitted: 'Submitted for review',
  approved: 'Approved',
  superseded: 'Superseded',
  'risk-raised': 'Risk raised',
  deleted: 'Deleted',
};

function actionColor(action: string): string {
  if (action.endsWith('.deleted')) return 'red';
  if (action.endsWith('.approved')) return 'teal';
  if (action.endsWith('.superseded')) return 'dark';
  if (action.endsWith('.risk-raised')) return 'orange';
  if (action.endsWith('.created')) return 'grape';
  return 'blue';
}

function cut(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

type Fields = Map<string, ReturnType<typeof templateFields>[number]>;

function answerShown(fields: Fields, id: string, value: unknown): string {
  return isAnswered(value) ? cut(answerText(fields.get(id), value)) : '—';
}

function Change({ label, before, after }: { label: string; before: string; after: string }) {
  return (
    <Text component="li" size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      <Text span c="dimmed" td="line-through">
        {before}
      </Text>{' '}
      → <Text span>{after}</Text>
    </Text>
  );
}

/** What an edit changed: title, triggers, review date, each answer by its question, and the impacts in counts. */
function EditDiff({ before, after, fields }: { before: Record<string, unknown>; after: Record<string, unknown>; fields: Fields }) {
  const items: { key: string; label: string; before: string; after: string }[] = [];
  if (before.title !== after.title) items.push({ key: 'title', label: 'Title', before: String(before.title), after: String(after.title) });
  const triggers = (v: unknown) =>
    Array.isArray(v) && v.length ? v.map((t) => triggerLabels[t as keyof typeof triggerLabels] ?? String(t)).join(', ') : '—';
  if (JSON.stringify(before.triggers) !== JSON.stringify(after.triggers))
    items.push({ key: 'triggers', label: 'Triggers', before: triggers(before.triggers), after: triggers(after.triggers) });
  if (before.reviewDue !== after.reviewDue)
    items.push({
      key: 'reviewDue',
      label: 'Review due',
      before: formatDay(before.reviewDue as string | null),
      after: formatDay(after.reviewDue as string | null),
    });
  const a0 = isRecord(before.answers) ? before.answers : {};
  const a1 = isRecord(after.answers) ? after.answers : {};
  for (const id of new Set([...Object.keys(a0), ...Object.keys(a1)])) {
    if (JSON.stringify(a0[id]) === JSON.stringify(a1[id])) continue;
    items.push({
      key: `answer-${id}`,
      label: fields.get(id)?.label ?? id,
      before: answerShown(fields, id, a0[id]),
      after: answerShown(fields, id, a1[id]),
    });
  }
  const i0 = Array.isArray(before.impacts) ? before.impacts.filter(isRecord) : [];
  const i1 = Array.isArray(after.impacts) ? after.impacts.filter(isRecord) : [];
  const ids0 = new Set(i0.map((e) => e.id));
  const ids1 = new Set(i1.map((e) => e.id));
  const added = i1.filter((e) => !ids0.has(e.id)).length;
  const removed = i0.filter((e) => !ids1.has(e.id)).length;
  const changed = i1.filter((e) => {
    const old = i0.find((o) => o.id === e.id);
    return old !== undefined && JSON.stringify(old) !== JSON.stringify(e);
  }).length;
  const impactWords = [
    added ? `${plural(added, 'impact')} added` : '',
    changed ? `${plural(changed, 'impact')} changed` : '',
    removed ? `${plural(removed, 'impact')} removed` : '',
  ].filter(Boolean);

  if (items.length === 0 && impactWords.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No field changed
      </Text>
    );
  }
  return (
    <Box component="ul" m={0} pl="md">
      {items.map((i) => (
        <Change key={i.key} label={i.label} before={i.before} after={i.after} />
      ))}
      {impactWords.length ? (
        <Text component="li" size="sm">
          <Text span fw={600}>
            Impacts:
          </Text>{' '}
          {impactWords.join(', ')}
        </Text>
      ) : null}
    </Box>
  );
}

function Diff({ entry, fields }: { entry: HistoryEntry; fields: Fields }) {
  const { before, after, action } = entry;
  if (action.endsWith('.risk-raised') && isRecord(after)) {
    return <Text size="sm">Raised {typeof after.riskRef === 'string' ? after.riskRef : 'a risk'} in the risk register from an impact</Text>;
  }
  if (action.endsWith('.superseded') && isRecord(after)) {
    const by = isRecord(after.supersededBy) && typeof after.supersededBy.ref === 'string' ? after.supersededBy.ref : 'a revision';
    return <Text size="sm">Superseded by {by}, approved as its revision</Text>;
  }
  if (action.endsWith('.submitted') || action.endsWith('.approved')) {
    const from = isRecord(before) ? statusLabels[before.status as ImpactStatus] : undefined;
    const to = isRecord(after) ? statusLabels[after.status as ImpactStatus] : undefined;
    return (
      <Text size="sm">
        Status: {from ?? '—'} → {to ?? '—'}
      </Text>
    );
  }
  if (before == null && isRecord(after)) {
    const answers = isRecord(after.answers) ? Object.keys(after.answers).length : 0;
    const impacts = Array.isArray(after.impacts) ? after.impacts.length : 0;
    return (
      <Text size="sm">
        {after.supersedes ? 'Started as a revision' : 'Started'}
        {typeof after.templateName === 'string' ? ` from “${after.templateName}”` : ''}
        <Text span c="dimmed" size="sm">
          {' '}
          with {plural(answers, 'answer')} and {plural(impacts, 'impact')}
        </Text>
      </Text>
    );
  }
  if (after == null && isRecord(before)) {
    return (
      <Text size="sm" c="dimmed">
        Deleted{typeof before.title === 'string' ? ` “${before.title}”` : ''}
      </Text>
    );
  }
  if (isRecord(before) && isRecord(after)) return <EditDiff before={before} after={after} fields={fields} />;
  return null;
}

/** The audit trail of one impact assessment, newest first. */
export function ImpactHistory({ org, id, template }: { org: string; id: string; template: ImpactTemplateContent | undefined }) {
  const fields: Fields = new Map(template ? templateFields(template).map((f) => [f.id, f]) : []);
  return (
    <HistorySection
      history={useImpactHistory(org, id)}
      headingId={`history-${id}`}
      description="Every change to this assessment, newest first, from the organization's hash-chained audit log."
      badge={(entry) => ({ label: actionWords[entry.action.split('.').pop() ?? ''] ?? entry.action, color: actionColor(entry.action) })}
      change={(entry) => <Diff entry={entry} fields={fields} />}
    />
  );
}
