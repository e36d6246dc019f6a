import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert, messageOf } from '../../lib/components/ErrorAlert.tsx';
import { useAddOrganizationControl, type CatalogImportResult, type OrganizationControlCreate } from './api.ts';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._()-]*$/;

export interface AddControlModalProps {
  org: string;
  orgName: string;
  opened: boolean;
  onClose: () => void;
  onAdded: (control: { id: string; title: string }, result: CatalogImportResult) => void;
}

export function AddControlModal({ opened, onClose, ...rest }: AddControlModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add your own control" size="lg" centered>
      {opened ? <AddControlContent {...rest} onClose={onClose} /> : null}
    </Modal>
  );
}

function AddControlContent({ org, orgName, onClose, onAdded }: Omit<AddControlModalProps, 'opened'>) {
  const add = useAddOrganizationControl(org);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [guidance, setGuidance] = useState('');
  const [idTouched, setIdTouched] = useState(false);

  const trimmedId = id.trim();
  const idProblem =
    idTouched && trimmedId && !ID_PATTERN.test(trimmedId)
      ? 'Start with a letter or digit; use letters, digits, spaces, dots, hyphens, underscores and parentheses.'
      : null;
  const apiError = isApiError(add.error) ? add.error : null;
  const idError = idProblem ?? (isApiError(add.error, 'conflict') ? messageOf(add.error) : apiError?.fieldError('id'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIdTouched(true);
    if (!trimmedId || !title.trim() || !ID_PATTERN.test(trimmedId)) return;
    const input: OrganizationControlCreate = {
      id: trimmedId,
      title: title.trim(),
      ...(summary.trim() ? { summary: summary.trim() } : {}),
      ...(guidance.trim() ? { guidance: guidance.trim() } : {}),
    };
    add.mutate(input, { onSuccess: (result) => onAdded({ id: input.id, title: input.title }, result) });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A control of {orgName} that Annex A of ISO/IEC 42001 does not list, for example a rule from a customer contract or a sector
          regulator. It is added to the framework “Own controls”, which only your organization sees.
        </Text>
        {apiError && !apiError.fieldError('id') && apiError.code !== 'conflict' ? (
          <ErrorAlert error={add.error} title="Could not add the control" />
        ) : null}
        <TextInput
          label="Control ID"
          description="A short identifier, unique among your own controls, e.g. ORG-1 or ACME.DATA.2"
          required
          maxLength={64}
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          onBlur={() => setIdTouched(true)}
          error={idError}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-autofocus
        />
        <TextInput
          label="Title"
          description="What the control achieves, in a few words"
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={apiError?.fieldError('title')}
        />
        <Textarea
          label="Summary"
          description="Optional: what the control requires, in plain language"
          maxLength={4000}
          autosize
          minRows={2}
          maxRows={6}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={apiError?.fieldError('summary')}
        />
        <Textarea
          label="Implementation guidance"
          description="Optional: how to put the control in place and what evidence shows it works"
          maxLength={6000}
          autosize
          minRows={3}
          maxRows={8}
          value={guidance}
          onChange={(e) => setGuidance(e.currentTarget.value)}
          error={apiError?.fieldError('guidance')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={add.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!trimmedId || !title.trim()}>
            Add control
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
