import { Stack, Text } from '@mantine/core';
import { SecretReveal } from '../../lib/components/SecretReveal.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { roleLabels } from '../../lib/roles.ts';
import type { InvitationIssued } from './api.ts';

/** The invitation link the server returned, shown once for the owner to copy and send. */
export function InvitationLinkPanel({ issued, reissued = false }: { issued: InvitationIssued; reissued?: boolean }) {
  const { member, inviteUrl } = issued;
  return (
    <Stack gap="md">
      <Text size="sm">
        {reissued ? 'A new invitation link was created for ' : 'An invitation was created for '}
        <Text span fw={600}>
          {member.email}
        </Text>{' '}
        as{' '}
        <Text span fw={600}>
          {roleLabels[member.role]}
        </Text>
        .{reissued ? ' The previous link no longer works.' : null}
      </Text>
      <SecretReveal
        label="Invitation link"
        value={inviteUrl}
        note={
          <>
            Trellis does not send emails: copy this link and send it to {member.email} yourself. It is shown only once, works once and
            expires {formatDateTime(member.inviteExpiresAt, 'in 7 days')}. If it is lost, create a new invitation link from the members
            table.
          </>
        }
      />
    </Stack>
  );
}
