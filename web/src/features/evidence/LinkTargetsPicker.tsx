import { MultiSelect, SimpleGrid } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, seg } from '../../lib/api.ts';
import { ObjectiveMultiSelect } from '../objectives/ObjectiveMultiSelect.tsx';
import type { RiskList } from '../risks/api.ts';
import { SystemMultiSelect } from '../risks/SystemMultiSelect.tsx';
import { ControlMultiSelect, RequirementMultiSelect } from './CatalogMultiSelects.tsx';
import type { LinkSelection, RecordTarget } from './targets.ts';

/** Risks for a picker: up to 500 by reference, searched on the server when the register holds more. */
function RiskMultiSelect({
  org,
  value,
  onChange,
  error,
}: {
  org: string;
  value: RecordTarget[];
  onChange: (v: RecordTarget[]) => void;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const risks = useQuery({
    queryKey: ['org', org, 'risks', 'options', debounced],
    queryFn: ({ signal }) =>
      api.get<RiskList>(`/api/orgs/${seg(org)}/risks`, { query: { sort: 'ref', pageSize: 500, q: debounced || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
  const known = useMemo(() => {
    const map = new Map<string, RecordTarget>();
    for (const r of value) map.set(r.id, r);
    for (const r of risks.data?.items ?? []) map.set(r.id, { id: r.id, ref: r.ref, name: r.title });
    return map;
  }, [value, risks.data]);
  return (
    <MultiSelect
      label="Risks"
      description="Risks whose treatment this evidence shows"
      placeholder={value.length === 0 ? (risks.isPending ? 'Loading risks…' : 'Search by reference or title') : undefined}
      data={[...known.values()].map((r) => ({ value: r.id, label: `${r.ref} · ${r.name}` }))}
      value={value.map((r) => r.id)}
      onChange={(ids) => onChange(ids.map((id) => known.get(id)).filter((r): r is RecordTarget => r !== undefined))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={debounced ? ({ options }) => options : undefined}
      nothingFoundMessage={risks.isError ? 'Could not load the risks' : 'No risk matches'}
      hidePickedOptions
      clearable
      error={error}
      maxDropdownHeight={280}
    />
  );
}

export interface LinkTargetsPickerProps {
  org: string;
  value: LinkSelection;
  onChange: (value: LinkSelection) => void;
  /** The API's message for a kind of target (`controls`, `requirements`, `risks`, `systems`, `objectives`). */
  errorOf?: (field: keyof LinkSelection) => string | undefined;
}

/** What evidence supports: Annex A and own controls, clauses of ISO/IEC 42001, risks, AI systems and AI objectives. */
export function LinkTargetsPicker({ org, value, onChange, errorOf = () => undefined }: LinkTargetsPickerProps) {
  const set = <K extends keyof LinkSelection>(k: K, v: LinkSelection[K]) => onChange({ ...value, [k]: v });

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ControlMultiSelect org={org} value={value.controls} onChange={(v) => set('controls', v)} error={errorOf('controls')} />
      <RequirementMultiSelect
        org={org}
        value={value.requirements}
        onChange={(v) => set('requirements', v)}
        error={errorOf('requirements')}
      />
      <RiskMultiSelect org={org} value={value.risks} onChange={(v) => set('risks', v)} error={errorOf('risks')} />
      <SystemMultiSelect
        org={org}
        value={value.systems}
        onChange={(v) => set('systems', v)}
        description="AI systems this evidence is about"
        error={errorOf('systems')}
      />
      <ObjectiveMultiSelect
        org={org}
        value={value.objectives}
        onChange={(v) => set('objectives', v)}
        description="AI objectives whose progress this evidence shows"
        error={errorOf('objectives')}
      />
    </SimpleGrid>
  );
}
