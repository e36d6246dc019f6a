import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { canReadAuditLog, roleColors, roleDescriptions, roleLabels } from '../../lib/roles.ts';
import { useAuditVerify, useRecentAuditEvents } from '../audit-log/api.ts';
import { AuditChainStatus } from '../audit-log/AuditChainStatus.tsx';
import { AuditLogTable } from '../audit-log/AuditLogTable.tsx';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { InventoryOverviewCard } from '../inventory/InventoryOverviewCard.tsx';
import { useMembers } from '../members/api.ts';
import { useOrganization } from './api.ts';
import { useCurrentOrg } from './current-org.tsx';

function Stat({ label, children, footer }: { label: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={6}>
        <Text size="xs" tt="uppercase" fw={600} c="dimmed">
          {label}
        </Text>
        {children}
        {footer ? (
          <Text size="xs" c="dimmed">
            {footer}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function OverviewPage() {
  const org = useCurrentOrg();
  const organization = useOrganization(org.slug);
  const members = useMembers(org.slug);
  const auditAccess = canReadAuditLog(org.role);
  const recent = useRecentAuditEvents(org.slug, auditAccess);
  const verify = useAuditVerify(org.slug, auditAccess);
  const active = members.data?.filter((m) => m.status === 'active').length ?? 0;
  const invited = members.data?.filter((m) => m.status === 'invited').length ?? 0;

  return (
    <>
      <PageHeader
        title={organization.data?.name ?? org.name}
        description="Overview of this organization's AI management system (ISO/IEC 42001)."
      />
      {organization.isError ? <ErrorAlert error={organization.error} title="Could not load the organization" /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" mb="lg">
        <Stat label="Your role" footer={roleDescriptions[org.role]}>
          <Badge size="lg" variant="light" color={roleColors[org.role]} w="fit-content">
            {roleLabels[org.role]}
          </Badge>
        </Stat>
        <Stat
          label="Members"
          footer={
            <Anchor component={Link} to={`/orgs/${org.slug}/members`} size="xs">
              Members & roles
            </Anchor>
          }
        >
          {members.isPending ? (
            <Text c="dimmed">…</Text>
          ) : members.isError ? (
            <Text c="red" size="sm">
              Unavailable
            </Text>
          ) : (
            <Group gap="xs" align="baseline">
              <Text fz={28} fw={700} lh={1} data-testid="member-count">
                {active}
              </Text>
              <Text size="sm" c="dimmed">
                active{invited > 0 ? `, ${invited} invited` : ''}
              </Text>
            </Group>
          )}
        </Stat>
        <InventoryOverviewCard org={org.slug} />
        <Stat label="Organization" footer={organization.data ? `Created ${formatDate(organization.data.createdAt)}` : undefined}>
          <Text size="sm" ff="monospace">
            /orgs/{org.slug}
          </Text>
        </Stat>
      </SimpleGrid>

      {auditAccess ? (
        <Stack gap="md">
          <Stack gap="xs">
            <Title order={2} size="h4">
              Audit trail
            </Title>
            {verify.isPending ? (
              <LoadingState label="Verifying the audit chain…" minHeight={60} />
            ) : verify.isError ? (
              <ErrorAlert error={verify.error} title="Could not verify the audit chain" />
            ) : (
              <AuditChainStatus result={verify.data} compact />
            )}
          </Stack>
          <Paper withBorder radius="md">
            <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              <Text fw={600} size="sm">
                Recent activity
              </Text>
              <Anchor component={Link} to={`/orgs/${org.slug}/audit-log`} size="sm">
                Open the audit log
              </Anchor>
            </Group>
            {recent.isPending ? (
              <LoadingState label="Loading recent activity…" />
            ) : recent.isError ? (
              <Stack p="md">
                <ErrorAlert error={recent.error} title="Could not load recent activity" />
              </Stack>
            ) : recent.data.items.length === 0 ? (
              <EmptyMessage title="No activity yet" />
            ) : (
              <AuditLogTable entries={recent.data.items} expandable={false} />
            )}
          </Paper>
        </Stack>
      ) : null}
    </>
  );
}
