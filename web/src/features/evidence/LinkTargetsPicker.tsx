import { MultiSelect, SimpleGrid } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, seg } from '../../lib/api.ts';
import { useFramework } from '../catalog/api.ts';
import type { RiskList } from '../risks/api.ts';
import { useControlCatalog } from '../risks/ControlPicker.tsx';
import { SystemMultiSelect } from '../risks/SystemMultiSelect.tsx';
import { ISO_42001, type LinkSelection, type RecordTarget } from './targets.ts';

const key = (framework: string, id: string) => `${framework}|${id}`;
const split = (value: string) => {
  const at = value.indexOf('|');
  return [value.slice(0, at), value.slice(at + 1)] as const;
};

/** The clauses of ISO/IEC 42001 (4.1 … 10.2) as options; the top-level clause headings group them. */
function useClauseOptions(org: string) {
  const framework = useFramework(org, ISO_42001);
  return useMemo(() => {
    const items = framework.data?.items ?? [];
    const headings = new Map(items.filter((i) => i.kind === 'clause' && !i.id.includes('.')).map((i) => [i.id, i.title]));
    const groups = new Map<string, { value: string; label: string }[]>();
    const titles = new Map<string, string>();
    for (const item of items) {
      if (item.kind !== 'clause' || !item.id.includes('.')) continue;
      const top = item.id.split('.')[0] ?? '';
      const group = `${top} ${headings.get(top) ?? ''}`.trim();
      titles.set(key(ISO_42001, item.id), item.title);
      groups.set(group, [...(groups.get(group) ?? []), { value: key(ISO_42001, item.id), label: `${item.id} ${item.title}` }]);
    }
    return { groups: [...groups.entries()].map(([group, options]) => ({ group, items: options })), titles, framework };
  }, [framework]);
}

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
  /** The API's message for a kind of target (`controls`, `requirements`, `risks`, `systems`). */
  errorOf?: (field: keyof LinkSelection) => string | undefined;
}

/** What evidence supports: Annex A and own controls, clauses of ISO/IEC 42001, risks and AI systems. */
export function LinkTargetsPicker({ org, value, onChange, errorOf = () => undefined }: LinkTargetsPickerProps) {
  const controls = useControlCatalog(org);
  const clauses = useClauseOptions(org);
  const set = <K extends keyof LinkSelection>(k: K, v: LinkSelection[K]) => onChange({ ...value, [k]: v });

  // Chosen targets the catalog does not list (e.g. from the address) still show as chosen.
  const extraControls = value.controls.filter((c) => !controls.titles.has(key(c.framework, c.control)));
  const controlData = extraControls.length
    ? [...controls.groups, { group: 'Chosen', items: extraControls.map((c) => ({ value: key(c.framework, c.control), label: c.control })) }]
    : controls.groups;
  const extraRequirements = value.requirements.filter((r) => !clauses.titles.has(key(r.framework, r.item)));
  const requirementData = extraRequirements.length
    ? [
        ...clauses.groups,
        {
          group: 'Chosen',
          items: extraRequirements.map((r) => ({ value: key(r.framework, r.item), label: `${r.framework} ${r.item}` })),
        },
      ]
    : clauses.groups;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <MultiSelect
        label="Controls"
        description="Annex A controls and your own controls"
        placeholder={value.controls.length === 0 ? (controls.isPending ? 'Loading the controls…' : 'e.g. A.6.2.6') : undefined}
        data={controlData}
        value={value.controls.map((c) => key(c.framework, c.control))}
        onChange={(values) =>
          set(
            'controls',
            values.map((v) => {
              const [framework, control] = split(v);
              return { framework, control };
            }),
          )
        }
        searchable
        hidePickedOptions
        clearable
        nothingFoundMessage="No control matches"
        maxDropdownHeight={320}
        error={errorOf('controls') ?? (controls.error ? 'Could not load the controls' : undefined)}
      />
      <MultiSelect
        label="Requirements"
        description="Clauses of ISO/IEC 42001 (4.1 … 10.2)"
        placeholder={
          value.requirements.length === 0 ? (clauses.framework.isPending ? 'Loading the clauses…' : 'e.g. 9.2 Internal audit') : undefined
        }
        data={requirementData}
        value={value.requirements.map((r) => key(r.framework, r.item))}
        onChange={(values) =>
          set(
            'requirements',
            values.map((v) => {
              const [framework, item] = split(v);
              return { framework, item };
            }),
          )
        }
        searchable
        hidePickedOptions
        clearable
        nothingFoundMessage="No clause matches"
        maxDropdownHeight={320}
        error={errorOf('requirements') ?? (clauses.framework.isError ? 'Could not load the clauses' : undefined)}
      />
      <RiskMultiSelect org={org} value={value.risks} onChange={(v) => set('risks', v)} error={errorOf('risks')} />
      <SystemMultiSelect
        org={org}
        value={value.systems}
        onChange={(v) => set('systems', v)}
        description="AI systems this evidence is about"
        error={errorOf('systems')}
      />
    </SimpleGrid>
  );
}
