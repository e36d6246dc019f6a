import { Alert, Button, Grid, Group, Pagination, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { riskPaths, useHeatMap, useRiskCriteria, useRisks } from './api.ts';
import { HeatMap, type HeatMapMode } from './HeatMap.tsx';
import { canWriteRisks, withArticle } from './labels.ts';
import { hasFilters, noFilters, pageSizes, toApiParams, useRiskListState } from './list-params.ts';
import { ReassessmentBanner } from './ReassessmentBanner.tsx';
import { RiskFilters } from './RiskFilters.tsx';
import { AddRiskModal } from './RiskFormModal.tsx';
import { RisksNav } from './RisksNav.tsx';
import { RiskSummaryCards } from './RiskSummaryCards.tsx';
import { RiskTable } from './RiskTable.tsx';

/** `/orgs/:org/risks`: the risk register with its heat map, the risks needing action, filters and the table. */
export function RisksPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { state, update } = useRiskListState();
  const risks = useRisks(org.slug, toApiParams(state));
  const heatMap = useHeatMap(org.slug);
  const criteria = useRiskCriteria(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [adding, setAdding] = useState(false);
  const [mode, setMode] = useState<HeatMapMode>(state.residual ? 'residual' : 'inherent');
  const mayWrite = canWriteRisks(org.role);
  const filtered = hasFilters(state);
  const clearFilters = () => update(noFilters);

  const total = risks.data?.total ?? 0;
  const first = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = Math.min(total, state.page * state.pageSize);
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const selectedCell =
    state.likelihood !== null && state.impact !== null && state.residual === (mode === 'residual')
      ? { likelihood: state.likelihood, impact: state.impact }
      : null;

  return (
    <>
      <PageHeader
        title="Risk register"
        description="The AI risks of your organization (ISO/IEC 42001 6.1.2 and 8.2): each identified, analysed against your risk criteria, treated, and its residual risk accepted by someone allowed to."
        actions={mayWrite ? <Button onClick={() => setAdding(true)}>Add risk</Button> : null}
      />
      <RisksNav org={org.slug} current="register" />
      <FlashMessage flash={flash} onClose={clear} />
      <ReassessmentBanner org={org.slug} mayWrite={mayWrite} />
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read the risk register. Contributors, AIMS managers and owners add and treat risks.
        </Alert>
      ) : null}

      <Grid gap="md" mb="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {heatMap.isPending ? (
            <Paper withBorder radius="md" h="100%">
              <LoadingState label="Loading the heat map…" />
            </Paper>
          ) : heatMap.isError ? (
            <ErrorAlert error={heatMap.error} title="Could not load the heat map" />
          ) : (
            <HeatMap
              data={heatMap.data}
              mode={mode}
              onModeChange={setMode}
              selected={selectedCell}
              onSelect={(cell) =>
                update(
                  cell
                    ? { likelihood: cell.likelihood, impact: cell.impact, residual: mode === 'residual' }
                    : { likelihood: null, impact: null, residual: false },
                )
              }
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <RiskSummaryCards data={heatMap.data} state={state} onFilter={update} />
        </Grid.Col>
      </Grid>

      <RiskFilters state={state} criteria={criteria.data?.content} heatMap={heatMap.data} onChange={update} onClear={clearFilters} />
      <Paper withBorder radius="md" aria-busy={risks.isFetching}>
        {risks.isPending ? (
          <LoadingState label="Loading risks…" />
        ) : risks.isError ? (
          <Stack p="md">
            <ErrorAlert error={risks.error} title="Could not load the risks" />
          </Stack>
        ) : risks.data.items.length === 0 ? (
          filtered ? (
            <EmptyMessage title="No risk matches these filters" description="Change or clear the filters to see more.">
              <Button variant="light" onClick={clearFilters}>
                Clear filters
              </Button>
            </EmptyMessage>
          ) : state.page > 1 && total > 0 ? (
            <EmptyMessage title="This page is empty" description={`There are ${total} risks; go back to the first page.`}>
              <Button variant="light" onClick={() => update({ page: 1 })}>
                First page
              </Button>
            </EmptyMessage>
          ) : (
            <EmptyMessage
              title="No risks in the register yet"
              description={
                mayWrite
                  ? 'Start the register: add each risk your AI systems pose to your organization, to individuals or to society. Analyse it against your risk criteria, then decide its treatment.'
                  : 'Nobody has added a risk yet. Contributors, AIMS managers and owners can add them.'
              }
            >
              {mayWrite ? <Button onClick={() => setAdding(true)}>Add risk</Button> : null}
            </EmptyMessage>
          )
        ) : (
          <RiskTable
            org={org.slug}
            risks={risks.data.items}
            sort={state.sort}
            order={state.order}
            onSort={(sort, order) => update({ sort, order })}
          />
        )}
      </Paper>
      {total > 0 ? (
        <Group justify="space-between" mt="md" gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {first}–{last} of {total} {total === 1 ? 'risk' : 'risks'}
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

      <AddRiskModal
        org={org.slug}
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(risk) => {
          setAdding(false);
          void navigate(riskPaths.risk(org.slug, risk.id), {
            state: flashState(
              'success',
              risk.inherentLevel
                ? `${risk.ref} “${risk.title}” was added as ${risk.inherentLevel.label}. Decide its treatment next.`
                : `${risk.ref} “${risk.title}” was added. Analyse its likelihood and impact next.`,
              'Risk added',
            ),
          });
        }}
      />
    </>
  );
}
