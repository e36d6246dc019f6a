import { Alert, Button, Divider, Grid, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { dayOrNull, fieldErrorOf, focusFirstInvalid, FormError, FormSection } from '../inventory/form-helpers.tsx';
import type { Risk, RiskCriteriaContent, RiskInput, RiskStatus, SystemRef } from './api.ts';
import { riskStatuses, statusDescriptions, statusLabels } from './labels.ts';
import { RiskSourceField } from './RiskSource.tsx';
import { ScoreFields } from './ScoreFields.tsx';
import { SystemMultiSelect } from './SystemMultiSelect.tsx';

export interface RiskFormValues {
  ref: string;
  title: string;
  description: string;
  riskSource: string;
  systems: SystemRef[];
  consequencesOrganization: string;
  consequencesIndividuals: string;
  consequencesSociety: string;
  likelihood: number | null;
  impact: number | null;
  owner: string;
  status: RiskStatus;
  /** YYYY-MM-DD or '' for none. */
  reviewDue: string;
}

export const emptyRiskForm: RiskFormValues = {
  ref: '',
  title: '',
  description: '',
  riskSource: '',
  systems: [],
  consequencesOrganization: '',
  consequencesIndividuals: '',
  consequencesSociety: '',
  likelihood: null,
  impact: null,
  owner: '',
  status: 'identified',
  reviewDue: '',
};

export function riskFormFrom(risk: Risk): RiskFormValues {
  return {
    ref: risk.ref,
    title: risk.title,
    description: risk.description,
    riskSource: risk.riskSource,
    systems: risk.systems.map((s) => ({ ...s })),
    consequencesOrganization: risk.consequencesOrganization,
    consequencesIndividuals: risk.consequencesIndividuals,
    consequencesSociety: risk.consequencesSociety,
    likelihood: risk.likelihood,
    impact: risk.impact,
    owner: risk.owner,
    status: risk.status,
    reviewDue: risk.reviewDue ?? '',
  };
}

/** The request body for the form's values; an empty reference is left for the server to assign. */
export function riskInputFrom(values: RiskFormValues): RiskInput {
  const { ref, systems, reviewDue, ...rest } = values;
  return {
    ...(ref.trim() ? { ref: ref.trim() } : {}),
    ...rest,
    title: rest.title.trim(),
    description: rest.description.trim(),
    riskSource: rest.riskSource.trim(),
    consequencesOrganization: rest.consequencesOrganization.trim(),
    consequencesIndividuals: rest.consequencesIndividuals.trim(),
    consequencesSociety: rest.consequencesSociety.trim(),
    owner: rest.owner.trim(),
    systemIds: systems.map((s) => s.id),
    reviewDue: dayOrNull(reviewDue),
  };
}

const FIELDS = [
  'ref',
  'title',
  'description',
  'riskSource',
  'systemIds',
  'consequencesOrganization',
  'consequencesIndividuals',
  'consequencesSociety',
  'likelihood',
  'impact',
  'owner',
  'status',
  'reviewDue',
] as const;

export interface RiskFormProps {
  org: string;
  criteria: RiskCriteriaContent;
  initial: RiskFormValues;
  onSubmit: (values: RiskFormValues) => void;
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Shown instead of the error when the risk changed meanwhile (409). */
  conflict?: ReactNode;
  /** A new risk: no reference or status to edit yet. */
  isNew: boolean;
  /** Whether the risk's residual risk is accepted now (changing scores withdraws that). */
  accepted?: boolean;
}

/** Identification and analysis of a risk (ISO/IEC 42001 6.1.2): what it is, whom it affects, how likely and how bad. */
export function RiskForm({
  org,
  criteria,
  initial,
  onSubmit,
  onCancel,
  submitLabel,
  pending,
  error,
  conflict,
  isNew,
  accepted,
}: RiskFormProps) {
  const [values, setValues] = useState<RiskFormValues>(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof RiskFormValues>(key: K, value: RiskFormValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const err = (field: (typeof FIELDS)[number]) => fieldErrorOf(error, field);
  const titleMissing = tried && !values.title.trim();
  const refMissing = tried && !isNew && !values.ref.trim();
  const rescored = values.likelihood !== initial.likelihood || values.impact !== initial.impact;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!values.title.trim() || (!isNew && !values.ref.trim())) focusFirstInvalid(event.currentTarget);
    else onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? 'Add risk' : 'Edit risk'}>
      <Stack gap="lg">
        <FormError error={error} fields={FIELDS} conflict={conflict} />

        <FormSection title="Identification" description="What could happen, where it comes from, and which AI systems it concerns.">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: isNew ? 12 : 8 }}>
              <TextInput
                label="Title"
                description="The risk in one line: the event and what it leads to"
                required
                maxLength={300}
                value={values.title}
                onChange={(e) => set('title', e.currentTarget.value)}
                error={titleMissing ? 'Give the risk a title' : err('title')}
                data-autofocus
              />
            </Grid.Col>
            {!isNew ? (
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label="Reference"
                  required
                  maxLength={40}
                  value={values.ref}
                  onChange={(e) => set('ref', e.currentTarget.value)}
                  error={refMissing ? 'Keep a reference' : err('ref')}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
              </Grid.Col>
            ) : null}
          </Grid>
          <Textarea
            label="Description"
            description="The circumstances: how the risk could arise and what would trigger it"
            maxLength={8000}
            autosize
            minRows={2}
            maxRows={8}
            value={values.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={err('description')}
          />
          <RiskSourceField org={org} value={values.riskSource} onChange={(v) => set('riskSource', v)} error={err('riskSource')} />
          <SystemMultiSelect
            org={org}
            value={values.systems}
            onChange={(v) => set('systems', v)}
            description="The AI systems this risk concerns (leave empty for a risk to the AIMS as a whole)"
            error={err('systemIds')}
          />
        </FormSection>

        <Divider />
        <FormSection
          title="Consequences"
          description="What would follow if the risk occurred: for your organization, for individuals, and for society (6.1.2 d)."
        >
          <Textarea
            label="Consequences to the organization"
            maxLength={4000}
            autosize
            minRows={2}
            maxRows={6}
            value={values.consequencesOrganization}
            onChange={(e) => set('consequencesOrganization', e.currentTarget.value)}
            error={err('consequencesOrganization')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Textarea
              label="Consequences to individuals"
              maxLength={4000}
              autosize
              minRows={2}
              maxRows={6}
              value={values.consequencesIndividuals}
              onChange={(e) => set('consequencesIndividuals', e.currentTarget.value)}
              error={err('consequencesIndividuals')}
            />
            <Textarea
              label="Consequences to society"
              maxLength={4000}
              autosize
              minRows={2}
              maxRows={6}
              value={values.consequencesSociety}
              onChange={(e) => set('consequencesSociety', e.currentTarget.value)}
              error={err('consequencesSociety')}
            />
          </SimpleGrid>
        </FormSection>

        <Divider />
        <FormSection
          title="Analysis"
          description="How likely the risk is and how severe its impact would be, on your risk criteria's scales, before any treatment."
        >
          <ScoreFields
            criteria={criteria}
            likelihood={values.likelihood}
            impact={values.impact}
            onChange={(s) => setValues((prev) => ({ ...prev, ...s }))}
            levelLabel="Inherent level"
            likelihoodError={err('likelihood')}
            impactError={err('impact')}
          />
          {accepted && rescored ? (
            <Alert color="yellow" variant="light" title="This withdraws the acceptance">
              The residual risk of this risk is accepted. Saving new scores withdraws that acceptance; it must be accepted again.
            </Alert>
          ) : null}
        </FormSection>

        <Divider />
        <FormSection title="Ownership & review">
          <SimpleGrid cols={{ base: 1, sm: isNew ? 2 : 3 }} spacing="sm">
            <TextInput
              label="Risk owner"
              description="Accountable for managing the risk (name or email)"
              maxLength={200}
              value={values.owner}
              onChange={(e) => set('owner', e.currentTarget.value)}
              error={err('owner')}
            />
            <TextInput
              label="Review date"
              description="When the risk is next reviewed"
              type="date"
              value={values.reviewDue}
              onChange={(e) => set('reviewDue', e.currentTarget.value)}
              error={err('reviewDue')}
            />
            {!isNew ? (
              <Select
                label="Status"
                data={riskStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
                value={values.status}
                onChange={(v) => v && set('status', v as RiskStatus)}
                allowDeselect={false}
                description={statusDescriptions[values.status]}
                error={err('status')}
              />
            ) : null}
          </SimpleGrid>
        </FormSection>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={pending}>
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
