import { Alert, Button, Group, Pagination, Paper, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useFlashFromNavigation } from '../inventory/flash-state.ts';
import { withArticle } from '../inventory/labels.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { evidencePaths, useEvidenceList } from './api.ts';
import { EvidenceFilters } from './EvidenceFilters.tsx';
import { EvidenceSummaryCards } from './EvidenceSummaryCards.tsx';
import { EvidenceTable } from './EvidenceTable.tsx';
import { canWriteEvidence, plural } from './labels.ts';
import { hasFilters, noFilters, pageSizes, toApiParams, useEvidenceListState } from './list-params.ts';

/** `/orgs/:org/evidence`: the organization's evidence with its states, filters and paging. */
export function EvidencePage() {
  const org = useCurrentOrg();
  const { state, update } = useEvidenceListState();
  const list = useEvidenceList(org.slug, toApiParams(state));
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const mayWrite = canWriteEvidence(org.role);
  const filtered = hasFilters(state);
  const clearFilters = () => update(noFilters);

  const total = list.data?.total ?? 0;
  const first = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = Math.min(total, state.page * state.pageSize);
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const addPath = evidencePaths.add(org.slug, state.control ? new URLSearchParams({ control: state.control }) : undefined);

  return (
    <>
      <PageHeader
        title="Evidence"
        description="The documented information that shows your controls are in place and work (ISO/IEC 42001 7.5): files, links and notes, each with its versions, a review date and links to the controls, requirements, risks and AI systems it supports."
        actions={
          mayWrite ? (
            <Button component={Link} to={addPath}>
              Add evidence
            </Button>
          ) : null
        }
      />
      <FlashMessage flash={flash} onClose={clear} />
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read the evidence and download its files. Contributors, AIMS managers and owners
          add and renew evidence.
        </Alert>
      ) : null}
      <EvidenceSummaryCards summary={list.data?.summary} states={state.state} onFilter={(states) => update({ state: states })} />
      <EvidenceFilters org={org.slug} state={state} onChange={update} onClear={clearFilters} />
      <Paper withBorder radius="md" aria-busy={list.isFetching}>
        {list.isPending ? (
          <LoadingState label="Loading the evidence…" />
        ) : list.isError ? (
          <Stack p="md">
            <ErrorAlert error={list.error} title="Could not load the evidence" />
          </Stack>
        ) : list.data.items.length === 0 ? (
          filtered ? (
            <EmptyMessage title="No evidence matches these filters" description="Change or clear the filters to see more.">
              <Button variant="light" onClick={clearFilters}>
                Clear filters
              </Button>
            </EmptyMessage>
          ) : state.page > 1 && total > 0 ? (
            <EmptyMessage title="This page is empty" description={`There are ${plural(total, 'item')}; go back to the first page.`}>
              <Button variant="light" onClick={() => update({ page: 1 })}>
                First page
              </Button>
            </EmptyMessage>
          ) : (
            <EmptyMessage
              title="No evidence yet"
              description={
                mayWrite
                  ? 'Add the documents, links and notes an auditor will ask to see, and link each to the controls and requirements it supports.'
                  : 'Nobody has added evidence yet. Contributors, AIMS managers and owners can add it.'
              }
            >
              {mayWrite ? (
                <Button component={Link} to={addPath}>
                  Add evidence
                </Button>
              ) : null}
            </EmptyMessage>
          )
        ) : (
          <EvidenceTable
            org={org.slug}
            items={list.data.items}
            sort={state.sort}
            order={state.order}
            onSort={(sort, order) => update({ sort, order })}
          />
        )}
      </Paper>
      {total > 0 ? (
        <Group justify="space-between" mt="md" gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {first}–{last} of {plural(total, 'item')}
          </Text>
          <Group gap="md">
            <Select
              aria-label="Rows per page"
              size="xs"
              w={130}
              data={pageSizes.map((n) => ({ value: String(n), label: `${n} per page` }))}
              value={String(state.pageSize)}
              onChange={(v) => v && update({ pageSize: Number(v) })}
              allowDeselect={false}
            />
            {pages > 1 ? (
              <Pagination
                total={pages}
                value={Math.min(state.page, pages)}
                onChange={(page) => update({ page })}
                size="sm"
                getControlProps={(control) => ({ 'aria-label': `${control.charAt(0).toUpperCase()}${control.slice(1)} page` })}
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
              />
            ) : null}
          </Group>
        </Group>
      ) : null}
    </>
  );
}
