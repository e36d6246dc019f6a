import { Badge, Button, CloseButton, Group, MultiSelect, Paper, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { HeatMap, RiskCriteriaContent, RiskStatus } from './api.ts';
import { riskStatuses, statusLabels } from './labels.ts';
import { hasFilters, type RiskListState } from './list-params.ts';

export interface RiskFiltersProps {
  state: RiskListState;
  criteria: RiskCriteriaContent | undefined;
  heatMap: HeatMap | undefined;
  onChange: (patch: Partial<RiskListState>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

/** The register's filters; every change lands in the address, so a filtered view can be shared. */
export function RiskFilters({ state, criteria, heatMap, onChange, onClear }: RiskFiltersProps) {
  const [input, setInput] = useState(state.q);
  const [debounced] = useDebouncedValue(input.trim(), 300);

  // Typing settles into the address; the address changing by itself (Back, a card) resets the box.
  const [written, setWritten] = useState(state.q);
  useEffect(() => {
    if (debounced === written || debounced !== input.trim()) return;
    setWritten(debounced);
    onChange({ q: debounced }, { replace: true });
  }, [debounced, input, written, onChange]);
  const [seen, setSeen] = useState(state.q);
  if (state.q !== seen) {
    setSeen(state.q);
    if (state.q !== written) {
      setWritten(state.q);
      setInput(state.q);
    }
  }

  const cell =
    state.likelihood !== null && state.impact !== null
      ? {
          likelihood: heatMap?.likelihood[state.likelihood - 1]?.label ?? String(state.likelihood),
          impact: heatMap?.impact[state.impact - 1]?.label ?? String(state.impact),
        }
      : null;

  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-label="Filter risks">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label="Search"
          placeholder="Reference, title, description"
          type="search"
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          maxLength={200}
          rightSection={input ? <CloseButton aria-label="Clear search" onClick={() => setInput('')} /> : null}
        />
        <MultiSelect
          label="Status"
          placeholder={state.status.length === 0 ? 'Any status' : undefined}
          data={riskStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          value={state.status}
          onChange={(v) => onChange({ status: v as RiskStatus[] })}
          clearable
        />
        <MultiSelect
          label="Inherent level"
          placeholder={state.level.length === 0 ? 'Any level' : undefined}
          data={(criteria?.levels ?? []).map((l) => ({ value: l.id, label: l.label }))}
          value={state.level}
          onChange={(v) => onChange({ level: v })}
          clearable
        />
      </SimpleGrid>
      <Group justify="space-between" mt="sm" gap="sm">
        <Group gap="lg">
          <Switch
            label="Needs attention"
            checked={state.needsAttention}
            onChange={(e) => onChange({ needsAttention: e.currentTarget.checked })}
          />
          <Switch
            label="Review overdue"
            checked={state.reviewOverdue}
            onChange={(e) => onChange({ reviewOverdue: e.currentTarget.checked })}
          />
          <Switch
            label="Treatment overdue"
            checked={state.treatmentOverdue}
            onChange={(e) => onChange({ treatmentOverdue: e.currentTarget.checked })}
          />
          {cell ? (
            <Badge
              size="lg"
              radius="sm"
              variant="light"
              color="dark"
              tt="none"
              fw={500}
              data-testid="cell-filter"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label="Clear the heat-map cell filter"
                  onClick={() => onChange({ likelihood: null, impact: null, residual: false })}
                />
              }
            >
              {state.residual ? 'Residual' : 'Inherent'}: likelihood {cell.likelihood}, impact {cell.impact}
              {state.status.length ? '' : ' (open risks)'}
            </Badge>
          ) : null}
        </Group>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            setInput('');
            setWritten('');
            onClear();
          }}
          disabled={!hasFilters(state)}
        >
          Clear filters
        </Button>
      </Group>
    </Paper>
  );
}
