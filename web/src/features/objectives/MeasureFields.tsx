import { Anchor, Autocomplete, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, seg } from '../../lib/api.ts';
import { monitoringKey, monitoringPaths, usePlans, type MonitoringRun } from '../monitoring/api.ts';
import { formatValue, operatorWords } from '../monitoring/labels.ts';
import type { ObjectiveFormState } from './objective-form.ts';

const opOptions = (['>=', '>', '<=', '<'] as const).map((op) => ({ value: op, label: `${op}  (${operatorWords[op]})` }));

/** The values of a plan's latest run (shared with the run page's cache). */
function useRunValues(org: string, runId: string | null) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'run', runId],
    queryFn: ({ signal }) => api.get<MonitoringRun>(`/api/orgs/${seg(org)}/monitoring/runs/${seg(runId ?? '')}`, { signal }),
    enabled: runId !== null,
  });
}

export interface MeasureFieldsProps {
  org: string;
  form: ObjectiveFormState;
  onChange: (patch: Partial<ObjectiveFormState>) => void;
  /** The API's message for a field of the measure: `planId`, `key`, `op` or `value`. */
  errorOf: (field: 'planId' | 'key' | 'op' | 'value') => string | undefined;
}

/**
 * The target as a metric a monitoring plan computes: the plan, the metric key (its thresholds' keys
 * and its latest run's keys suggested; any key allowed), an operator and a value.
 */
export function MeasureFields({ org, form, onChange, errorOf }: MeasureFieldsProps) {
  const plans = usePlans(org);
  const plan = plans.data?.find((p) => p.id === form.planId || p.ref === form.planId) ?? null;
  const run = useRunValues(org, plan?.lastRun?.id ?? null);
  const values = run.data?.values ?? {};
  const thresholdKeys = [...new Set(plan?.thresholds.map((t) => t.key) ?? [])];
  const runKeys = Object.keys(values)
    .filter((k) => !thresholdKeys.includes(k))
    .sort();
  const suggestions = [
    ...(thresholdKeys.length ? [{ group: 'Thresholds of the plan', items: thresholdKeys }] : []),
    ...(runKeys.length ? [{ group: 'Other metrics of its latest run', items: runKeys }] : []),
  ];
  const key = form.key.trim();
  const latest = key && key in values ? values[key] : undefined;

  return (
    <Stack gap="sm">
      <Select
        label="Monitoring plan"
        description="Its runs measure the objective; each run becomes evidence for it"
        placeholder={plans.isPending ? 'Loading the monitoring plans…' : 'Choose a plan'}
        data={(plans.data ?? []).map((p) => ({
          value: p.id,
          label: `${p.ref} · ${p.title}${p.system ? ` (${p.system.ref} ${p.system.name})` : ''}`,
        }))}
        value={plan?.id ?? null}
        onChange={(v) => onChange({ planId: v })}
        searchable
        withAsterisk
        nothingFoundMessage={plans.isError ? 'Could not load the monitoring plans' : 'No plan matches'}
        error={errorOf('planId')}
        maxDropdownHeight={280}
      />
      {plans.data && plans.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          The organization has no monitoring plan yet.{' '}
          <Anchor component={Link} to={monitoringPaths.newPlan(org)} size="sm">
            Add one
          </Anchor>{' '}
          first, or leave the objective unmeasured.
        </Text>
      ) : null}
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Autocomplete
          label="Metric key"
          description={plan ? 'A metric the plan’s runs compute: start typing, or pick one' : 'Choose the plan first'}
          placeholder="e.g. sex:demographic_parity_ratio.between_groups"
          data={suggestions}
          value={form.key}
          onChange={(k) => onChange({ key: k })}
          error={errorOf('key')}
          withAsterisk
          limit={60}
          maxDropdownHeight={280}
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Select
          label="Must be"
          data={opOptions}
          value={form.op}
          onChange={(op) => op && onChange({ op: op as ObjectiveFormState['op'] })}
          allowDeselect={false}
          error={errorOf('op')}
          w={170}
        />
        <NumberInput
          label="Target value"
          withAsterisk
          value={form.value}
          onChange={(value) => onChange({ value })}
          decimalScale={6}
          step={0.05}
          error={errorOf('value')}
          w={140}
        />
      </Group>
      {plan && key ? (
        <Text size="xs" c="dimmed" data-testid="measure-latest">
          {!plan.lastRun
            ? 'The plan has not been run yet: the objective counts as not measured until it is.'
            : latest !== undefined
              ? `Latest run ${plan.lastRun.ref}: ${formatValue(latest)}`
              : run.isPending
                ? 'Reading the latest run…'
                : `The latest run ${plan.lastRun.ref} has no metric ${key}.`}
        </Text>
      ) : null}
    </Stack>
  );
}
