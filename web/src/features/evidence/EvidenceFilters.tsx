import { Button, CloseButton, Group, MultiSelect, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useControlCatalog } from '../risks/ControlPicker.tsx';
import type { EvidenceKind, EvidenceState } from './api.ts';
import { evidenceKindList, evidenceStateList, kindLabels, stateLabels } from './labels.ts';
import { hasFilters, type EvidenceListState } from './list-params.ts';
import { controlFromParam, controlParam } from './targets.ts';

export interface EvidenceFiltersProps {
  org: string;
  state: EvidenceListState;
  onChange: (patch: Partial<EvidenceListState>, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

/** The table's filters; every change lands in the address, so a filtered view can be shared. */
export function EvidenceFilters({ org, state, onChange, onClear }: EvidenceFiltersProps) {
  const catalog = useControlCatalog(org);
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

  const chosen = state.control ? controlFromParam(state.control) : null;
  const chosenKey = chosen ? `${chosen.framework}|${chosen.control}` : null;
  // A control named in the address but not (yet) in the catalog still shows as chosen.
  const controlData =
    chosenKey && !catalog.titles.has(chosenKey) && chosen
      ? [...catalog.groups, { group: 'Chosen', items: [{ value: chosenKey, label: chosen.control }] }]
      : catalog.groups;

  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-label="Filter evidence">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
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
          label="Kind"
          placeholder={state.kind.length === 0 ? 'Any kind' : undefined}
          data={evidenceKindList.map((k) => ({ value: k, label: kindLabels[k] }))}
          value={state.kind}
          onChange={(v) => onChange({ kind: v as EvidenceKind[] })}
          clearable
        />
        <MultiSelect
          label="State"
          placeholder={state.state.length === 0 ? 'Any state' : undefined}
          data={evidenceStateList.map((s) => ({ value: s, label: stateLabels[s] }))}
          value={state.state}
          onChange={(v) => onChange({ state: v as EvidenceState[] })}
          clearable
        />
        <Select
          label="Linked control"
          placeholder={catalog.isPending ? 'Loading the controls…' : 'Any control'}
          data={controlData}
          value={chosenKey}
          onChange={(v) => {
            const [framework = '', control = ''] = v ? v.split('|') : [];
            onChange({ control: v ? controlParam(framework, control) : null });
          }}
          searchable
          clearable
          nothingFoundMessage="No control matches"
          maxDropdownHeight={320}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
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
