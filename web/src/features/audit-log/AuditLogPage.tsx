import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../lib/api.ts';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LockIcon } from '../../lib/components/icons.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { canReadAuditLog, roleLabels } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { useAuditLog, useVerifyAuditChain } from './api.ts';
import { AuditChainStatus } from './AuditChainStatus.tsx';
import { AuditLogFilters, emptyFilterForm, toApiFilters, type AuditFilterForm } from './AuditLogFilters.tsx';
import { AuditLogTable } from './AuditLogTable.tsx';

export function AuditLogPage() {
  const org = useCurrentOrg();
  if (!canReadAuditLog(org.role)) return <AuditLogForbidden role={org.role} />;
  return <AuditLogView />;
}

function AuditLogForbidden({ role }: { role: Parameters<typeof canReadAuditLog>[0] }) {
  return (
    <>
      <PageHeader title="Audit log" />
      <Alert color="gray" variant="light" icon={<LockIcon size={20} />} title="Your role cannot read the audit log">
        As {/^[aeiou]/i.test(roleLabels[role]) ? 'an' : 'a'} {roleLabels[role]} you do not have access to the audit log. Owners, AIMS
        managers and auditors can read it; ask an owner if you need access.
      </Alert>
    </>
  );
}

function AuditLogView() {
  const org = useCurrentOrg();
  const [form, setForm] = useState<AuditFilterForm>(emptyFilterForm);
  const log = useAuditLog(org.slug, toApiFilters(form));
  const verify = useVerifyAuditChain(org.slug);

  if (isApiError(log.error, 'forbidden')) return <AuditLogForbidden role={org.role} />;
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and sign-in in this organization, newest first. Entries are hash-chained: any later edit or deletion shows up when the chain is verified."
        actions={
          <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
            Verify chain
          </Button>
        }
      />
      {verify.data || verify.error ? (
        <Stack mb="md">
          {verify.data ? <AuditChainStatus result={verify.data} /> : <ErrorAlert error={verify.error} title="Could not verify the chain" />}
        </Stack>
      ) : null}
      <AuditLogFilters value={form} onApply={setForm} />
      <Paper withBorder radius="md">
        {log.isPending ? (
          <LoadingState label="Loading the audit log…" />
        ) : log.isError ? (
          <Stack p="md">
            <ErrorAlert error={log.error} title="Could not load the audit log" />
          </Stack>
        ) : entries.length === 0 ? (
          <EmptyMessage
            title="No entries"
            description={
              JSON.stringify(form) === JSON.stringify(emptyFilterForm)
                ? 'Nothing has been recorded yet.'
                : 'No entry matches these filters.'
            }
          />
        ) : (
          <AuditLogTable entries={entries} />
        )}
      </Paper>
      {entries.length > 0 ? (
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed" role="status">
            Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
            {log.hasNextPage ? '' : ' (no more)'}
          </Text>
          {log.hasNextPage ? (
            <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              Load more
            </Button>
          ) : null}
        </Group>
      ) : null}
    </>
  );
}
