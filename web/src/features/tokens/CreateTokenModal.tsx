import { Button, Code, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { SecretReveal } from '../../lib/components/SecretReveal.tsx';
import { formatDate } from '../../lib/format.ts';
import { roleLabels, type Role } from '../../lib/roles.ts';
import { useCreateToken, type ApiTokenIssued } from './api.ts';

export interface CreateTokenModalProps {
  org: string;
  orgName: string;
  role: Role;
  opened: boolean;
  onClose: () => void;
}

export function CreateTokenModal({ opened, onClose, ...rest }: CreateTokenModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create API token" size="lg" centered>
      {opened ? <CreateTokenContent {...rest} onClose={onClose} /> : null}
    </Modal>
  );
}

function CreateTokenContent({ org, orgName, role, onClose }: Omit<CreateTokenModalProps, 'opened'>) {
  const create = useCreateToken(org);
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  const [issued, setIssued] = useState<ApiTokenIssued | null>(null);

  if (issued) {
    return (
      <Stack gap="md">
        <Text size="sm">
          The token{' '}
          <Text span fw={600}>
            {issued.apiToken.name}
          </Text>{' '}
          was created
          {issued.apiToken.expiresAt ? `; it expires ${formatDate(issued.apiToken.expiresAt)}` : ' and does not expire'}.
        </Text>
        <SecretReveal
          label="API token"
          value={issued.token}
          note={
            <Stack gap={6}>
              <Text size="sm">
                Copy the token now and keep it in a secret store: Trellis keeps only a hash of it and cannot show it again.
              </Text>
              <Text size="sm">
                Send it as <Code>Authorization: Bearer &lt;token&gt;</Code>, or set <Code>TRELLIS_TOKEN</Code> for the command-line client.
              </Text>
            </Stack>
          }
        />
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const expiresInDays = typeof days === 'number' ? days : undefined;
    create.mutate({ name: name.trim(), ...(expiresInDays ? { expiresInDays } : {}) }, { onSuccess: setIssued });
  };
  const apiError = isApiError(create.error) ? create.error : null;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A token lets a script or the Trellis CLI act as you in {orgName}, with your role ({roleLabels[role]}).
        </Text>
        <ErrorAlert error={create.error} title="Could not create the token" />
        <TextInput
          label="Token name"
          description="What the token is for, e.g. “CI evidence upload”."
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={apiError?.fieldError('name')}
          data-autofocus
        />
        <NumberInput
          label="Expires after (days)"
          description="Leave empty for a token that does not expire."
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          value={days}
          onChange={setDays}
          error={apiError?.fieldError('expiresInDays')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
