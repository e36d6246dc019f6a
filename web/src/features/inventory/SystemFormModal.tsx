import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useCreateSystem, useSystem, useUpdateSystem, type AiSystem } from './api.ts';
import { changedOnly } from './form-helpers.tsx';
import { emptySystemForm, SystemForm, systemFormFrom, systemInputFrom } from './SystemForm.tsx';

export interface RegisterSystemModalProps {
  org: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (system: AiSystem) => void;
}

export function RegisterSystemModal({ org, opened, onClose, onCreated }: RegisterSystemModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Register AI system" size="xl" centered>
      {opened ? <RegisterContent org={org} onClose={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function RegisterContent({ org, onClose, onCreated }: Omit<RegisterSystemModalProps, 'opened'>) {
  const create = useCreateSystem(org);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Record an AI system your organization provides, develops or uses. Only the name is required now; fill in the rest as you learn it.
        Classify it under the EU AI Act from its page afterwards.
      </Text>
      <SystemForm
        initial={emptySystemForm}
        isNew
        submitLabel="Register AI system"
        pending={create.isPending}
        error={create.error}
        onCancel={onClose}
        onSubmit={(values) => create.mutate(systemInputFrom(values), { onSuccess: onCreated })}
      />
    </Stack>
  );
}

export interface EditSystemModalProps {
  org: string;
  system: AiSystem;
  opened: boolean;
  onClose: () => void;
  onSaved: (system: AiSystem) => void;
}

export function EditSystemModal({ org, system, opened, onClose, onSaved }: EditSystemModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${system.ref}`} size="xl" centered>
      {opened ? <EditContent org={org} system={system} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function EditContent({ org, system, onClose, onSaved }: Omit<EditSystemModalProps, 'opened'>) {
  const update = useUpdateSystem(org);
  const latest = useSystem(org, system.id);
  // The version the form was filled from; replaced when the user reloads after a conflict.
  const [base, setBase] = useState<AiSystem>(system);

  const reload = async () => {
    const fresh = await latest.refetch();
    if (fresh.data) {
      update.reset();
      setBase(fresh.data);
    }
  };

  const conflict = (
    <Alert color="yellow" variant="light" title="Someone else changed this AI system" role="alert">
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
    <SystemForm
      key={`${base.id}@${base.version}`}
      initial={systemFormFrom(base)}
      isNew={false}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      conflict={conflict}
      onCancel={onClose}
      onSubmit={(values) => {
        const input = systemInputFrom(values);
        const patch = changedOnly({ ...input }, { ...base });
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        update.mutate({ id: base.id, version: base.version, ...patch }, { onSuccess: onSaved });
      }}
    />
  );
}
