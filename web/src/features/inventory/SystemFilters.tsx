import { Button, CloseButton, Group, MultiSelect, Paper, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { EuRole, LifecycleStage } from '../../../../src/domain/schemas/inventory.schemas.ts';
import { euRoleLabels, euRoles, lifecycleStages, riskFilters, riskLabels, stageLabels, type RiskFilter } from './labels.ts';
import { hasFilters, type SystemListState } from './list-params.ts';

export interface SystemFiltersProps {
  state: SystemListState;
  onChange: (patch: Partial<SystemListState>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

/** The table's filters; every change lands in the address, so a filtered view can be shared. */
export function SystemFilters({ state, onChange, onClear }: SystemFiltersProps) {
  const [input, setInput] = useState(state.q);
  const [debounced] = useDebouncedValue(input.trim(), 300);

  // Typing settles into the address; the address changing by itself (Back, a summary card) resets the box.
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

  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-label="Filter AI systems">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <TextInput
          label="Search"
          placeholder="Reference, name, purpose, owner"
          type="search"
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          maxLength={200}
          rightSection={input ? <CloseButton aria-label="Clear search" onClick={() => setInput('')} /> : null}
        />
        <MultiSelect
          label="Life-cycle stage"
          placeholder={state.stage.length === 0 ? 'Any stage' : undefined}
          data={lifecycleStages.map((s) => ({ value: s, label: stageLabels[s] }))}
          value={state.stage}
          onChange={(v) => onChange({ stage: v as LifecycleStage[] })}
          clearable
        />
        <MultiSelect
          label="Risk class"
          placeholder={state.riskClass.length === 0 ? 'Any risk class' : undefined}
          data={riskFilters.map((r) => ({ value: r, label: riskLabels[r] }))}
          value={state.riskClass}
          onChange={(v) => onChange({ riskClass: v as RiskFilter[] })}
          clearable
        />
        <Select
          label="EU AI Act role"
          placeholder="Any role"
          data={euRoles.map((r) => ({ value: r, label: euRoleLabels[r] }))}
          value={state.euRole}
          onChange={(v) => onChange({ euRole: (v as EuRole | null) ?? null })}
          clearable
        />
        <Select
          label="AIMS scope"
          placeholder="In or out of scope"
          data={[
            { value: 'true', label: 'In AIMS scope' },
            { value: 'false', label: 'Outside the AIMS scope' },
          ]}
          value={state.inScope}
          onChange={(v) => onChange({ inScope: v === 'true' || v === 'false' ? v : null })}
          clearable
        />
      </SimpleGrid>
      <Group justify="space-between" mt="sm">
        <Switch
          label="Only reviews overdue"
          checked={state.reviewOverdue}
          onChange={(e) => onChange({ reviewOverdue: e.currentTarget.checked })}
        />
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
