import { Alert, Button, Group, Menu, Pagination, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { ChevronDownIcon } from '../../lib/components/icons.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { inventoryPaths, systemExportUrl, useSystems } from './api.ts';
import { flashState, useFlashFromNavigation } from './flash-state.ts';
import { ImportSystemsModal } from './ImportSystemsModal.tsx';
import { InventoryNav } from './InventoryNav.tsx';
import { canWriteInventory, withArticle } from './labels.ts';
import { hasFilters, noFilters, pageSizes, toApiParams, useSystemListState } from './list-params.ts';
import { SummaryCards } from './SummaryCards.tsx';
import { SystemFilters } from './SystemFilters.tsx';
import { RegisterSystemModal } from './SystemFormModal.tsx';
import { SystemTable } from './SystemTable.tsx';

/** `/orgs/:org/inventory`: the AI system inventory with its summary, filters, import and export. */
export function InventoryPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { state, update } = useSystemListState();
  const params = toApiParams(state);
  const systems = useSystems(org.slug, params);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const mayWrite = canWriteInventory(org.role);
  const filtered = hasFilters(state);
  const clearFilters = () => update(noFilters);

  const total = systems.data?.total ?? 0;
  const first = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = Math.min(total, state.page * state.pageSize);
  const pages = Math.max(1, Math.ceil(total / state.pageSize));

  const exportMenu = (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" rightSection={<ChevronDownIcon size={14} />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{filtered ? 'The AI systems shown (filtered)' : 'All AI systems'}</Menu.Label>
        <Menu.Item component="a" href={systemExportUrl(org.slug, 'csv', params)} download>
          CSV (.csv)
        </Menu.Item>
        <Menu.Item component="a" href={systemExportUrl(org.slug, 'xlsx', params)} download>
          Excel (.xlsx)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <>
      <PageHeader
        title="AI system inventory"
        description="The AI systems your organization provides, develops or uses, with their EU AI Act risk class, their place in the life cycle and whether they are in the AIMS scope; and the suppliers, data sets and models behind them."
        actions={
          // Three buttons: let them wrap on a narrow screen instead of running off it.
          <Group gap="sm" wrap="wrap">
            {exportMenu}
            {mayWrite ? (
              <>
                <Button variant="default" onClick={() => setImporting(true)}>
                  Import
                </Button>
                <Button onClick={() => setRegistering(true)}>Register AI system</Button>
              </>
            ) : null}
          </Group>
        }
      />
      <InventoryNav org={org.slug} current="system" />
      <FlashMessage flash={flash} onClose={clear} />
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read the inventory and export it. Contributors, AIMS managers and owners register
          and change AI systems.
        </Alert>
      ) : null}
      <SummaryCards org={org.slug} state={state} onFilter={update} onClear={clearFilters} />
      <SystemFilters state={state} onChange={update} onClear={clearFilters} />
      <Paper withBorder radius="md" aria-busy={systems.isFetching}>
        {systems.isPending ? (
          <LoadingState label="Loading AI systems…" />
        ) : systems.isError ? (
          <Stack p="md">
            <ErrorAlert error={systems.error} title="Could not load the AI systems" />
          </Stack>
        ) : systems.data.items.length === 0 ? (
          filtered ? (
            <EmptyMessage title="No AI system matches these filters" description="Change or clear the filters to see more.">
              <Button variant="light" onClick={clearFilters}>
                Clear filters
              </Button>
            </EmptyMessage>
          ) : state.page > 1 && total > 0 ? (
            <EmptyMessage title="This page is empty" description={`There are ${total} AI systems; go back to the first page.`}>
              <Button variant="light" onClick={() => update({ page: 1 })}>
                First page
              </Button>
            </EmptyMessage>
          ) : (
            <EmptyMessage
              title="No AI systems registered yet"
              description={
                mayWrite
                  ? 'Start the inventory: register each AI system your organization provides, develops or uses, or import them from a spreadsheet. Then classify each under the EU AI Act.'
                  : 'Nobody has registered an AI system yet. Contributors, AIMS managers and owners can register them.'
              }
            >
              {mayWrite ? (
                <Group gap="sm">
                  <Button onClick={() => setRegistering(true)}>Register AI system</Button>
                  <Button variant="default" onClick={() => setImporting(true)}>
                    Import from a spreadsheet
                  </Button>
                </Group>
              ) : null}
            </EmptyMessage>
          )
        ) : (
          <SystemTable
            org={org.slug}
            systems={systems.data.items}
            sort={state.sort}
            order={state.order}
            onSort={(sort, order) => update({ sort, order })}
          />
        )}
      </Paper>
      {total > 0 ? (
        <Group justify="space-between" mt="md" gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {first}–{last} of {total} AI {total === 1 ? 'system' : 'systems'}
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

      <RegisterSystemModal
        org={org.slug}
        opened={registering}
        onClose={() => setRegistering(false)}
        onCreated={(system) => {
          setRegistering(false);
          void navigate(inventoryPaths.system(org.slug, system.id), {
            state: flashState(
              'success',
              `${system.ref} “${system.name}” was registered. Classify it under the EU AI Act next.`,
              'AI system registered',
            ),
          });
        }}
      />
      <ImportSystemsModal org={org.slug} opened={importing} onClose={() => setImporting(false)} onImported={() => undefined} />
    </>
  );
}
