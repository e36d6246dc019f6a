import { Alert, Button, DataList, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Field } from '../inventory/Fields.tsx';
import { formatDay } from '../risks/labels.ts';
import { Section } from '../risks/Section.tsx';
import { useUpdateEvidence, type EvidenceDetail } from './api.ts';
import { EvidenceStateBadge, ReviewDate } from './EvidenceBadges.tsx';
import { allOnFields, fieldError } from './form-errors.ts';
import { kindLabels } from './labels.ts';

const FIELDS = ['title', 'description', 'owner', 'effectiveDate', 'reviewDue'] as const;

function EditForm({
  org,
  item,
  onDone,
  onSaved,
}: {
  org: string;
  item: EvidenceDetail;
  onDone: () => void;
  onSaved: (saved: EvidenceDetail) => void;
}) {
  const update = useUpdateEvidence(org, item.id);
  const [values, setValues] = useState({
    title: item.title,
    description: item.description,
    owner: item.owner,
    effectiveDate: item.effectiveDate,
    reviewDue: item.reviewDue ?? '',
  });
  const set = (key: keyof typeof values, value: string) => setValues((prev) => ({ ...prev, [key]: value }));
  const err = (f: string) => fieldError(update.error, f);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(
      {
        title: values.title.trim(),
        description: values.description.trim(),
        owner: values.owner.trim(),
        effectiveDate: values.effectiveDate,
        reviewDue: values.reviewDue || null,
        version: item.version,
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Evidence details">
      <Stack gap="md">
        {isApiError(update.error, 'version_conflict') ? (
          <Alert color="yellow" variant="light" title="Changed by someone else" role="alert">
            Someone else changed this evidence after you opened it, so your changes were not saved. Cancel to see the current version, then
            make your changes again.
          </Alert>
        ) : allOnFields(update.error, FIELDS) ? (
          <Alert color="red" variant="light" title="Could not save" role="alert">
            Check the fields marked in red.
          </Alert>
        ) : (
          <ErrorAlert error={update.error} title="Could not save" />
        )}
        <TextInput
          label="Title"
          withAsterisk
          maxLength={300}
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={err('title')}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={10}
          maxLength={8000}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={err('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput
            label="Owner"
            description="Who keeps it current"
            maxLength={200}
            value={values.owner}
            onChange={(e) => set('owner', e.currentTarget.value)}
            error={err('owner')}
          />
          <TextInput
            label="Effective date"
            description="From when it holds"
            type="date"
            value={values.effectiveDate}
            onChange={(e) => set('effectiveDate', e.currentTarget.value)}
            error={err('effectiveDate')}
          />
          <TextInput
            label="Review date"
            description="Empty: it does not expire"
            type="date"
            value={values.reviewDue}
            onChange={(e) => set('reviewDue', e.currentTarget.value)}
            error={err('reviewDue')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export interface EvidenceFieldsSectionProps {
  org: string;
  item: EvidenceDetail;
  mayWrite: boolean;
  onSaved: (saved: EvidenceDetail) => void;
}

/** Title, description, owner and dates: read, or edited by those who may write. */
export function EvidenceFieldsSection({ org, item, mayWrite, onSaved }: EvidenceFieldsSectionProps) {
  const [editing, setEditing] = useState(false);
  return (
    <Section
      id="details"
      title="Details"
      description="What the evidence is, who keeps it current and until when it holds."
      actions={
        mayWrite && !editing ? (
          <Button variant="default" onClick={() => setEditing(true)}>
            Edit details
          </Button>
        ) : null
      }
    >
      {editing ? (
        <EditForm
          key={item.version}
          org={org}
          item={item}
          onDone={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <DataList labelWidth={140} gap="xs" withDivider>
            <Field label="Title">{item.title}</Field>
            <Field label="Description">{item.description}</Field>
            <Field label="Kind">{kindLabels[item.kind]}</Field>
            <Field label="Owner">{item.owner}</Field>
          </DataList>
          <DataList labelWidth={140} gap="xs" withDivider>
            <Field label="Effective date">{formatDay(item.effectiveDate)}</Field>
            <Field label="Review date">
              {item.reviewDue ? (
                <ReviewDate day={item.reviewDue} state={item.state} />
              ) : (
                <Text size="sm" c="dimmed">
                  None — it does not expire
                </Text>
              )}
            </Field>
            <Field label="State">
              <EvidenceStateBadge state={item.state} reviewDue={item.reviewDue} />
            </Field>
            <Field label="Added">{formatDateTime(item.createdAt)}</Field>
            <Field label="Last changed">{formatDateTime(item.updatedAt)}</Field>
          </DataList>
        </SimpleGrid>
      )}
    </Section>
  );
}
