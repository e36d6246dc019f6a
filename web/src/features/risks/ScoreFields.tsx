import { Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { RiskCriteriaContent } from './api.ts';
import { isAboveThreshold, levelAt } from './labels.ts';
import { LevelBadge } from './RiskBadges.tsx';

function StepOption({ label, definition }: { label: string; definition: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {definition ? (
        <Text size="xs" c="dimmed">
          {definition}
        </Text>
      ) : null}
    </Stack>
  );
}

export interface ScoreFieldsProps {
  criteria: RiskCriteriaContent;
  likelihood: number | null;
  impact: number | null;
  onChange: (scores: { likelihood: number | null; impact: number | null }) => void;
  /** "Likelihood" / "Residual likelihood" … */
  likelihoodLabel?: string;
  impactLabel?: string;
  /** What the computed level is called: "Inherent level", "Residual level". */
  levelLabel?: string;
  likelihoodError?: string | undefined;
  impactError?: string | undefined;
  disabled?: boolean;
}

/**
 * Likelihood and impact, chosen from the steps of the organization's scales with their definitions,
 * and the level the criteria matrix gives the pair, shown as it changes.
 */
export function ScoreFields({
  criteria,
  likelihood,
  impact,
  onChange,
  likelihoodLabel = 'Likelihood',
  impactLabel = 'Impact',
  levelLabel = 'Level',
  likelihoodError,
  impactError,
  disabled,
}: ScoreFieldsProps) {
  const level = levelAt(criteria, likelihood, impact);
  const definition = (scale: RiskCriteriaContent['likelihood'], value: number | null) =>
    value === null ? 'Not estimated yet' : (scale[value - 1]?.definition ?? '');
  const toValue = (v: string | null) => (v === null || v === '' ? null : Number(v));

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={likelihoodLabel}
          placeholder="Choose a step"
          data={criteria.likelihood.map((s) => ({ value: String(s.value), label: `${s.value} · ${s.label}` }))}
          value={likelihood === null ? null : String(likelihood)}
          onChange={(v) => onChange({ likelihood: toValue(v), impact })}
          renderOption={({ option }) => (
            <StepOption label={option.label} definition={criteria.likelihood[Number(option.value) - 1]?.definition ?? ''} />
          )}
          description={definition(criteria.likelihood, likelihood)}
          clearable
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          error={likelihoodError}
          disabled={disabled}
          comboboxProps={{ width: 360, position: 'bottom-start' }}
        />
        <Select
          label={impactLabel}
          placeholder="Choose a step"
          data={criteria.impact.map((s) => ({ value: String(s.value), label: `${s.value} · ${s.label}` }))}
          value={impact === null ? null : String(impact)}
          onChange={(v) => onChange({ likelihood, impact: toValue(v) })}
          renderOption={({ option }) => (
            <StepOption label={option.label} definition={criteria.impact[Number(option.value) - 1]?.definition ?? ''} />
          )}
          description={definition(criteria.impact, impact)}
          clearable
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          error={impactError}
          disabled={disabled}
          comboboxProps={{ width: 360, position: 'bottom-start' }}
        />
      </SimpleGrid>
      <Group gap="xs" aria-live="polite" data-testid={`computed-${levelLabel.toLowerCase().replace(/\s+/g, '-')}`}>
        <Text size="sm" fw={500}>
          {levelLabel}:
        </Text>
        <LevelBadge level={level} emptyLabel="Choose both to see the level" />
        {level && isAboveThreshold(criteria, level) ? (
          <Text size="xs" c="red.8">
            Above the acceptance threshold: treat it before its residual risk is accepted.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
