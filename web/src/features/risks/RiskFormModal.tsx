import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { changedOnly } from '../inventory/form-helpers.tsx';
import { useCreateRisk, useRisk, useRiskCriteria, useUpdateRisk, type Risk } from './api.ts';
import { emptyRiskForm, RiskForm, riskFormFrom, riskInputFrom } from './RiskForm.tsx';

export interface AddRiskModalProps {
  org: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (risk: Risk) => void;
}

export function AddRiskModal({ org, opened, onClose, onCreated }: AddRiskModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add risk" size="xl" centered>
      {opened ? <AddContent org={org} onClose={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function AddContent({ org, onClose, onCreated }: Omit<AddRiskModalProps, 'opened'>) {
  const criteria = useRiskCriteria(org);
  const create = useCreateRisk(org);
  if (criteria.isPending) return <LoadingState label="Loading the risk criteria…" />;
  if (criteria.isError) return <ErrorAlert error={criteria.error} title="Could not load the risk criteria" />;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Record a risk related to your AI systems or the AIMS. Only the title is required now; analyse it (likelihood and impact) when you
        know enough, then decide its treatment from its page.
      </Text>
      <RiskForm
        org={org}
        criteria={criteria.data.content}
        initial={emptyRiskForm}
        isNew
        submitLabel="Add risk"
        pending={create.isPending}
        error={create.error}
        onCancel={onClose}
        onSubmit={(values) => {
          const input = riskInputFrom(values);
          // A risk added with both scores is analysed already.
          const analysed = values.likelihood !== null && values.impact !== null;
          create.mutate({ ...input, status: analysed ? 'analysed' : 'identified' }, { onSuccess: onCreated });
        }}
      />
    </Stack>
  );
}

export interface EditRiskModalProps {
  org: string;
  risk: Risk;
  opened: boolean;
  onClose: () => void;
  onSaved: (risk: Risk) => void;
}

export function EditRiskModal({ org, risk, opened, onClose, onSaved }: EditRiskModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${risk.ref}: identification & analysis`} size="xl" centered>
      {opened ? <EditContent org={org} risk={risk} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function EditContent({ org, risk, onClose, onSaved }: Omit<EditRiskModalProps, 'opened'>) {
  const criteria = useRiskCriteria(org);
  const update = useUpdateRisk(org);
  const latest = useRisk(org, risk.id);
  // The version the form was filled from; replaced when the user reloads after a conflict.
  const [base, setBase] = useState<Risk>(risk);

  const reload = async () => {
    const fresh = await latest.refetch();
    if (fresh.data) {
      update.reset();
      setBase(fresh.data);
    }
  };

  if (criteria.isPending) return <LoadingState label="Loading the risk criteria…" />;
  if (criteria.isError) return <ErrorAlert error={criteria.error} title="Could not load the risk criteria" />;

  const conflict = (
    <Alert color="yellow" variant="light" title="Someone else changed this risk" role="alert">
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

  const previous = riskInputFrom(riskFormFrom(base));
  return (
    <RiskForm
      key={`${base.id}@${base.version}`}
      org={org}
      criteria={criteria.data.content}
      initial={riskFormFrom(base)}
      isNew={false}
      accepted={base.acceptance !== null}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      conflict={conflict}
      onCancel={onClose}
      onSubmit={(values) => {
        const patch = changedOnly({ ...riskInputFrom(values) }, { ...previous });
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        update.mutate({ id: base.id, version: base.version, ...patch }, { onSuccess: onSaved });
      }}
    />
  );
}
