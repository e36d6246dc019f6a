import { Badge, Box, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import { changedFields } from '../audit-log/AuditEntryDetails.tsx';
import { useImplementationHistory, type HistoryEntry, type ImplementationStatus, type InclusionReasonKind } from './api.ts';
import { applicabilityLabels, applicabilityOf, reasonLabels, statusLabels } from './labels.ts';

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
  const history = useImplementationHistory(org, framework, control, systemId);
  const id = `history-${systemId ?? 'org'}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Stack gap={2}>
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          Every change to this control’s decision, newest first, from the organization’s hash-chained audit log.
        </Text>
      </Stack>
      <Paper withBorder radius="md">
        {history.isPending ? (
          <LoadingState label="Loading the history…" />
        ) : history.isError ? (
          <Stack p="md">
            <ErrorAlert error={history.error} title="Could not load the history" />
          </Stack>
        ) : history.data.length === 0 ? (
          <EmptyMessage title="No history yet" description="Changes appear here as soon as someone records a decision." />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="History">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={190}>When</Table.Th>
                  <Table.Th w={200}>Who</Table.Th>
                  <Table.Th w={110}>Action</Table.Th>
                  <Table.Th>What changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.map((entry) => {
                  const created = entry.action.endsWith('.created');
                  return (
                    <Table.Tr key={entry.id} style={{ verticalAlign: 'top' }} data-action={entry.action}>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {formatTimestamp(entry.occurredAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {entry.actor.label ?? entry.actor.id ?? entry.actor.type}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={created ? 'grape' : 'blue'} radius="sm" tt="none" title={entry.action}>
                          {created ? 'Recorded' : 'Changed'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Diff entry={entry} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
