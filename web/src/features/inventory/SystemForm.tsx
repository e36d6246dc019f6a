import {
  Button,
  Divider,
  Grid,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AutomationLevel, EuRole, IsoRole, LifecycleStage } from '../../../../src/domain/schemas/inventory.schemas.ts';
import type { AiSystem, AiSystemInput } from './api.ts';
import { dayOrNull, fieldErrorOf, focusFirstInvalid, FormError, FormSection } from './form-helpers.tsx';
import {
  automationDescriptions,
  automationLabels,
  automationLevels,
  euRoleDescriptions,
  euRoleLabels,
  euRoles,
  isoRoleDescriptions,
  isoRoleLabels,
  isoRoles,
  lifecycleStages,
  stageDescriptions,
  stageLabels,
} from './labels.ts';

export interface SystemFormValues {
  ref: string;
  name: string;
  purpose: string;
  intendedUse: string;
  foreseeableMisuse: string;
  isoRoles: IsoRole[];
  euRoles: EuRole[];
  stage: LifecycleStage;
  owner: string;
  businessUnit: string;
  users: string;
  affectedPersons: string;
  automation: AutomationLevel;
  humanOversight: string;
  deploymentContext: string;
  jurisdictions: string[];
  inScope: boolean;
  scopeReason: string;
  /** YYYY-MM-DD or '' for none. */
  reviewDue: string;
}

export const emptySystemForm: SystemFormValues = {
  ref: '',
  name: '',
  purpose: '',
  intendedUse: '',
  foreseeableMisuse: '',
  isoRoles: [],
  euRoles: [],
  stage: 'idea',
  owner: '',
  businessUnit: '',
  users: '',
  affectedPersons: '',
  automation: 'decision-support',
  humanOversight: '',
  deploymentContext: '',
  jurisdictions: [],
  inScope: true,
  scopeReason: '',
  reviewDue: '',
};

export function systemFormFrom(system: AiSystem): SystemFormValues {
  return {
    ref: system.ref,
    name: system.name,
    purpose: system.purpose,
    intendedUse: system.intendedUse,
    foreseeableMisuse: system.foreseeableMisuse,
    isoRoles: [...system.isoRoles],
    euRoles: [...system.euRoles],
    stage: system.stage,
    owner: system.owner,
    businessUnit: system.businessUnit,
    users: system.users,
    affectedPersons: system.affectedPersons,
    automation: system.automation,
    humanOversight: system.humanOversight,
    deploymentContext: system.deploymentContext,
    jurisdictions: [...system.jurisdictions],
    inScope: system.inScope,
    scopeReason: system.scopeReason,
    reviewDue: system.reviewDue ?? '',
  };
}

/** The request body for the form's values; an empty reference is left for the server to assign. */
export function systemInputFrom(values: SystemFormValues): AiSystemInput {
  const { ref, reviewDue, ...rest } = values;
  const trim = (s: string) => s.trim();
  return {
    ...(ref.trim() ? { ref: ref.trim() } : {}),
    ...rest,
    name: trim(rest.name),
    purpose: trim(rest.purpose),
    intendedUse: trim(rest.intendedUse),
    foreseeableMisuse: trim(rest.foreseeableMisuse),
    owner: trim(rest.owner),
    businessUnit: trim(rest.businessUnit),
    users: trim(rest.users),
    affectedPersons: trim(rest.affectedPersons),
    humanOversight: trim(rest.humanOversight),
    deploymentContext: trim(rest.deploymentContext),
    scopeReason: trim(rest.scopeReason),
    reviewDue: dayOrNull(reviewDue),
  };
}

const FIELDS = [
  'ref',
  'name',
  'purpose',
  'intendedUse',
  'foreseeableMisuse',
  'isoRoles',
  'euRoles',
  'stage',
  'owner',
  'businessUnit',
  'users',
  'affectedPersons',
  'automation',
  'humanOversight',
  'deploymentContext',
  'jurisdictions',
  'inScope',
  'scopeReason',
  'reviewDue',
] as const;

const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^EU$/;

function OptionWithDescription({ label, description }: { label: string; description: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text size="xs" c="dimmed">
        {description}
      </Text>
    </Stack>
  );
}

export interface SystemFormProps {
  initial: SystemFormValues;
  onSubmit: (values: SystemFormValues) => void;
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Shown instead of the error when the record changed meanwhile (409). */
  conflict?: ReactNode;
  /** Whether the reference may be left empty (a new system: the server assigns one). */
  isNew: boolean;
}

/** Every field of an AI system, grouped as on its overview page. */
export function SystemForm({ initial, onSubmit, onCancel, submitLabel, pending, error, conflict, isNew }: SystemFormProps) {
  const [values, setValues] = useState<SystemFormValues>(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof SystemFormValues>(key: K, value: SystemFormValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const err = (field: (typeof FIELDS)[number]) => fieldErrorOf(error, field);

  const nameMissing = tried && !values.name.trim();
  const refMissing = tried && !isNew && !values.ref.trim();
  const reasonMissing = tried && !values.inScope && !values.scopeReason.trim();
  const badJurisdictions = values.jurisdictions.filter((j) => !JURISDICTION.test(j));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    const invalid =
      !values.name.trim() ||
      (!isNew && !values.ref.trim()) ||
      (!values.inScope && !values.scopeReason.trim()) ||
      badJurisdictions.length > 0;
    if (invalid) focusFirstInvalid(event.currentTarget);
    else onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? 'Register AI system' : 'Edit AI system'}>
      <Stack gap="lg">
        <FormError error={error} fields={FIELDS} conflict={conflict} />

        <FormSection title="Identification">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label="Name"
                required
                maxLength={200}
                value={values.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={nameMissing ? 'Give the AI system a name' : err('name')}
                data-autofocus
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={isNew ? 'Reference (optional)' : 'Reference'}
                placeholder={isNew ? 'Assigned, e.g. AIS-0007' : undefined}
                maxLength={40}
                value={values.ref}
                onChange={(e) => set('ref', e.currentTarget.value)}
                error={refMissing ? 'Keep a reference' : err('ref')}
                required={!isNew}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            </Grid.Col>
          </Grid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Life-cycle stage"
              data={lifecycleStages.map((s) => ({ value: s, label: stageLabels[s] }))}
              value={values.stage}
              onChange={(v) => v && set('stage', v as LifecycleStage)}
              allowDeselect={false}
              description={stageDescriptions[values.stage]}
              error={err('stage')}
            />
            <TextInput
              label="Review due"
              description="When the entry is next reviewed"
              type="date"
              value={values.reviewDue}
              onChange={(e) => set('reviewDue', e.currentTarget.value)}
              error={err('reviewDue')}
            />
          </SimpleGrid>
        </FormSection>

        <Divider />
        <FormSection
          title="Purpose & use"
          description="What the AI system is for, how it is meant to be used, and how it could be misused."
        >
          <Textarea
            label="Purpose"
            maxLength={4000}
            autosize
            minRows={2}
            maxRows={6}
            value={values.purpose}
            onChange={(e) => set('purpose', e.currentTarget.value)}
            error={err('purpose')}
          />
          <Textarea
            label="Intended use"
            description="The use the AI system is designed for, including its context and conditions"
            maxLength={4000}
            autosize
            minRows={2}
            maxRows={6}
            value={values.intendedUse}
            onChange={(e) => set('intendedUse', e.currentTarget.value)}
            error={err('intendedUse')}
          />
          <Textarea
            label="Reasonably foreseeable misuse"
            description="Uses it is not meant for, but that could happen"
            maxLength={4000}
            autosize
            minRows={2}
            maxRows={6}
            value={values.foreseeableMisuse}
            onChange={(e) => set('foreseeableMisuse', e.currentTarget.value)}
            error={err('foreseeableMisuse')}
          />
        </FormSection>

        <Divider />
        <FormSection
          title="Roles"
          description="Your organization's roles for this AI system: as an AI stakeholder, and as an operator under the EU AI Act."
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <MultiSelect
              label="AI roles (ISO/IEC 22989)"
              placeholder={values.isoRoles.length === 0 ? 'Choose one or more' : undefined}
              data={isoRoles.map((r) => ({ value: r, label: isoRoleLabels[r] }))}
              value={values.isoRoles}
              onChange={(v) => set('isoRoles', v as IsoRole[])}
              renderOption={({ option }) => (
                <OptionWithDescription label={option.label} description={isoRoleDescriptions[option.value as IsoRole]} />
              )}
              comboboxProps={{ width: 380, position: 'bottom-start' }}
              error={err('isoRoles')}
            />
            <MultiSelect
              label="Operator roles (EU AI Act)"
              placeholder={values.euRoles.length === 0 ? 'Choose one or more' : undefined}
              data={euRoles.map((r) => ({ value: r, label: euRoleLabels[r] }))}
              value={values.euRoles}
              onChange={(v) => set('euRoles', v as EuRole[])}
              renderOption={({ option }) => (
                <OptionWithDescription label={option.label} description={euRoleDescriptions[option.value as EuRole]} />
              )}
              comboboxProps={{ width: 380, position: 'bottom-start' }}
              error={err('euRoles')}
            />
          </SimpleGrid>
        </FormSection>

        <Divider />
        <FormSection title="People" description="Who is accountable for the AI system, who uses it, and whom its outputs affect.">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Owner"
              description="The accountable person (name or email)"
              maxLength={200}
              value={values.owner}
              onChange={(e) => set('owner', e.currentTarget.value)}
              error={err('owner')}
            />
            <TextInput
              label="Business unit"
              maxLength={200}
              value={values.businessUnit}
              onChange={(e) => set('businessUnit', e.currentTarget.value)}
              error={err('businessUnit')}
            />
          </SimpleGrid>
          <Textarea
            label="Users"
            description="Who uses the AI system"
            maxLength={2000}
            autosize
            minRows={1}
            maxRows={4}
            value={values.users}
            onChange={(e) => set('users', e.currentTarget.value)}
            error={err('users')}
          />
          <Textarea
            label="Affected persons"
            description="People and groups affected by its outputs (input to the AI system impact assessment)"
            maxLength={2000}
            autosize
            minRows={1}
            maxRows={4}
            value={values.affectedPersons}
            onChange={(e) => set('affectedPersons', e.currentTarget.value)}
            error={err('affectedPersons')}
          />
        </FormSection>

        <Divider />
        <FormSection title="Automation & oversight">
          <Select
            label="Degree of automation"
            data={automationLevels.map((a) => ({ value: a, label: automationLabels[a] }))}
            value={values.automation}
            onChange={(v) => v && set('automation', v as AutomationLevel)}
            allowDeselect={false}
            description={automationDescriptions[values.automation]}
            renderOption={({ option }) => (
              <OptionWithDescription label={option.label} description={automationDescriptions[option.value as AutomationLevel]} />
            )}
            error={err('automation')}
          />
          <Textarea
            label="Human oversight"
            description="How people oversee the AI system and can override or stop it"
            maxLength={4000}
            autosize
            minRows={2}
            maxRows={6}
            value={values.humanOversight}
            onChange={(e) => set('humanOversight', e.currentTarget.value)}
            error={err('humanOversight')}
          />
        </FormSection>

        <Divider />
        <FormSection title="Deployment">
          <Textarea
            label="Deployment context"
            description="Where and how it runs: environment, integrations, channels"
            maxLength={4000}
            autosize
            minRows={2}
            maxRows={6}
            value={values.deploymentContext}
            onChange={(e) => set('deploymentContext', e.currentTarget.value)}
            error={err('deploymentContext')}
          />
          <TagsInput
            label="Jurisdictions"
            description="Where it is placed on the market or used: ISO 3166 codes such as DE or US-CA, or EU. Press Enter after each."
            placeholder={values.jurisdictions.length === 0 ? 'e.g. EU, DE, US-CA' : undefined}
            data={['EU', 'DE', 'FR', 'NL', 'IE', 'IT', 'ES', 'GB', 'US', 'CH']}
            value={values.jurisdictions}
            onChange={(v) => set('jurisdictions', [...new Set(v.map((j) => j.trim().toUpperCase()).filter(Boolean))])}
            splitChars={[',', ' ', ';']}
            maxTags={60}
            clearable
            error={
              badJurisdictions.length > 0
                ? `Not an ISO 3166 code: ${badJurisdictions.join(', ')} (use e.g. DE, US-CA or EU)`
                : err('jurisdictions')
            }
          />
        </FormSection>

        <Divider />
        <FormSection
          title="AIMS scope"
          description="Whether the AI system is inside the scope of your AI management system (ISO/IEC 42001, clause 4.3)."
        >
          <Switch
            label="In AIMS scope"
            checked={values.inScope}
            onChange={(e) => set('inScope', e.currentTarget.checked)}
            error={err('inScope')}
          />
          <Textarea
            label="Scope reason"
            description={values.inScope ? 'Optional: why it is in scope' : 'Required: why it is outside the AIMS scope'}
            required={!values.inScope}
            maxLength={2000}
            autosize
            minRows={1}
            maxRows={4}
            value={values.scopeReason}
            onChange={(e) => set('scopeReason', e.currentTarget.value)}
            error={reasonMissing ? 'Say why the AI system is outside the AIMS scope' : err('scopeReason')}
          />
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
