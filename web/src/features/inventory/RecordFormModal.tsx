import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { useCreateRecord, useRecord, useUpdateRecord, type RecordKind, type RecordTypes } from './api.ts';
import { changedOnly } from './form-helpers.tsx';
import { inSentence, kindLabels } from './labels.ts';
import {
  DatasetForm,
  datasetFormFrom,
  datasetInputFrom,
  emptyDatasetForm,
  emptyModelForm,
  emptySupplierForm,
  ModelForm,
  modelFormFrom,
  modelInputFrom,
  SupplierForm,
  supplierFormFrom,
  supplierInputFrom,
  type RecordFormProps,
} from './RecordForms.tsx';

interface FormConfig<K extends RecordKind, V> {
  empty: V;
  from: (record: RecordTypes[K]['record']) => V;
  toInput: (values: V) => RecordTypes[K]['input'];
  Form: ComponentType<RecordFormProps<V>>;
  intro: string;
}

/** Checks a kind's form configuration where it is written; used through the kind alone afterwards. */
function defineForm<K extends RecordKind, V>(config: FormConfig<K, V>): FormConfig<K, unknown> {
  return config as unknown as FormConfig<K, unknown>;
}

/** How each kind of record is edited. */
const forms: { [K in RecordKind]: FormConfig<K, unknown> } = {
  supplier: defineForm({
    empty: emptySupplierForm,
    from: supplierFormFrom,
    toInput: supplierInputFrom,
    Form: SupplierForm,
    intro: 'A supplier of AI systems, components, models, data or services (ISO/IEC 42001 A.10). Only the name is required now.',
  }),
  dataset: defineForm({
    empty: emptyDatasetForm,
    from: datasetFormFrom,
    toInput: datasetInputFrom,
    Form: DatasetForm,
    intro: 'Data used to train, test, validate or operate an AI system (ISO/IEC 42001 A.7). Only the name is required now.',
  }),
  model: defineForm({
    empty: emptyModelForm,
    from: modelFormFrom,
    toInput: modelInputFrom,
    Form: ModelForm,
    intro: 'A machine-learning model inside one of your AI systems, built in-house or supplied. Only the name is required now.',
  }),
};

export interface RecordFormModalProps<K extends RecordKind> {
  org: string;
  kind: K;
  /** The record to edit; a new one is created when left out. */
  record?: RecordTypes[K]['record'];
  opened: boolean;
  onClose: () => void;
  onSaved: (record: RecordTypes[K]['record']) => void;
}

export function RecordFormModal<K extends RecordKind>(props: RecordFormModalProps<K>) {
  const { kind, record, opened, onClose } = props;
  const title = record ? `Edit ${record.name}` : `Add ${inSentence(kindLabels[kind].one)}`;
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" centered>
      {opened ? record ? <EditContent {...props} record={record} /> : <CreateContent {...props} /> : null}
    </Modal>
  );
}

function CreateContent<K extends RecordKind>({ org, kind, onClose, onSaved }: RecordFormModalProps<K>) {
  const config = forms[kind] as FormConfig<K, unknown>;
  const create = useCreateRecord(org, kind);
  const Form = config.Form;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {config.intro}
      </Text>
      <Form
        org={org}
        initial={config.empty}
        submitLabel={`Add ${inSentence(kindLabels[kind].one)}`}
        pending={create.isPending}
        error={create.error}
        onCancel={onClose}
        onSubmit={(values) => create.mutate(config.toInput(values), { onSuccess: onSaved })}
      />
    </Stack>
  );
}

function EditContent<K extends RecordKind>({
  org,
  kind,
  record,
  onClose,
  onSaved,
}: RecordFormModalProps<K> & { record: RecordTypes[K]['record'] }) {
  const config = forms[kind] as FormConfig<K, unknown>;
  const update = useUpdateRecord(org, kind);
  const latest = useRecord(org, kind, record.id);
  const [base, setBase] = useState(record);
  const Form = config.Form;

  const reload = async () => {
    const fresh = await latest.refetch();
    if (fresh.data) {
      update.reset();
      setBase(fresh.data);
    }
  };

  const conflict = (
    <Alert color="yellow" variant="light" title={`Someone else changed this ${inSentence(kindLabels[kind].one)}`} role="alert">
      <Stack gap="sm">
        <Text size="sm">
          It was saved by someone else after you opened this form, so your changes were not saved (they would have overwritten theirs). Load
          the current version and make your changes again.
        </Text>
        <Group>
          <Button size="xs" variant="light" color="yellow" onClick={() => void reload()} loading={latest.isFetching}>
            Discard my changes and load the current version
          </Button>
        </Group>
      </Stack>
    </Alert>
  );

  return (
    <Form
      key={`${base.id}@${base.version}`}
      org={org}
      initial={config.from(base)}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      conflict={conflict}
      onCancel={onClose}
      onSubmit={(values) => {
        const patch = changedOnly({ ...(config.toInput(values) as Record<string, unknown>) }, { ...base });
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        update.mutate({ id: base.id, patch: { ...patch, version: base.version } as RecordTypes[K]['patch'] }, { onSuccess: onSaved });
      }}
    />
  );
}
