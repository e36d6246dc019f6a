import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import type { Role } from '../../lib/roles.ts';
import { useInviteMember, type InvitationIssued } from './api.ts';
import { InvitationLinkPanel } from './InvitationLinkPanel.tsx';
import { RoleSelect } from './RoleSelect.tsx';

export interface InviteMemberModalProps {
  org: string;
  orgName: string;
  opened: boolean;
  onClose: () => void;
}

export function InviteMemberModal({ org, orgName, opened, onClose }: InviteMemberModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Invite member" size="lg" centered>
      {/* Mounted only while open, so every opening starts with an empty form. */}
      {opened ? <InviteMemberContent org={org} orgName={orgName} onClose={onClose} /> : null}
    </Modal>
  );
}

function InviteMemberContent({ org, orgName, onClose }: { org: string; orgName: string; onClose: () => void }) {
  const invite = useInviteMember(org);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<InvitationIssued | null>(null);

  if (issued) {
    return (
      <Stack gap="md">
        <InvitationLinkPanel issued={issued} />
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedName = name.trim();
    invite.mutate({ email: email.trim(), role, ...(trimmedName ? { name: trimmedName } : {}) }, { onSuccess: setIssued });
  };
  const apiError = isApiError(invite.error) ? invite.error : null;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Invite someone to {orgName}. You get a link to send them; they choose their own password when they accept it.
        </Text>
        <ErrorAlert error={invite.error} title="Could not create the invitation" />
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={apiError?.fieldError('email')}
          data-autofocus
        />
        <RoleSelect
          label="Role"
          required
          value={role}
          onChange={(value) => value && setRole(value)}
          withDescription
          error={apiError?.fieldError('role')}
        />
        <TextInput
          label="Name (optional)"
          description="How they appear until they set their own name."
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={apiError?.fieldError('name')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={invite.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
            Create invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
