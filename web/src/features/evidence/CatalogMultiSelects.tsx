import { MultiSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useFramework } from '../catalog/api.ts';
import { useControlCatalog } from '../risks/ControlPicker.tsx';
import { ISO_42001, type ControlTarget, type RequirementTarget } from './targets.ts';

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

interface CatalogMultiSelectProps<T> {
  org: string;
  value: T[];
  onChange: (value: T[]) => void;
  label?: string;
  description?: string;
  /** Shown while nothing is chosen (after the catalog is read). */
  example?: string;
  /** The API's message for this field. */
  error?: string | undefined;
}

interface CatalogOptions {
  groups: { group: string; items: { value: string; label: string }[] }[];
  titles: Map<string, string>;
  isPending: boolean;
  /** Said in place of the API's message when the catalog could not be read. */
  failed: string | undefined;
}

/** One multi-select over catalog items grouped as the catalog groups them; chosen items it does not list still show as chosen. */
function CatalogMultiSelect<T>({
  value,
  onChange,
  options,
  keyOf,
  fromKey,
  nameOf,
  label,
  description,
  example,
  loading,
  nothingFound,
  error,
}: Omit<CatalogMultiSelectProps<T>, 'org'> & {
  options: CatalogOptions;
  keyOf: (t: T) => string;
  fromKey: (framework: string, id: string) => T;
  /** The label of a chosen item the options do not hold. */
  nameOf: (t: T) => string;
  loading: string;
  nothingFound: string;
}) {
  const extra = value.filter((t) => !options.titles.has(keyOf(t)));
  const data = extra.length
    ? [...options.groups, { group: 'Chosen', items: extra.map((t) => ({ value: keyOf(t), label: nameOf(t) })) }]
    : options.groups;
  return (
    <MultiSelect
      label={label}
      description={description}
      placeholder={value.length === 0 ? (options.isPending ? loading : example) : undefined}
      data={data}
      value={value.map(keyOf)}
      onChange={(values) => onChange(values.map((v) => fromKey(...split(v))))}
      searchable
      hidePickedOptions
      clearable
      nothingFoundMessage={nothingFound}
      maxDropdownHeight={320}
      error={error ?? options.failed}
    />
  );
}

const controlWords = {
  label: 'Controls',
  description: 'Annex A controls and your own controls',
  example: 'e.g. A.6.2.6',
  loading: 'Loading the controls…',
  nothingFound: 'No control matches',
};

/** Annex A controls by area and the organization's own controls, several at a time. */
export function ControlMultiSelect({ org, ...props }: CatalogMultiSelectProps<ControlTarget>) {
  const controls = useControlCatalog(org);
  const failed = controls.error ? 'Could not load the controls' : undefined;
  return (
    <CatalogMultiSelect
      {...controlWords}
      {...props}
      options={{ ...controls, failed }}
      keyOf={(c) => key(c.framework, c.control)}
      fromKey={(framework, control) => ({ framework, control })}
      nameOf={(c) => c.control}
    />
  );
}

const clauseWords = {
  label: 'Requirements',
  description: 'Clauses of ISO/IEC 42001 (4.1 … 10.2)',
  example: 'e.g. 9.2 Internal audit',
  loading: 'Loading the clauses…',
  nothingFound: 'No clause matches',
};

/** Clauses of ISO/IEC 42001, several at a time; chosen items of other frameworks (e.g. set through the API) stay chosen. */
export function RequirementMultiSelect({ org, ...props }: CatalogMultiSelectProps<RequirementTarget>) {
  const clauses = useClauseOptions(org);
  const failed = clauses.framework.isError ? 'Could not load the clauses' : undefined;
  return (
    <CatalogMultiSelect
      {...clauseWords}
      {...props}
      options={{ ...clauses, isPending: clauses.framework.isPending, failed }}
      keyOf={(r) => key(r.framework, r.item)}
      fromKey={(framework, item) => ({ framework, item })}
      nameOf={(r) => `${r.framework} ${r.item}`}
    />
  );
}
