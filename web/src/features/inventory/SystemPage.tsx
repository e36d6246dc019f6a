import { Badge, Button, Group, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { SystemImpactAssessments } from '../impact/SystemImpactAssessments.tsx';
import { SystemMonitoring } from '../monitoring/SystemMonitoring.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { inventoryPaths, useDeleteSystem, useSystem, type AiSystem } from './api.ts';
import { ClassificationPanel } from './ClassificationPanel.tsx';
import { flashState, useFlashFromNavigation } from './flash-state.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { RiskClassBadge, StageBadge } from './InventoryBadges.tsx';
import { canDeleteInventory, canWriteInventory } from './labels.ts';
import { RelationsPanel } from './RelationsPanel.tsx';
import { EditSystemModal } from './SystemFormModal.tsx';
import { SystemOverview } from './SystemOverview.tsx';

const tabs = ['overview', 'classification', 'relations', 'impact-assessments', 'monitoring', 'history'] as const;
type Tab = (typeof tabs)[number];

function SystemHeader({ system, actions }: { system: AiSystem; actions: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg">
      <Stack gap={6}>
        <Group gap="sm" align="center">
          <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="system-ref">
            {system.ref}
          </Text>
          <RiskClassBadge riskClass={system.riskClass} size="md" />
          <StageBadge stage={system.stage} size="md" />
          {!system.inScope ? (
            <Badge size="md" radius="sm" variant="outline" color="gray">
              Outside the AIMS scope
            </Badge>
          ) : null}
          {system.gpaiSystemicRisk !== null ? (
            <Tooltip label="A general-purpose AI model is part of this AI system (EU AI Act Chapter V)" withArrow multiline w={260}>
              <Badge size="md" radius="sm" variant="light" color={system.gpaiSystemicRisk ? 'red' : 'blue'}>
                {system.gpaiSystemicRisk ? 'GPAI with systemic risk' : 'GPAI'}
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
        <Title order={1} size="h2">
          {system.name}
        </Title>
        {system.purpose ? (
          <Text size="sm" c="dimmed" maw={820} lineClamp={2}>
            {system.purpose}
          </Text>
        ) : null}
      </Stack>
      <Group gap="sm" wrap="nowrap">
        {actions}
      </Group>
    </Group>
  );
}

/** `/orgs/:org/inventory/systems/:id`: one AI system with its overview, classification, relations and history. */
export function SystemPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const system = useSystem(org.slug, id);
  const remove = useDeleteSystem(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayWrite = canWriteInventory(org.role);
  const mayDelete = canDeleteInventory(org.role);
  const requested = params.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'overview';
  useDocumentTitle(`${system.data ? `${system.data.ref} ${system.data.name}` : 'AI system'} · Inventory · Trellis`);

  const setTab = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!value || value === 'overview') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );

  const crumbs = [{ label: 'AI system inventory', to: inventoryPaths.home(org.slug) }, { label: system.data?.ref ?? id }];

  if (system.isPending || system.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={system.isPending}
          error={system.error}
          noun="AI system"
          back={{ to: inventoryPaths.home(org.slug), label: 'Back to the inventory' }}
        />
      </>
    );
  }

  const data = system.data;
  const onDelete = () =>
    remove.mutate(data.id, {
      onSuccess: () => {
        setConfirmDelete(false);
        void navigate(inventoryPaths.home(org.slug), {
          state: flashState('success', `${data.ref} “${data.name}” was deleted.`, 'AI system deleted'),
        });
      },
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <SystemHeader
        system={data}
        actions={
          <>
            {mayWrite ? (
              <Button component={Link} to={inventoryPaths.classify(org.slug, data.id)} variant={data.riskClass ? 'default' : 'filled'}>
                {data.riskClass ? 'Re-classify' : 'Classify'}
              </Button>
            ) : null}
            {mayDelete ? (
              <Button
                variant="subtle"
                color="red"
                onClick={() => {
                  remove.reset();
                  setConfirmDelete(true);
                }}
              >
                Delete
              </Button>
            ) : null}
          </>
        }
      />
      <FlashMessage flash={flash} onClose={clear} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="classification">Classification</Tabs.Tab>
          <Tabs.Tab value="relations">Relations</Tabs.Tab>
          <Tabs.Tab value="impact-assessments">Impact assessments</Tabs.Tab>
          <Tabs.Tab value="monitoring">Monitoring</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <SystemOverview system={data} mayWrite={mayWrite} onEdit={() => setEditing(true)} />
        </Tabs.Panel>
        <Tabs.Panel value="classification">
          <ClassificationPanel org={org.slug} system={data} mayWrite={mayWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="relations">
          <RelationsPanel
            org={org.slug}
            kind="system"
            id={data.id}
            name={data.name}
            mayWrite={mayWrite}
            description="The data sets and models this AI system uses, the suppliers it comes from, and the AI systems it depends on or that depend on it (ISO/IEC 42001 A.4, A.7, A.10)."
          />
        </Tabs.Panel>
        <Tabs.Panel value="impact-assessments">
          <SystemImpactAssessments org={org.slug} role={org.role} systemId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="monitoring">
          <SystemMonitoring org={org.slug} role={org.role} systemId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryPanel org={org.slug} kind="system" id={data.id} />
        </Tabs.Panel>
      </Tabs>

      <EditSystemModal
        org={org.slug}
        system={data}
        opened={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          show('success', `${saved.ref} “${saved.name}” was saved.`, 'Changes saved');
        }}
      />
      <ConfirmModal
        opened={confirmDelete}
        title="Delete AI system"
        confirmLabel="Delete AI system"
        onConfirm={onDelete}
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete {data.ref} “{data.name}” from the inventory? Its classifications and its links to data sets, models, suppliers and other
            AI systems are deleted with it.
          </Text>
          <Text size="sm">
            If the AI system is no longer used, consider setting its life-cycle stage to “Retired” instead: the record stays for audits.
          </Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
