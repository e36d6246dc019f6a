import { MultiSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useObjectives } from './api.ts';

export interface ObjectiveChoice {
  id: string;
  ref: string;
  name: string;
}

export interface ObjectiveMultiSelectProps {
  org: string;
  value: ObjectiveChoice[];
  onChange: (objectives: ObjectiveChoice[]) => void;
  description?: string;
  error?: string | undefined;
}

/** Chooses AI objectives by reference or title (an organization has few: all are searched in the browser). */
export function ObjectiveMultiSelect({ org, value, onChange, description, error }: ObjectiveMultiSelectProps) {
  const objectives = useObjectives(org);
  // Chosen objectives stay in the options (their pills need labels) even before the list is read.
  const known = useMemo(() => {
    const map = new Map<string, ObjectiveChoice>();
    for (const o of value) map.set(o.id, o);
    for (const o of objectives.data ?? []) map.set(o.id, { id: o.id, ref: o.ref, name: o.title });
    return map;
  }, [value, objectives.data]);
  return (
    <MultiSelect
      label="AI objectives"
      description={description}
      placeholder={value.length === 0 ? (objectives.isPending ? 'Loading AI objectives…' : 'Search by reference or title') : undefined}
      data={[...known.values()].map((o) => ({ value: o.id, label: `${o.ref} · ${o.name}` }))}
      value={value.map((o) => o.id)}
      onChange={(ids) => onChange(ids.map((id) => known.get(id)).filter((o): o is ObjectiveChoice => o !== undefined))}
      searchable
      nothingFoundMessage={objectives.isError ? 'Could not load the AI objectives' : 'No AI objective matches'}
      hidePickedOptions
      clearable
      error={error}
      comboboxProps={{ position: 'bottom-start' }}
      maxDropdownHeight={280}
    />
  );
}
