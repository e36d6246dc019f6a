import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert, messageOf } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDate, isPast } from '../../lib/format.ts';
import { canManageOrganization, roleColors, roleLabels, type Role } from '../../lib/roles.ts';
import { useSession } from '../auth/api.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { useChangeMemberRole, useMembers, useReissueInvitation, useRemoveMember, type InvitationIssued, type MemberView } from './api.ts';
import { InvitationLinkPanel } from './InvitationLinkPanel.tsx';
import { InviteMemberModal } from './InviteMemberModal.tsx';
import { RoleSelect } from './RoleSelect.tsx';
import { RolesLegend } from './RolesLegend.tsx';

export function MembersPage() {
  const org = useCurrentOrg();
  const session = useSession();
  const members = useMembers(org.slug);
  const changeRole = useChangeMemberRole(org.slug);
  const remove = useRemoveMember(org.slug);
  const reissue = useReissueInvitation(org.slug);
  const { flash, show, clear } = useFlash();
  const [inviting, setInviting] = useState(false);
  // The target stays set while the confirmation closes, so its text does not blank out mid-animation.
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [reissued, setReissued] = useState<InvitationIssued | null>(null);
  const isOwner = canManageOrganization(org.role);
  const myUserId = session.data?.user.id;

  const onRoleChange = (member: MemberView, role: Role) => {
    if (role === member.role) return;
    clear();
    changeRole.mutate(
      { memberId: member.id, role, version: member.version },
      {
        onSuccess: (updated) => show('success', `${updated.name} is now ${roleLabels[updated.role]}.`, 'Role changed'),
        onError: (error) => {
          if (isApiError(error, 'version_conflict')) {
            show(
              'warning',
              `${member.name} was changed by someone else, so the list has been reloaded. Check the role and try again.`,
              'Not saved',
            );
            void members.refetch();
          } else {
            // 422 rule_violated (e.g. the last owner) and anything else: the server's own words.
            show('error', messageOf(error), 'Role not changed');
          }
        },
      },
    );
  };

  const onReissue = (member: MemberView) => {
    clear();
    reissue.mutate(member.id, {
      onSuccess: setReissued,
      onError: (error) => show('error', messageOf(error), 'No new link'),
    });
  };

  const confirmRemove = () => {
    if (!removing) return;
    const target = removing;
    remove.mutate(target.id, {
      onSuccess: () => {
        setConfirmOpen(false);
        show('success', target.status === 'invited' ? `The invitation for ${target.email} was withdrawn.` : `${target.name} was removed.`);
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Members & roles"
        description={`The people with access to ${org.name} and the role each holds. Roles decide who may change the AIMS, approve records and read the audit log.`}
        actions={isOwner ? <Button onClick={() => setInviting(true)}>Invite member</Button> : null}
      />
      <FlashMessage flash={flash} onClose={clear} />
      {!isOwner ? (
        <Alert variant="light" color="gray" mb="md">
          You can see who has access. Only owners invite members, change roles and remove members.
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        {members.isPending ? (
          <LoadingState label="Loading members…" />
        ) : members.isError ? (
          <Stack p="md">
            <ErrorAlert error={members.error} title="Could not load the members" />
          </Stack>
        ) : members.data.length === 0 ? (
          <EmptyMessage title="No members yet" />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th w={200}>Role</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Joined</Table.Th>
                  {isOwner ? (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.map((member) => {
                  const isMe = member.userId === myUserId;
                  const pendingHere = changeRole.isPending && changeRole.variables?.memberId === member.id;
                  const expired = member.status === 'invited' && isPast(member.inviteExpiresAt);
                  return (
                    <Table.Tr key={member.id} data-member-email={member.email}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm" fw={500}>
                            {member.name}
                          </Text>
                          {isMe ? (
                            <Badge size="xs" variant="outline" color="gray">
                              You
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{member.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        {isOwner ? (
                          <RoleSelect
                            aria-label={`Role of ${member.name}`}
                            size="xs"
                            value={member.role}
                            disabled={pendingHere}
                            onChange={(value) => value && onRoleChange(member, value)}
                          />
                        ) : (
                          <Badge variant="light" color={roleColors[member.role]}>
                            {roleLabels[member.role]}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {member.status === 'active' ? (
                          <Badge color="teal" variant="light">
                            Active
                          </Badge>
                        ) : (
                          <Tooltip
                            label={expired ? 'The invitation link has expired' : `Link expires ${formatDate(member.inviteExpiresAt)}`}
                          >
                            <Badge color={expired ? 'red' : 'yellow'} variant="light">
                              {expired ? 'Invitation expired' : 'Invited'}
                            </Badge>
                          </Tooltip>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {member.status === 'active' ? (
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {formatDate(member.createdAt)}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            Invited {formatDate(member.createdAt)}
                          </Text>
                        )}
                      </Table.Td>
                      {isOwner ? (
                        <Table.Td>
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            {member.status === 'invited' ? (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                onClick={() => onReissue(member)}
                                loading={reissue.isPending && reissue.variables === member.id}
                                aria-label={`New invitation link for ${member.email}`}
                              >
                                New invitation link
                              </Button>
                            ) : null}
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              onClick={() => {
                                remove.reset();
                                setRemoving(member);
                                setConfirmOpen(true);
                              }}
                              aria-label={`Remove ${member.email}`}
                            >
                              {member.status === 'invited' ? 'Withdraw' : 'Remove'}
                            </Button>
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <RolesLegend />

      <InviteMemberModal org={org.slug} orgName={org.name} opened={inviting} onClose={() => setInviting(false)} />

      <Modal opened={reissued !== null} onClose={() => setReissued(null)} title="New invitation link" size="lg" centered>
        {reissued ? (
          <Stack gap="md">
            <InvitationLinkPanel issued={reissued} reissued />
            <Group justify="flex-end">
              <Button onClick={() => setReissued(null)}>Done</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <ConfirmModal
        opened={confirmOpen}
        title={removing?.status === 'invited' ? 'Withdraw invitation' : 'Remove member'}
        confirmLabel={removing?.status === 'invited' ? 'Withdraw invitation' : 'Remove member'}
        onConfirm={confirmRemove}
        onCancel={() => setConfirmOpen(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        {removing ? (
          <Stack gap="xs">
            <Text size="sm">
              {removing.status === 'invited'
                ? `Withdraw the invitation for ${removing.email}? The link stops working.`
                : `Remove ${removing.name} (${removing.email}) from ${org.name}? They lose access at once, and their API tokens for this organization stop working.`}
            </Text>
            {removing.userId === myUserId ? (
              <Text size="sm" c="red" fw={500}>
                This is you: you will lose access to {org.name}.
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              The removal is recorded in the audit log.
            </Text>
          </Stack>
        ) : null}
      </ConfirmModal>
    </>
  );
}
