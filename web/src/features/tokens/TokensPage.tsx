import { Badge, Button, Code, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDate, formatDateTime, isPast } from '../../lib/format.ts';
import { canManageOrganization } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { useRevokeToken, useTokens, type ApiTokenView } from './api.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';

function tokenStatus(token: ApiTokenView): { label: string; color: string } {
  if (token.revokedAt) return { label: 'Revoked', color: 'red' };
  if (isPast(token.expiresAt)) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'teal' };
}

export function TokensPage() {
  const org = useCurrentOrg();
  const tokens = useTokens(org.slug);
  const revoke = useRevokeToken(org.slug);
  const { flash, show, clear } = useFlash();
  const [creating, setCreating] = useState(false);
  // The target stays set while the confirmation closes, so its text does not blank out mid-animation.
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const isOwner = canManageOrganization(org.role);

  const confirmRevoke = () => {
    if (!revoking) return;
    const target = revoking;
    revoke.mutate(target.id, {
      onSuccess: () => {
        setConfirmOpen(false);
        show('success', `The token “${target.name}” was revoked; requests made with it are refused from now on.`);
      },
    });
  };

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          isOwner
            ? `Tokens let scripts and the Trellis CLI call the API. As an owner you see every token in ${org.name}.`
            : 'Tokens let scripts and the Trellis CLI call the API as you, with your role. You see your own tokens.'
        }
        actions={<Button onClick={() => setCreating(true)}>Create token</Button>}
      />
      <FlashMessage flash={flash} onClose={clear} />
      <Paper withBorder radius="md">
        {tokens.isPending ? (
          <LoadingState label="Loading tokens…" />
        ) : tokens.isError ? (
          <Stack p="md">
            <ErrorAlert error={tokens.error} title="Could not load the tokens" />
          </Stack>
        ) : tokens.data.length === 0 ? (
          <EmptyMessage title="No API tokens yet" description="Create one to connect a script, a CI job or the Trellis CLI." />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="API tokens">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Token</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((token) => {
                  const status = tokenStatus(token);
                  return (
                    <Table.Tr key={token.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {token.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Code>{token.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{token.ownerEmail}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(token.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={token.lastUsedAt ? undefined : 'dimmed'}>
                          {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never used'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={status.color}>
                          {status.label}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        {token.revokedAt ? null : (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => {
                              revoke.reset();
                              setRevoking(token);
                              setConfirmOpen(true);
                            }}
                            aria-label={`Revoke ${token.name}`}
                          >
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <CreateTokenModal org={org.slug} orgName={org.name} role={org.role} opened={creating} onClose={() => setCreating(false)} />

      <ConfirmModal
        opened={confirmOpen}
        title="Revoke API token"
        confirmLabel="Revoke token"
        onConfirm={confirmRevoke}
        onCancel={() => setConfirmOpen(false)}
        loading={revoke.isPending}
        error={revoke.error}
      >
        <Text size="sm">
          Revoke “{revoking?.name}” ({revoking?.ownerEmail})? Scripts using it stop working at once. This cannot be undone.
        </Text>
      </ConfirmModal>
    </>
  );
}
