import { Alert, Anchor, Button, CloseButton, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { inventoryPaths, useRecords, type RecordKind, type RecordTypes } from './api.ts';
import { flashState, useFlashFromNavigation } from './flash-state.ts';
import { InventoryNav } from './InventoryNav.tsx';
import { canWriteInventory, inSentence, kindLabels, withArticle } from './labels.ts';
import { RecordFormModal } from './RecordFormModal.tsx';

export interface RecordColumn<T> {
  header: string;
  w?: number;
  render: (item: T) => ReactNode;
}

export interface RecordListPageProps<K extends RecordKind> {
  kind: K;
  title: string;
  description: string;
  /** What to do first when the list is empty. */
  emptyDescription: string;
  /** Columns after the name. */
  columns: RecordColumn<RecordTypes[K]['record']>[];
  /** The text the filter searches, besides the name. */
  searchText: (item: RecordTypes[K]['record']) => string;
  /** A line under the name. */
  subtitle?: (item: RecordTypes[K]['record']) => string;
}

/** A list of suppliers, data sets or models: filter box, table, and "Add" for writers. */
export function RecordListPage<K extends RecordKind>({
  kind,
  title,
  description,
  emptyDescription,
  columns,
  searchText,
  subtitle,
}: RecordListPageProps<K>) {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const records = useRecords(org.slug, kind);
  const [params, setParams] = useSearchParams();
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [adding, setAdding] = useState(false);
  const mayWrite = canWriteInventory(org.role);
  const label = kindLabels[kind];
  const filter = params.get('q') ?? '';

  const setFilter = (q: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = records.data ?? [];
    if (!needle) return all;
    return all.filter((item) => `${item.name} ${searchText(item)}`.toLowerCase().includes(needle));
  }, [records.data, filter, searchText]);

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={mayWrite ? <Button onClick={() => setAdding(true)}>Add {inSentence(label.one)}</Button> : null}
      />
      <InventoryNav org={org.slug} current={kind} />
      <FlashMessage flash={flash} onClose={clear} />
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read the {inSentence(label.many)}. Contributors, AIMS managers and owners add and
          change them.
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        {records.isPending ? (
          <LoadingState label={`Loading ${inSentence(label.many)}…`} />
        ) : records.isError ? (
          <Stack p="md">
            <ErrorAlert error={records.error} title={`Could not load the ${inSentence(label.many)}`} />
          </Stack>
        ) : records.data.length === 0 ? (
          <EmptyMessage
            title={`No ${inSentence(label.many)} yet`}
            description={mayWrite ? emptyDescription : `Nobody has added ${inSentence(label.many)} yet.`}
          >
            {mayWrite ? <Button onClick={() => setAdding(true)}>Add {inSentence(label.one)}</Button> : null}
          </EmptyMessage>
        ) : (
          <Stack gap={0}>
            <Group p="md" justify="space-between" align="flex-end">
              <TextInput
                label={`Filter ${inSentence(label.many)}`}
                placeholder="Any word in the name or details"
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                maxLength={100}
                style={{ flex: 1, maxWidth: 420 }}
                rightSection={filter ? <CloseButton aria-label="Clear filter" onClick={() => setFilter('')} /> : null}
              />
              <Text size="sm" c="dimmed" aria-live="polite">
                {visible.length === records.data.length
                  ? `${records.data.length} ${inSentence(records.data.length === 1 ? label.one : label.many)}`
                  : `${visible.length} of ${records.data.length}`}
              </Text>
            </Group>
            {visible.length === 0 ? (
              <EmptyMessage
                title={`No ${inSentence(label.one)} matches “${filter}”`}
                description="Try another word, or clear the filter."
              />
            ) : (
              <Table.ScrollContainer minWidth={860}>
                <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={label.many}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      {columns.map((c) => (
                        <Table.Th key={c.header} w={c.w}>
                          {c.header}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {visible.map((item) => (
                      <Table.Tr key={item.id} style={{ verticalAlign: 'top' }} data-record-name={item.name}>
                        <Table.Td>
                          <Anchor component={Link} to={inventoryPaths.record(org.slug, kind, item.id)} size="sm" fw={500}>
                            {item.name}
                          </Anchor>
                          {subtitle?.(item) ? (
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {subtitle(item)}
                            </Text>
                          ) : null}
                        </Table.Td>
                        {columns.map((c) => (
                          <Table.Td key={c.header}>{c.render(item)}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </Paper>
      <RecordFormModal
        org={org.slug}
        kind={kind}
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={(record) => {
          setAdding(false);
          void navigate(inventoryPaths.record(org.slug, kind, record.id), {
            state: flashState('success', `${label.one} “${record.name}” was added.`, `${label.one} added`),
          });
        }}
      />
    </>
  );
}
