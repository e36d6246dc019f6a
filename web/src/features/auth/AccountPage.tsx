import { Button, Group, Paper, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useChangePassword, useLogout, useSession } from './api.ts';

const MIN_PASSWORD = 12;

export function AccountPage() {
  const session = useSession();
  const logout = useLogout();
  const user = session.data?.user;

  return (
    <>
      <PageHeader title="Your account" description="Your sign-in details and the organizations you belong to." />
      <Stack gap="lg" maw={720}>
        <Paper withBorder radius="md" p="lg">
          <Title order={2} size="h4" mb="md">
            Profile
          </Title>
          <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing="xs">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>Name</Table.Th>
                <Table.Td>{user?.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Td>{user?.email}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Organizations</Table.Th>
                <Table.Td>
                  {session.data?.organizations.length
                    ? session.data.organizations.map((o) => `${o.name} (${roleLabels[o.role]})`).join(', ')
                    : 'None yet'}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <ChangePasswordCard />
        <Paper withBorder radius="md" p="lg">
          <Group justify="space-between">
            <Stack gap={2}>
              <Title order={2} size="h4">
                Sign out
              </Title>
              <Text size="sm" c="dimmed">
                Ends this browser session.
              </Text>
            </Stack>
            <Button variant="default" loading={logout.isPending} onClick={() => logout.mutate()}>
              Sign out
            </Button>
          </Group>
        </Paper>
      </Stack>
    </>
  );
}

function ChangePasswordCard() {
  const change = useChangePassword();
  const { flash, show, clear } = useFlash();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<{ field: 'next' | 'repeat'; message: string } | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (next.length < MIN_PASSWORD) {
      setLocalError({ field: 'next', message: `Use at least ${MIN_PASSWORD} characters` });
      return;
    }
    if (next !== repeat) {
      setLocalError({ field: 'repeat', message: 'The passwords do not match' });
      return;
    }
    setLocalError(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          show('success', 'Your password was changed. Your other sessions were signed out.', 'Password changed');
        },
      },
    );
  };
  const apiError = isApiError(change.error) ? change.error : null;
  const wrongCurrent = isApiError(change.error, 'wrong_password');
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} size="h4" mb={4}>
        Change password
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Changing your password signs you out everywhere else.
      </Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FlashMessage flash={flash} onClose={clear} />
          {apiError && !wrongCurrent && apiError.issues.length === 0 ? <ErrorAlert error={apiError} title="Password not changed" /> : null}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={wrongCurrent ? 'The current password is wrong' : apiError?.fieldError('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={`At least ${MIN_PASSWORD} characters.`}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={localError?.field === 'next' ? localError.message : apiError?.fieldError('newPassword')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={localError?.field === 'repeat' ? localError.message : undefined}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} disabled={!current || !next || !repeat}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
