import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { roleLabels } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { controlPaths, useSoa, useSoaVersions } from './api.ts';
import { ApproveSoaModal } from './ApproveSoaModal.tsx';
import { ControlsNav } from './ControlsNav.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { canApproveSoa, canWriteControls, plural, withArticle } from './labels.ts';
import { areasOf, filterSoaRows, hasSoaFilters, noSoaFilters, useSoaFilterState } from './soa-filters.ts';
import { SoaFilters } from './SoaFilters.tsx';
import { SoaSummaryCards } from './SoaSummaryCards.tsx';
import { SoaTable } from './SoaTable.tsx';

/** `/orgs/:org/controls`: the live Statement of Applicability, derived from risks, decisions and evidence. */
export function ControlsPage() {
  const org = useCurrentOrg();
  const soa = useSoa(org.slug);
  const versions = useSoaVersions(org.slug);
  const { state, update } = useSoaFilterState();
  const [approving, setApproving] = useState(false);
  const mayApprove = canApproveSoa(org.role);
  const rows = useMemo(() => (soa.data ? filterSoaRows(soa.data.rows, state) : []), [soa.data, state]);
  const areas = useMemo(() => (soa.data ? areasOf(soa.data.rows) : []), [soa.data]);
  const latest = versions.data?.[0];
  const filtered = hasSoaFilters(state);

  return (
    <>
      <PageHeader
        title="Controls & Statement of Applicability"
        description="Every Annex A control and your own: whether it applies and why, how far it is implemented, who owns it and what evidence shows it works (ISO/IEC 42001 6.1.3). Risks whose treatment names a control make it applicable."
        actions={
          <>
            <Button component={Link} to={controlPaths.versions(org.slug)} variant="default">
              Versions
            </Button>
            <ExportMenu org={org.slug} />
            {mayApprove ? (
              <Button onClick={() => setApproving(true)} disabled={!soa.data}>
                Approve this SoA
              </Button>
            ) : null}
          </>
        }
      />
      <ControlsNav org={org.slug} current="soa" />
      {!canWriteControls(org.role) ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read the Statement of Applicability. Contributors, AIMS managers and owners record
          decisions; owners and AIMS managers approve it.
        </Alert>
      ) : null}
      {latest ? (
        <Text size="sm" c="dimmed" mb="md" data-testid="latest-version">
          Last approved: version {latest.number}, {formatDateTime(latest.approvedAt)} by {latest.approvedBy}. This page shows the live SoA,
          which may have changed since.
        </Text>
      ) : versions.data ? (
        <Text size="sm" c="dimmed" mb="md" data-testid="latest-version">
          No version approved yet. This page shows the live SoA.
        </Text>
      ) : null}

      {soa.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Loading the Statement of Applicability…" />
        </Paper>
      ) : soa.isError ? (
        <ErrorAlert error={soa.error} title="Could not load the Statement of Applicability" />
      ) : (
        <>
          <SoaSummaryCards summary={soa.data.summary} state={state} onFilter={update} />
          <SoaFilters state={state} areas={areas} onChange={update} onClear={() => update(noSoaFilters)} />
          <Paper withBorder radius="md">
            {rows.length === 0 ? (
              <EmptyMessage title="No control matches these filters" description="Change or clear the filters to see more.">
                <Button variant="light" onClick={() => update(noSoaFilters)}>
                  Clear filters
                </Button>
              </EmptyMessage>
            ) : (
              <SoaTable org={org.slug} rows={rows} label="Statement of Applicability" />
            )}
          </Paper>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed" role="status">
              {filtered
                ? `${plural(rows.length, 'control')} of ${soa.data.rows.length} shown`
                : `${plural(soa.data.rows.length, 'control')}`}
            </Text>
            <Text size="xs" c="dimmed">
              Generated {formatDateTime(soa.data.generatedAt)}
            </Text>
          </Group>
          {mayApprove ? (
            <ApproveSoaModal org={org.slug} opened={approving} onClose={() => setApproving(false)} summary={soa.data.summary} />
          ) : null}
        </>
      )}
    </>
  );
}
