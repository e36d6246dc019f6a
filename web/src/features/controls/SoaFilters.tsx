import { Button, CloseButton, Group, Paper, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { ImplementationStatus } from './api.ts';
import { applicabilityLabels, implementationStatuses, statusLabels, type Applicability } from './labels.ts';
import { hasSoaFilters, type SoaFilterState } from './soa-filters.ts';

export interface SoaFiltersProps {
  state: SoaFilterState;
  areas: { area: string; title: string; count: number }[];
  onChange: (patch: Partial<SoaFilterState>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

/** The SoA's filters: area, applicability, status, flagged only, and a text search. */
export function SoaFilters({ state, areas, onChange, onClear }: SoaFiltersProps) {
  const [input, setInput] = useState(state.q);
  const [debounced] = useDebouncedValue(input.trim(), 250);

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

  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-label="Filter controls">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label="Search"
          placeholder="Control, title, owner, risk, justification"
          type="search"
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          maxLength={200}
          rightSection={input ? <CloseButton aria-label="Clear search" onClick={() => setInput('')} /> : null}
        />
        <Select
          label="Area"
          placeholder="Every area"
          data={areas.map((a) => ({
            value: a.area,
            label: a.area.startsWith('A.') ? `${a.area} ${a.title}` : a.title || 'Own controls',
          }))}
          value={state.area}
          onChange={(v) => onChange({ area: v })}
          clearable
        />
        <Select
          label="Applicability"
          placeholder="Any"
          data={(Object.keys(applicabilityLabels) as Applicability[]).map((a) => ({ value: a, label: applicabilityLabels[a] }))}
          value={state.applicability}
          onChange={(v) => onChange({ applicability: v as Applicability | null })}
          clearable
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={implementationStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          value={state.status}
          onChange={(v) => onChange({ status: v as ImplementationStatus | null })}
          clearable
        />
      </SimpleGrid>
      <Group justify="space-between" mt="sm" gap="sm">
        <Switch label="Flagged only" checked={state.flagged} onChange={(e) => onChange({ flagged: e.currentTarget.checked })} />
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            setInput('');
            setWritten('');
            onClear();
          }}
          disabled={!hasSoaFilters(state)}
        >
          Clear filters
        </Button>
      </Group>
    </Paper>
  );
}
