import { Alert, Anchor, Badge, Button, Group, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { AuthCard } from '../../lib/components/AuthCard.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { roleColors, roleDescriptions, roleLabels } from '../../lib/roles.ts';
import { useSession } from '../auth/api.ts';
import { useAcceptInvitation, useInvitation, type InvitationView } from './api.ts';

const MIN_PASSWORD = 12;

export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const invitation = useInvitation(token);

  if (invitation.isPending) return <LoadingState label="Opening your invitation…" minHeight={400} />;
  if (invitation.isError) {
    return (
      <AuthCard title="Invitation not available">
        <ErrorAlert
          error={invitation.error}
          title={isApiError(invitation.error, 'not_found') ? 'This link does not work any more' : 'Could not open the invitation'}
        />
        <Text size="sm" c="dimmed">
          Invitation links work once and expire after 7 days. Ask an owner of the organization for a new link.
        </Text>
        <Anchor component={Link} to="/login" size="sm">
          Go to sign in
        </Anchor>
      </AuthCard>
    );
  }
  return <AcceptForm token={token} invitation={invitation.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationView }) {
  const navigate = useNavigate();
  const session = useSession();
  const accept = useAcceptInvitation(token);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<{ field: 'password' | 'confirm'; message: string } | null>(null);
  const isNew = !invitation.accountExists;
  const signedInAsOther = session.data && session.data.user.email.toLowerCase() !== invitation.email.toLowerCase();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    if (isNew && password.length < MIN_PASSWORD) {
      setLocalError({ field: 'password', message: `Use at least ${MIN_PASSWORD} characters` });
      return;
    }
    if (isNew && password !== confirm) {
      setLocalError({ field: 'confirm', message: 'The passwords do not match' });
      return;
    }
    const trimmed = name.trim();
    // mutateAsync, not mutate's callbacks: signing in drops the cached invitation, which may
    // re-render this page before the callbacks would run.
    accept
      .mutateAsync({ password, ...(isNew && trimmed ? { name: trimmed } : {}) })
      .then((result) => {
        const org = result.organizations.find((o) => o.slug === invitation.organizationSlug) ?? result.organizations[0];
        return navigate(org ? `/orgs/${org.slug}` : '/', { replace: true });
      })
      .catch(() => {
        // Shown from accept.error.
      });
  };

  const apiError = isApiError(accept.error) ? accept.error : null;
  return (
    <AuthCard title={`Join ${invitation.organizationName}`} subtitle="You have been invited to this organization's AI management system.">
      <Table variant="vertical" layout="fixed" withTableBorder fz="sm">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={124}>Organization</Table.Th>
            <Table.Td>{invitation.organizationName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{invitation.email}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Role</Table.Th>
            <Table.Td>
              <Stack gap={2}>
                <Group gap="xs">
                  <Badge color={roleColors[invitation.role]} variant="light">
                    {roleLabels[invitation.role]}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {roleDescriptions[invitation.role]}
                </Text>
              </Stack>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Expires</Table.Th>
            <Table.Td>{formatDateTime(invitation.expiresAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {signedInAsOther ? (
        <Alert color="yellow" variant="light" title="You are signed in as someone else">
          You are signed in as {session.data?.user.email}. Accepting signs you in as {invitation.email} instead.
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {isNew
              ? 'Choose your name and a password to create your account.'
              : 'You already have a Trellis account. Confirm your password to join.'}
          </Text>
          <ErrorAlert error={accept.error} title="Could not accept the invitation" />
          {isNew ? (
            <TextInput
              label="Your name"
              description="Shown to the other members and in the audit log."
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={apiError?.fieldError('name')}
              maxLength={200}
            />
          ) : null}
          <PasswordInput
            label={isNew ? 'Choose a password' : 'Your password'}
            description={isNew ? `At least ${MIN_PASSWORD} characters.` : undefined}
            autoComplete={isNew ? 'new-password' : 'current-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={localError?.field === 'password' ? localError.message : apiError?.fieldError('password')}
          />
          {isNew ? (
            <PasswordInput
              label="Repeat the password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={localError?.field === 'confirm' ? localError.message : undefined}
            />
          ) : null}
          <Button type="submit" loading={accept.isPending} disabled={!password} fullWidth>
            {isNew ? 'Create account and join' : 'Join organization'}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
