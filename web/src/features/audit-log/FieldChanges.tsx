import { List } from '@mantine/core';
import { changedFields, isRecord } from '../../lib/changes.ts';

/**
 * What an update entry changed, one line per field: its label, the value before → after.
 * `show` renders a field's value; fields in `ignore` (bookkeeping) are left out. Nothing when no
 * field changed.
 */
export function FieldChanges({
  before,
  after,
  labels,
  show,
  ignore = [],
}: {
  before: unknown;
  after: unknown;
  labels: Record<string, string>;
  show: (field: string, value: unknown) => string;
  ignore?: readonly string[];
}) {
  const fields = changedFields(before, after).filter((f) => !ignore.includes(f));
  if (fields.length === 0) return null;
  const from = isRecord(before) ? before : {};
  const to = isRecord(after) ? after : {};
  return (
    <List size="sm" spacing={2}>
      {fields.map((f) => (
        <List.Item key={f}>
          <b>{labels[f] ?? f}:</b> {show(f, from[f])} → {show(f, to[f])}
        </List.Item>
      ))}
    </List>
  );
}
