import { Anchor, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { catalogPaths, ISO_42001, useFramework } from '../catalog/api.ts';

const OTHER = '__own__';

/** The Annex C risk sources (C.3.1 … C.3.7) from the catalog. */
export function useRiskSources(org: string) {
  const framework = useFramework(org, ISO_42001);
  const sources = (framework.data?.items ?? []).filter((item) => item.kind === 'risk-source');
  return { sources, isPending: framework.isPending, isError: framework.isError };
}

export interface RiskSourceFieldProps {
  org: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** An Annex C risk source from a list, or the user's own words ("or describe your own"). */
export function RiskSourceField({ org, value, onChange, error }: RiskSourceFieldProps) {
  const { sources, isPending, isError } = useRiskSources(org);
  const isAnnexC = sources.some((s) => s.id === value);
  const [ownChosen, setOwnChosen] = useState(false);
  const own = !isAnnexC && (ownChosen || (value !== '' && !isPending));
  const selected = isAnnexC ? value : own ? OTHER : null;

  return (
    <Stack gap="xs">
      <Select
        label="Risk source"
        description="Where the risk comes from: a risk source of ISO/IEC 42001 Annex C, or your own description"
        placeholder={isPending ? 'Loading the Annex C risk sources…' : 'Choose a risk source'}
        data={[
          { group: 'ISO/IEC 42001 Annex C', items: sources.map((s) => ({ value: s.id, label: `${s.id} ${s.title}` })) },
          { group: 'Other', items: [{ value: OTHER, label: 'Describe your own…' }] },
        ]}
        value={selected}
        onChange={(v) => {
          if (v === OTHER) {
            setOwnChosen(true);
            if (isAnnexC) onChange('');
          } else {
            setOwnChosen(false);
            onChange(v ?? '');
          }
        }}
        clearable
        error={isError ? 'Could not load the Annex C risk sources; describe the source in your own words.' : own ? undefined : error}
      />
      {own || isError ? (
        <TextInput
          label="Your own risk source"
          description="In a few words, e.g. “Prompt injection through uploaded documents”"
          maxLength={300}
          value={isAnnexC ? '' : value}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
        />
      ) : null}
    </Stack>
  );
}

/** A risk source as text: an Annex C source links to its catalog page. */
export function RiskSourceText({ org, value }: { org: string; value: string }) {
  const { sources } = useRiskSources(org);
  const source = sources.find((s) => s.id === value);
  if (!value) return null;
  if (!source) return <Text size="sm">{value}</Text>;
  return (
    <Anchor component={Link} to={catalogPaths.item(org, ISO_42001, source.id)} size="sm">
      <Text span ff="monospace" fw={600} size="sm">
        {source.id}
      </Text>{' '}
      {source.title}
    </Anchor>
  );
}
