import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { ControlMultiSelect, RequirementMultiSelect } from '../evidence/CatalogMultiSelects.tsx';
import { SystemSelect, type SystemChoice } from '../impact/SystemSelect.tsx';
import type { MetricKind, MonitoringFrequency } from './api.ts';
import { allOnFields, fieldError } from './form-errors.ts';
import { alwaysClause, alwaysControls, driftTestOptions, frequencyLabels, metricDescriptions, metricLabels } from './labels.ts';
import { keySuggestions, starterThreshold, type PlanFormState } from './plan-form.ts';
import { ThresholdRows } from './ThresholdRows.tsx';
import type { DriftTestName } from './types.ts';
import { PaperSection } from '../../lib/components/RecordParts.tsx';

const FIELDS = ['systemId', 'title', 'description', 'spec', 'thresholds', 'frequency', 'owner', 'controls', 'requirements'] as const;

/** "A.6.2.6, A.5.4 and A.6.2.4" */
function listed(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** In plain words, what every run is linked to anyway, so the user only adds others. */
function alwaysLinkedText(metric: MetricKind): string {
  const [operation, ...own] = alwaysControls(metric).map((c) => c.control);
  return (
    `Each run is kept as evidence and always linked to clause ${alwaysClause.item}, control ${operation ?? ''} and, for a ` +
    `${metricLabels[metric].toLowerCase()} plan, ${own.length > 1 ? 'controls' : 'control'} ${listed(own)}, so you need not add these. ` +
    'Optional: add other controls or clauses the runs also show are in place.'
  );
}

export interface PlanFormProps {
  org: string;
  /** The form's accessible name. */
  label: string;
  initial: PlanFormState;
  system: SystemChoice | null;
  /** Chooses the AI system; left out when it is fixed (an existing plan). */
  onSystem?: (system: SystemChoice | null) => void;
  systemError?: string | null;
  /** The metric cannot change (an existing plan: its runs and trends are of that metric). */
  fixedMetric?: boolean;
  error: unknown;
  errorTitle: string;
  pending: boolean;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (form: PlanFormState) => void;
}

/**
 * A monitoring plan's fields: the AI system, what is measured (the metric and its columns), the
 * thresholds, the schedule. The API's complaints are shown at the fields they name.
 */
export function PlanForm({
  org,
  label,
  initial,
  system,
  onSystem,
  systemError,
  fixedMetric = false,
  error,
  errorTitle,
  pending,
  submitLabel,
  cancelTo,
  onSubmit,
}: PlanFormProps) {
  const [form, setForm] = useState<PlanFormState>(initial);
  const set = <K extends keyof PlanFormState>(key: K, value: PlanFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (field: string) => fieldError(error, field);
  const metric = form.metric;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(form);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="lg" maw={980}>
        {error ? (
          isApiError(error, 'validation_failed') && allOnFields(error, FIELDS) ? (
            <Alert color="red" variant="light" title={errorTitle} role="alert">
              Check the fields marked in red.
            </Alert>
          ) : (
            <ErrorAlert error={error} title={errorTitle} />
          )
        ) : null}

        <PaperSection id="plan-what" title="The plan">
          {onSystem ? (
            <SystemSelect
              org={org}
              value={system}
              onChange={onSystem}
              label="AI system"
              description="The AI system whose operation is monitored; fixed once the plan exists"
              required
              error={systemError ?? err('systemId')}
            />
          ) : (
            <TextInput
              label="AI system"
              description="Fixed once the plan exists"
              value={system ? `${system.ref} · ${system.name}` : ''}
              readOnly
              disabled
            />
          )}
          <TextInput
            label="Title"
            placeholder="e.g. Quarterly fairness check of shortlisting"
            withAsterisk
            maxLength={300}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={err('title')}
          />
          <Textarea
            label="Description"
            description="Why this is monitored and what a breach would mean"
            autosize
            minRows={2}
            maxLength={4000}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={err('description')}
          />
        </PaperSection>

        <PaperSection id="plan-metric" title="What is measured" description={metricDescriptions[metric]}>
          <SegmentedControl
            aria-label="Metric"
            value={metric}
            onChange={(v) => set('metric', v as MetricKind)}
            disabled={fixedMetric}
            data={(['fairness', 'performance', 'drift'] as const).map((m) => ({ value: m, label: metricLabels[m] }))}
            maw={480}
          />
          {metric === 'performance' ? (
            <SegmentedControl
              aria-label="Task"
              value={form.task}
              onChange={(v) => set('task', v as PlanFormState['task'])}
              data={[
                { value: 'classification', label: 'Classification' },
                { value: 'regression', label: 'Regression' },
              ]}
              maw={320}
            />
          ) : null}
          {metric === 'fairness' || metric === 'performance' ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  label="True label column"
                  description="What really happened (0/1, or a class)"
                  placeholder="y_true"
                  withAsterisk
                  value={form.label}
                  onChange={(e) => set('label', e.currentTarget.value)}
                  error={err('spec.label')}
                />
                <TextInput
                  label="Prediction column"
                  description="What the AI system predicted"
                  placeholder="y_pred"
                  withAsterisk
                  value={form.prediction}
                  onChange={(e) => set('prediction', e.currentTarget.value)}
                  error={err('spec.prediction')}
                />
              </SimpleGrid>
              <TagsInput
                label="Sensitive features"
                description={
                  metric === 'fairness'
                    ? 'Columns that put people in groups (up to 5): press Enter after each'
                    : 'Optional: columns to break the metrics down by (up to 5)'
                }
                placeholder={form.sensitive.length ? undefined : 'group, sex'}
                withAsterisk={metric === 'fairness'}
                value={form.sensitive}
                onChange={(v) => set('sensitive', v)}
                maxTags={5}
                splitChars={[',', ' ']}
                error={err('spec.sensitive')}
              />
              {metric === 'fairness' ? (
                <Checkbox
                  label="Also compare the intersection of the sensitive features (e.g. every group × sex combination)"
                  checked={form.intersect}
                  onChange={(e) => set('intersect', e.currentTarget.checked)}
                  disabled={form.sensitive.length < 2}
                />
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                <TextInput
                  label="Positive class"
                  description="Only when labels are not 0/1"
                  value={form.positive}
                  onChange={(e) => set('positive', e.currentTarget.value)}
                  error={err('spec.positive')}
                />
                <TextInput
                  label="Score column"
                  description="Optional: for ROC AUC"
                  value={form.score}
                  onChange={(e) => set('score', e.currentTarget.value)}
                  error={err('spec.score')}
                />
                {metric === 'fairness' ? (
                  <NumberInput
                    label="Small group below"
                    description="Groups with fewer rows are flagged"
                    min={1}
                    allowDecimal={false}
                    value={form.minGroupSize}
                    onChange={(v) => set('minGroupSize', v)}
                    error={err('spec.minGroupSize')}
                  />
                ) : null}
              </SimpleGrid>
            </>
          ) : (
            <>
              <TagsInput
                label="Columns to compare"
                description="Leave empty to compare every column both data sets share"
                value={form.columns}
                onChange={(v) => set('columns', v)}
                splitChars={[',', ' ']}
                error={err('spec.columns')}
              />
              <TagsInput
                label="Numeric columns to read as categories"
                description="Codes stored as numbers (a rating, a postcode)"
                value={form.categorical}
                onChange={(v) => set('categorical', v)}
                splitChars={[',', ' ']}
                error={err('spec.categorical')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <MultiSelect
                  label="Extra tests"
                  description="Reported for every column besides the test Evidently picks"
                  data={driftTestOptions}
                  value={form.tests}
                  onChange={(v) => set('tests', v as DriftTestName[])}
                  error={err('spec.tests')}
                />
                <NumberInput
                  label="Data set drifted from"
                  description="Share of drifted columns (0–1) that makes the whole data set drifted"
                  min={0.01}
                  max={1}
                  step={0.05}
                  decimalScale={3}
                  value={form.driftShare}
                  onChange={(v) => set('driftShare', v)}
                  error={err('spec.driftShare')}
                />
              </SimpleGrid>
            </>
          )}
          {err('spec') &&
          !['label', 'prediction', 'sensitive', 'positive', 'score', 'minGroupSize', 'columns', 'categorical', 'tests', 'driftShare'].some(
            (f) => err(`spec.${f}`),
          ) ? (
            <Text size="sm" c="red.7" role="alert">
              {err('spec')}
            </Text>
          ) : null}
        </PaperSection>

        <PaperSection
          id="plan-thresholds"
          title="Thresholds"
          description="A run breaches when any threshold fails, and opens an alert. Keys name a metric of the run: start typing for the keys this plan will have."
        >
          <ThresholdRows
            rows={form.thresholds}
            onChange={(rows) => set('thresholds', rows)}
            suggestions={keySuggestions(form)}
            errorOf={(i, f) => err(`thresholds.${i}.${f}`)}
            starter={starterThreshold(form)}
          />
        </PaperSection>

        <PaperSection id="plan-schedule" title="Schedule">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Frequency"
              description="The next run falls due this long after the last one"
              data={(Object.keys(frequencyLabels) as MonitoringFrequency[]).map((f) => ({ value: f, label: frequencyLabels[f] }))}
              value={form.frequency}
              onChange={(v) => v && set('frequency', v as MonitoringFrequency)}
              allowDeselect={false}
              error={err('frequency')}
            />
            <TextInput
              label="Owner"
              description="Who runs it and answers its alerts"
              maxLength={200}
              value={form.owner}
              onChange={(e) => set('owner', e.currentTarget.value)}
              error={err('owner')}
            />
          </SimpleGrid>
        </PaperSection>

        <PaperSection id="plan-links" title="Also evidence for" description={alwaysLinkedText(metric)}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ControlMultiSelect
              org={org}
              value={form.controls}
              onChange={(v) => set('controls', v)}
              example="e.g. A.9.2"
              error={err('controls')}
            />
            <RequirementMultiSelect
              org={org}
              label="Clauses"
              value={form.requirements}
              onChange={(v) => set('requirements', v)}
              example="e.g. 9.3 Management review"
              error={err('requirements')}
            />
          </SimpleGrid>
        </PaperSection>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={cancelTo} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
