import { Button, Checkbox, Divider, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  useRecords,
  type DataCategory,
  type Dataset,
  type DatasetInput,
  type DueDiligenceStatus,
  type Model,
  type ModelInput,
  type Supplier,
  type SupplierInput,
} from './api.ts';
import { dayOrNull, fieldErrorOf, focusFirstInvalid, FormError, FormSection } from './form-helpers.tsx';
import { dataCategories, dataCategoryDescriptions, dataCategoryLabels, dueDiligenceLabels, dueDiligenceStatuses } from './labels.ts';

/** What every inventory record form takes; the kind decides the values. */
export interface RecordFormProps<V> {
  org: string;
  initial: V;
  onSubmit: (values: V) => void;
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  conflict?: ReactNode;
}

function Actions({ onCancel, pending, submitLabel }: { onCancel: () => void; pending: boolean; submitLabel: string }) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
    </Group>
  );
}

function LongText({
  label,
  description,
  value,
  onChange,
  error,
  max = 4000,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  max?: number;
}) {
  return (
    <Textarea
      label={label}
      description={description}
      maxLength={max}
      autosize
      minRows={2}
      maxRows={6}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** A picker of the organization's suppliers, with "none". */
function SupplierSelect({
  org,
  value,
  onChange,
  error,
}: {
  org: string;
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const suppliers = useRecords(org, 'supplier');
  return (
    <Select
      label="Supplier"
      description="Who supplies it; leave empty for your own"
      placeholder={suppliers.isPending ? 'Loading…' : suppliers.data?.length ? 'None (in-house)' : 'No suppliers recorded yet'}
      data={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      clearable
      nothingFoundMessage="No supplier matches"
      error={error ?? (suppliers.isError ? 'Could not load the suppliers' : undefined)}
    />
  );
}

function useFormState<V extends { name: string }>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const nameError = tried && !values.name.trim() ? 'Give it a name' : undefined;
  const guard =
    (onSubmit: (values: V) => void, valid = true) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setTried(true);
      if (!values.name.trim() || !valid) focusFirstInvalid(event.currentTarget);
      else onSubmit(values);
    };
  return { values, set, nameError, guard, tried };
}

const trimAll = <T extends object>(values: T): T =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T;

// ---------- Suppliers ----------

export interface SupplierFormValues {
  name: string;
  description: string;
  contact: string;
  suppliesWhat: string;
  responsibilities: string;
  dueDiligenceStatus: DueDiligenceStatus;
  dueDiligenceNotes: string;
  contractRef: string;
  contractStart: string;
  contractEnd: string;
  reviewDue: string;
}

export const emptySupplierForm: SupplierFormValues = {
  name: '',
  description: '',
  contact: '',
  suppliesWhat: '',
  responsibilities: '',
  dueDiligenceStatus: 'not-started',
  dueDiligenceNotes: '',
  contractRef: '',
  contractStart: '',
  contractEnd: '',
  reviewDue: '',
};

export function supplierFormFrom(s: Supplier): SupplierFormValues {
  return {
    name: s.name,
    description: s.description,
    contact: s.contact,
    suppliesWhat: s.suppliesWhat,
    responsibilities: s.responsibilities,
    dueDiligenceStatus: s.dueDiligenceStatus,
    dueDiligenceNotes: s.dueDiligenceNotes,
    contractRef: s.contractRef,
    contractStart: s.contractStart ?? '',
    contractEnd: s.contractEnd ?? '',
    reviewDue: s.reviewDue ?? '',
  };
}

export function supplierInputFrom(values: SupplierFormValues): SupplierInput {
  const v = trimAll(values);
  return { ...v, contractStart: dayOrNull(v.contractStart), contractEnd: dayOrNull(v.contractEnd), reviewDue: dayOrNull(v.reviewDue) };
}

const SUPPLIER_FIELDS = Object.keys(emptySupplierForm);

export function SupplierForm({ initial, onSubmit, onCancel, submitLabel, pending, error, conflict }: RecordFormProps<SupplierFormValues>) {
  const { values, set, nameError, guard } = useFormState(initial);
  const err = (f: keyof SupplierFormValues) => fieldErrorOf(error, f);
  const datesWrong = Boolean(values.contractStart && values.contractEnd && values.contractEnd < values.contractStart);
  return (
    <form onSubmit={guard(onSubmit, !datesWrong)} noValidate aria-label="Supplier">
      <Stack gap="lg">
        <FormError error={error} fields={SUPPLIER_FIELDS} conflict={conflict} />
        <FormSection title="Supplier">
          <TextInput
            label="Name"
            required
            maxLength={200}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={nameError ?? err('name')}
            data-autofocus
          />
          <LongText label="Description" value={values.description} onChange={(v) => set('description', v)} error={err('description')} />
          <TextInput
            label="Contact"
            description="Who to talk to: name, email, phone"
            maxLength={500}
            value={values.contact}
            onChange={(e) => set('contact', e.currentTarget.value)}
            error={err('contact')}
          />
          <LongText
            label="What they supply"
            description="AI systems, components, models, data or services"
            max={2000}
            value={values.suppliesWhat}
            onChange={(v) => set('suppliesWhat', v)}
            error={err('suppliesWhat')}
          />
          <LongText
            label="Allocation of responsibilities"
            description="Who is responsible for what between you and the supplier (ISO/IEC 42001 A.10.2, A.10.3)"
            value={values.responsibilities}
            onChange={(v) => set('responsibilities', v)}
            error={err('responsibilities')}
          />
        </FormSection>
        <Divider />
        <FormSection title="Due diligence" description="How far you have checked that the supplier meets your requirements (A.10.3).">
          <Select
            label="Status"
            data={dueDiligenceStatuses.map((s) => ({ value: s, label: dueDiligenceLabels[s] }))}
            value={values.dueDiligenceStatus}
            onChange={(v) => v && set('dueDiligenceStatus', v as DueDiligenceStatus)}
            allowDeselect={false}
            error={err('dueDiligenceStatus')}
            maw={320}
          />
          <LongText
            label="Due diligence notes"
            value={values.dueDiligenceNotes}
            onChange={(v) => set('dueDiligenceNotes', v)}
            error={err('dueDiligenceNotes')}
          />
        </FormSection>
        <Divider />
        <FormSection title="Contract & review">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Contract reference"
              maxLength={200}
              value={values.contractRef}
              onChange={(e) => set('contractRef', e.currentTarget.value)}
              error={err('contractRef')}
            />
            <TextInput
              label="Review due"
              type="date"
              value={values.reviewDue}
              onChange={(e) => set('reviewDue', e.currentTarget.value)}
              error={err('reviewDue')}
            />
            <TextInput
              label="Contract start"
              type="date"
              value={values.contractStart}
              onChange={(e) => set('contractStart', e.currentTarget.value)}
              error={err('contractStart')}
            />
            <TextInput
              label="Contract end"
              type="date"
              value={values.contractEnd}
              onChange={(e) => set('contractEnd', e.currentTarget.value)}
              error={datesWrong ? 'The contract ends before it starts' : err('contractEnd')}
            />
          </SimpleGrid>
        </FormSection>
        <Actions onCancel={onCancel} pending={pending} submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}

// ---------- Data sets ----------

export interface DatasetFormValues {
  name: string;
  description: string;
  source: string;
  provenance: string;
  acquisition: string;
  categories: DataCategory[];
  qualityRequirements: string;
  preparation: string;
  labelling: string;
  knownBiases: string;
  retention: string;
  supplierId: string;
  reviewDue: string;
}

export const emptyDatasetForm: DatasetFormValues = {
  name: '',
  description: '',
  source: '',
  provenance: '',
  acquisition: '',
  categories: [],
  qualityRequirements: '',
  preparation: '',
  labelling: '',
  knownBiases: '',
  retention: '',
  supplierId: '',
  reviewDue: '',
};

export function datasetFormFrom(d: Dataset): DatasetFormValues {
  return {
    name: d.name,
    description: d.description,
    source: d.source,
    provenance: d.provenance,
    acquisition: d.acquisition,
    categories: [...d.categories],
    qualityRequirements: d.qualityRequirements,
    preparation: d.preparation,
    labelling: d.labelling,
    knownBiases: d.knownBiases,
    retention: d.retention,
    supplierId: d.supplierId ?? '',
    reviewDue: d.reviewDue ?? '',
  };
}

export function datasetInputFrom(values: DatasetFormValues): DatasetInput {
  const v = trimAll(values);
  return { ...v, supplierId: v.supplierId || null, reviewDue: dayOrNull(v.reviewDue) };
}

const DATASET_FIELDS = Object.keys(emptyDatasetForm);

export function DatasetForm({
  org,
  initial,
  onSubmit,
  onCancel,
  submitLabel,
  pending,
  error,
  conflict,
}: RecordFormProps<DatasetFormValues>) {
  const { values, set, nameError, guard } = useFormState(initial);
  const err = (f: keyof DatasetFormValues) => fieldErrorOf(error, f);
  return (
    <form onSubmit={guard(onSubmit)} noValidate aria-label="Data set">
      <Stack gap="lg">
        <FormError error={error} fields={DATASET_FIELDS} conflict={conflict} />
        <FormSection title="Data set">
          <TextInput
            label="Name"
            required
            maxLength={200}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={nameError ?? err('name')}
            data-autofocus
          />
          <LongText label="Description" value={values.description} onChange={(v) => set('description', v)} error={err('description')} />
          <Checkbox.Group
            label="Kinds of data"
            description="Tick all that the data set contains; personal and special category data need a lawful basis and extra care"
            value={values.categories}
            onChange={(v) => set('categories', v as DataCategory[])}
            error={err('categories')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {dataCategories.map((c) => (
                <Checkbox key={c} value={c} label={dataCategoryLabels[c]} description={dataCategoryDescriptions[c]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <SupplierSelect org={org} value={values.supplierId} onChange={(v) => set('supplierId', v)} error={err('supplierId')} />
            <TextInput
              label="Review due"
              type="date"
              value={values.reviewDue}
              onChange={(e) => set('reviewDue', e.currentTarget.value)}
              error={err('reviewDue')}
            />
          </SimpleGrid>
        </FormSection>
        <Divider />
        <FormSection
          title="Provenance & acquisition"
          description="Where the data comes from and how you obtained it (ISO/IEC 42001 A.7.3, A.7.5)."
        >
          <LongText
            label="Source"
            description="Where the data comes from"
            max={2000}
            value={values.source}
            onChange={(v) => set('source', v)}
            error={err('source')}
          />
          <LongText
            label="Provenance"
            description="Origin and chain of custody, versions, transformations"
            value={values.provenance}
            onChange={(v) => set('provenance', v)}
            error={err('provenance')}
          />
          <LongText
            label="Acquisition"
            description="Collected, bought, licensed, scraped or generated, and on what terms"
            max={2000}
            value={values.acquisition}
            onChange={(v) => set('acquisition', v)}
            error={err('acquisition')}
          />
        </FormSection>
        <Divider />
        <FormSection title="Quality & preparation" description="ISO/IEC 42001 A.7.4 and A.7.6.">
          <LongText
            label="Data quality requirements"
            value={values.qualityRequirements}
            onChange={(v) => set('qualityRequirements', v)}
            error={err('qualityRequirements')}
          />
          <LongText
            label="Preparation"
            description="Cleaning, filtering, transformation steps"
            value={values.preparation}
            onChange={(v) => set('preparation', v)}
            error={err('preparation')}
          />
          <LongText label="Labelling" value={values.labelling} onChange={(v) => set('labelling', v)} error={err('labelling')} />
          <LongText label="Known biases" value={values.knownBiases} onChange={(v) => set('knownBiases', v)} error={err('knownBiases')} />
          <TextInput
            label="Retention"
            description="How long the data is kept, and why"
            maxLength={1000}
            value={values.retention}
            onChange={(e) => set('retention', e.currentTarget.value)}
            error={err('retention')}
          />
        </FormSection>
        <Actions onCancel={onCancel} pending={pending} submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}

// ---------- Models ----------

export interface ModelFormValues {
  name: string;
  modelVersion: string;
  modelType: string;
  description: string;
  supplierId: string;
  evaluationSummary: string;
  reviewDue: string;
}

export const emptyModelForm: ModelFormValues = {
  name: '',
  modelVersion: '',
  modelType: '',
  description: '',
  supplierId: '',
  evaluationSummary: '',
  reviewDue: '',
};

export function modelFormFrom(m: Model): ModelFormValues {
  return {
    name: m.name,
    modelVersion: m.modelVersion,
    modelType: m.modelType,
    description: m.description,
    supplierId: m.supplierId ?? '',
    evaluationSummary: m.evaluationSummary,
    reviewDue: m.reviewDue ?? '',
  };
}

export function modelInputFrom(values: ModelFormValues): ModelInput {
  const v = trimAll(values);
  return { ...v, supplierId: v.supplierId || null, reviewDue: dayOrNull(v.reviewDue) };
}

const MODEL_FIELDS = Object.keys(emptyModelForm);

export function ModelForm({ org, initial, onSubmit, onCancel, submitLabel, pending, error, conflict }: RecordFormProps<ModelFormValues>) {
  const { values, set, nameError, guard } = useFormState(initial);
  const err = (f: keyof ModelFormValues) => fieldErrorOf(error, f);
  return (
    <form onSubmit={guard(onSubmit)} noValidate aria-label="Model">
      <Stack gap="lg">
        <FormError error={error} fields={MODEL_FIELDS} conflict={conflict} />
        <FormSection title="Model">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Name"
              required
              maxLength={200}
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={nameError ?? err('name')}
              data-autofocus
            />
            <TextInput
              label="Version"
              placeholder="e.g. 2.1 or 2025-06-01"
              maxLength={100}
              value={values.modelVersion}
              onChange={(e) => set('modelVersion', e.currentTarget.value)}
              error={err('modelVersion')}
            />
          </SimpleGrid>
          <TextInput
            label="Type of model"
            placeholder="e.g. gradient-boosted trees, transformer LLM, logistic regression"
            maxLength={200}
            value={values.modelType}
            onChange={(e) => set('modelType', e.currentTarget.value)}
            error={err('modelType')}
          />
          <LongText label="Description" value={values.description} onChange={(v) => set('description', v)} error={err('description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <SupplierSelect org={org} value={values.supplierId} onChange={(v) => set('supplierId', v)} error={err('supplierId')} />
            <TextInput
              label="Review due"
              type="date"
              value={values.reviewDue}
              onChange={(e) => set('reviewDue', e.currentTarget.value)}
              error={err('reviewDue')}
            />
          </SimpleGrid>
        </FormSection>
        <Divider />
        <FormSection title="Evaluation" description="How the model was verified and validated, and what was found (ISO/IEC 42001 A.6.2.4).">
          <LongText
            label="Evaluation summary"
            max={8000}
            value={values.evaluationSummary}
            onChange={(v) => set('evaluationSummary', v)}
            error={err('evaluationSummary')}
          />
          <Text size="xs" c="dimmed">
            Record the data sets the model was trained on as relations on its page, after saving.
          </Text>
        </FormSection>
        <Actions onCancel={onCancel} pending={pending} submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}
