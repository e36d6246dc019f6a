import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useSystemChoices } from './api.ts';

export interface SystemChoice {
  id: string;
  ref: string;
  name: string;
}

export interface SystemSelectProps {
  org: string;
  value: SystemChoice | null;
  onChange: (system: SystemChoice | null) => void;
  label?: string;
  description?: string;
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
  clearable?: boolean;
  autoFocus?: boolean;
}

const labelOf = (s: SystemChoice) => `${s.ref} · ${s.name}`;

/**
 * Chooses one AI system from the inventory by reference or name. Up to 500 are searched in the
 * browser; a larger inventory is searched on the server as you type.
 */
export function SystemSelect({
  org,
  value,
  onChange,
  label = 'AI system',
  description,
  placeholder,
  error,
  required,
  clearable,
  autoFocus,
}: SystemSelectProps) {
  const [search, setSearch] = useState(value ? labelOf(value) : '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const all = useSystemChoices(org, '');
  const large = all.data !== undefined && all.data.total > all.data.items.length;
  // The box shows the chosen system's label: that is not a search.
  const query = value && debounced === labelOf(value) ? '' : debounced;
  const searched = useSystemChoices(org, query, large && query !== '');
  const source = large && query ? searched.data : all.data;

  const known = useMemo(() => {
    const map = new Map<string, SystemChoice>();
    if (value) map.set(value.id, value);
    for (const s of source?.items ?? []) map.set(s.id, { id: s.id, ref: s.ref, name: s.name });
    return map;
  }, [value, source]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? (all.isPending ? 'Loading AI systems…' : 'Search by reference or name')}
      data={[...known.values()].map((s) => ({ value: s.id, label: labelOf(s) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (known.get(id) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={large && query ? ({ options }) => options : undefined}
      nothingFoundMessage={all.isError ? 'Could not load the AI systems' : 'No AI system matches'}
      clearable={clearable}
      required={required}
      error={error}
      data-autofocus={autoFocus ? true : undefined}
      comboboxProps={{ position: 'bottom-start' }}
      maxDropdownHeight={280}
    />
  );
}
