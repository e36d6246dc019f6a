import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { inventoryPaths, useDeleteRecord, useRecord, type RecordKind, type RecordTypes } from './api.ts';
import { flashState, useFlashFromNavigation } from './flash-state.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { canDeleteInventory, canWriteInventory, inSentence, kindLabels } from './labels.ts';
import { RecordFormModal } from './RecordFormModal.tsx';
import { RelationsPanel } from './RelationsPanel.tsx';

const tabs = ['details', 'relations', 'history'] as const;
type Tab = (typeof tabs)[number];

export interface RecordPageProps<K extends RecordKind> {
  kind: K;
  /** Badges beside the title. */
  badges?: (record: RecordTypes[K]['record']) => ReactNode;
  /** A line under the title. */
  subtitle?: (record: RecordTypes[K]['record']) => string;
  details: (record: RecordTypes[K]['record'], org: string) => ReactNode;
  /** What relations mean for this kind. */
  relationsDescription: string;
  /** Shown above the relations list (e.g. the data sets and models naming a supplier). */
  relationsExtra?: (record: RecordTypes[K]['record'], org: string) => ReactNode;
  /** What else goes when the record is deleted, for the confirmation. */
  deleteNote: string;
}

/** `/orgs/:org/inventory/<kind>s/:id`: one supplier, data set or model, with details, relations and history. */
export function RecordPage<K extends RecordKind>({
  kind,
  badges,
  subtitle,
  details,
  relationsDescription,
  relationsExtra,
  deleteNote,
}: RecordPageProps<K>) {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const record = useRecord(org.slug, kind, id);
  const remove = useDeleteRecord(org.slug, kind);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayWrite = canWriteInventory(org.role);
  const mayDelete = canDeleteInventory(org.role);
  const label = kindLabels[kind];
  const requested = params.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'details';
  useDocumentTitle(`${record.data?.name ?? label.one} · Inventory · Trellis`);

  const setTab = (value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!value || value === 'details') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );

  const listPath = inventoryPaths.list(org.slug, kind);
  const crumbs = [
    { label: 'AI system inventory', to: inventoryPaths.home(org.slug) },
    { label: label.many, to: listPath },
    { label: record.data?.name ?? label.one },
  ];

  if (record.isPending || record.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={record.isPending}
          error={record.error}
          noun={inSentence(label.one)}
          notFoundTitle={`${label.one} not found`}
          back={{ to: listPath, label: `Back to the ${inSentence(label.many)}` }}
        />
      </>
    );
  }

  const data = record.data;
  const onDelete = () =>
    remove.mutate(data.id, {
      onSuccess: () => {
        setConfirmDelete(false);
        void navigate(listPath, { state: flashState('success', `${label.one} “${data.name}” was deleted.`, `${label.one} deleted`) });
      },
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Group justify="space-between" align="flex-start" gap="md" mb="lg">
        <Stack gap={6}>
          <Group gap="sm">
            <Text size="sm" fw={600} c="teal.8" tt="uppercase">
              {label.one}
            </Text>
            {badges?.(data)}
          </Group>
          <Title order={1} size="h2">
            {data.name}
          </Title>
          <Text size="sm" c="dimmed">
            {subtitle?.(data) ? `${subtitle(data)} · ` : ''}Last changed {formatDateTime(data.updatedAt)}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {mayWrite ? (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit
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
        </Group>
      </Group>
      <FlashMessage flash={flash} onClose={clear} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="relations">Relations</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">{details(data, org.slug)}</Tabs.Panel>
        <Tabs.Panel value="relations">
          <Stack gap="lg">
            {relationsExtra?.(data, org.slug)}
            <RelationsPanel
              org={org.slug}
              kind={kind}
              id={data.id}
              name={data.name}
              mayWrite={mayWrite}
              description={relationsDescription}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryPanel org={org.slug} kind={kind} id={data.id} />
        </Tabs.Panel>
      </Tabs>

      <RecordFormModal
        org={org.slug}
        kind={kind}
        record={data}
        opened={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          show('success', `“${saved.name}” was saved.`, 'Changes saved');
        }}
      />
      <ConfirmModal
        opened={confirmDelete}
        title={`Delete ${inSentence(label.one)}`}
        confirmLabel={`Delete ${inSentence(label.one)}`}
        onConfirm={onDelete}
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete “{data.name}”? {deleteNote}
          </Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
