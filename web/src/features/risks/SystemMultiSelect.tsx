import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useSystemOptions, type SystemRef } from './api.ts';

export interface SystemMultiSelectProps {
  org: string;
  value: SystemRef[];
  onChange: (systems: SystemRef[]) => void;
  label?: string;
  description?: string;
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
}

const labelOf = (s: SystemRef) => `${s.ref} · ${s.name}`;

/**
 * Chooses AI systems from the inventory by reference or name. Up to 500 are searched in the browser;
 * a larger inventory is searched on the server as you type.
 */
export function SystemMultiSelect({
  org,
  value,
  onChange,
  label = 'AI systems',
  description,
  placeholder,
  error,
  required,
}: SystemMultiSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const all = useSystemOptions(org, '');
  const large = all.data !== undefined && all.data.total > all.data.items.length;
  const searched = useSystemOptions(org, debounced, large && debounced !== '');
  const source = large && debounced ? searched.data : all.data;

  // Chosen systems stay in the options (their pills need labels) even when a search leaves them out.
  const known = useMemo(() => {
    const map = new Map<string, SystemRef>();
    for (const s of value) map.set(s.id, s);
    for (const s of source?.items ?? []) map.set(s.id, { id: s.id, ref: s.ref, name: s.name });
    return map;
  }, [value, source]);
  const data = [...known.values()].map((s) => ({ value: s.id, label: labelOf(s) }));

  return (
    <MultiSelect
      label={label}
      description={description}
      placeholder={
        value.length === 0 ? (placeholder ?? (all.isPending ? 'Loading AI systems…' : 'Search by reference or name')) : undefined
      }
      data={data}
      value={value.map((s) => s.id)}
      onChange={(ids) => onChange(ids.map((id) => known.get(id)).filter((s): s is SystemRef => s !== undefined))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched a large inventory (also purpose and owner): show what it found.
      filter={large && debounced ? ({ options }) => options : undefined}
      nothingFoundMessage={all.isError ? 'Could not load the AI systems' : 'No AI system matches'}
      hidePickedOptions
      clearable
      maxValues={500}
      error={error}
      required={required}
      comboboxProps={{ position: 'bottom-start' }}
      maxDropdownHeight={280}
    />
  );
}
