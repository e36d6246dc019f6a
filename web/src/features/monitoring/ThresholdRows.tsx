import { ActionIcon, Autocomplete, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { operatorWords } from './labels.ts';
import { newThresholdRow, type ThresholdRow } from './plan-form.ts';

const opOptions = (['>=', '>', '<=', '<'] as const).map((op) => ({ value: op, label: `${op}  (${operatorWords[op]})` }));

export interface ThresholdRowsProps {
  rows: ThresholdRow[];
  onChange: (rows: ThresholdRow[]) => void;
  suggestions: string[];
  /** The API's message for a field of row i: `key`, `op` or `value`. */
  errorOf: (index: number, field: 'key' | 'op' | 'value') => string | undefined;
  starter: Omit<ThresholdRow, 'id'> | null;
  disabled?: boolean;
}

/** The plan's thresholds as editable rows: a metric key (suggested from the spec), an operator and a value. */
export function ThresholdRows({ rows, onChange, suggestions, errorOf, starter, disabled }: ThresholdRowsProps) {
  const change = (id: number, patch: Partial<ThresholdRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <Stack gap="sm">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No thresholds yet: runs would be kept as evidence but never breach.
        </Text>
      ) : null}
      {rows.map((row, i) => (
        <Group key={row.id} gap="sm" align="flex-start" wrap="nowrap" data-threshold-row={i}>
          <Autocomplete
            label={i === 0 ? 'Metric key' : undefined}
            aria-label={`Metric key of threshold ${i + 1}`}
            placeholder="e.g. sex:demographic_parity_ratio.between_groups"
            data={suggestions}
            value={row.key}
            onChange={(key) => change(row.id, { key })}
            error={errorOf(i, 'key')}
            disabled={disabled}
            limit={40}
            maxDropdownHeight={260}
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Select
            label={i === 0 ? 'Must be' : undefined}
            aria-label={`Operator of threshold ${i + 1}`}
            data={opOptions}
            value={row.op}
            onChange={(op) => op && change(row.id, { op: op as ThresholdRow['op'] })}
            allowDeselect={false}
            error={errorOf(i, 'op')}
            disabled={disabled}
            w={170}
          />
          <NumberInput
            label={i === 0 ? 'Value' : undefined}
            aria-label={`Value of threshold ${i + 1}`}
            value={row.value}
            onChange={(value) => change(row.id, { value })}
            decimalScale={6}
            step={0.05}
            error={errorOf(i, 'value')}
            disabled={disabled}
            w={130}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={i === 0 ? 28 : 4}
            onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            aria-label={`Remove threshold ${i + 1}`}
            disabled={disabled}
          >
            <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </ActionIcon>
        </Group>
      ))}
      <Group gap="sm">
        <Button variant="light" size="xs" onClick={() => onChange([...rows, newThresholdRow()])} disabled={disabled}>
          Add threshold
        </Button>
        {starter && !rows.some((r) => r.key === starter.key) ? (
          <Button variant="subtle" size="xs" onClick={() => onChange([...rows, newThresholdRow(starter)])} disabled={disabled}>
            Add {starter.key} {starter.op} {starter.value}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
