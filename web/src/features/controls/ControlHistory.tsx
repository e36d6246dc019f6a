import { HistorySection } from '../audit-log/HistorySection.tsx';
import { Box, Text } from '@mantine/core';
import { useImplementationHistory, type HistoryEntry, type ImplementationStatus, type InclusionReasonKind } from './api.ts';
import { applicabilityLabels, applicabilityOf, reasonLabels, statusLabels } from './labels.ts';
import { changedFields, isRecord } from '../../lib/changes.ts';

/** The fields of an implementation as people read them; the others are bookkeeping. */
const fieldLabels: Record<string, string> = {
  applicable: 'Applicability',
  inclusionReasons: 'Reasons for including it',
  exclusionJustification: 'Exclusion justification',
  status: 'Implementation status',
  owner: 'Owner',
  description: 'How it is implemented',
  reviewDue: 'Review date',
};

function cut(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function show(field: string, value: unknown): string {
  if (field === 'applicable') return applicabilityLabels[applicabilityOf(typeof value === 'boolean' ? value : null)];
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return statusLabels[value as ImplementationStatus] ?? value;
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return cut(
      value
        .map((r) =>
          isRecord(r) && typeof r.text === 'string'
            ? `${reasonLabels[r.kind as InclusionReasonKind] ?? String(r.kind)}: ${r.text}`
            : String(r),
        )
        .join('; '),
    );
  }
  return cut(String(value));
}

function Diff({ entry }: { entry: HistoryEntry }) {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const fields = (entry.before == null ? Object.keys(after) : changedFields(before, after)).filter(
    (f) => f in fieldLabels && (entry.before != null || show(f, after[f]) !== '—'),
  );
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
          {entry.before != null ? (
            <>
              <Text span c="dimmed" td="line-through">
                {show(f, before[f])}
              </Text>{' '}
              →{' '}
            </>
          ) : null}
          <Text span>{show(f, after[f])}</Text>
        </Text>
      ))}
    </Box>
  );
}

export interface ControlHistoryProps {
  org: string;
  framework: string;
  control: string;
  systemId?: string | null;
  /** Heading level 2 on the page; 3 inside a section. */
  title?: string;
}

/** The audit trail of one control's implementation, newest first. */
export function ControlHistory({ org, framework, control, systemId, title = 'History' }: ControlHistoryProps) {
  return (
    <HistorySection
      history={useImplementationHistory(org, framework, control, systemId)}
      title={title}
      headingId={`history-${systemId ?? 'org'}`}
      description="Every change to this control’s decision, newest first, from the organization’s hash-chained audit log."
      emptyDescription="Changes appear here as soon as someone records a decision."
      badge={(entry) => (entry.action.endsWith('.created') ? { label: 'Recorded', color: 'grape' } : { label: 'Changed', color: 'blue' })}
      change={(entry) => <Diff entry={entry} />}
    />
  );
}
