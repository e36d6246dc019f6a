import { Anchor, CloseButton, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { catalogPaths, useCrosswalk, useFramework, type CrosswalkRow } from './api.ts';
import { RelationshipBadge } from './CatalogBadges.tsx';
import { relationshipLabels } from './labels.ts';

export interface CrosswalkTableProps {
  org: string;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
}

function ItemCell({ org, framework, id, title }: { org: string; framework: string; id: string; title: string | undefined }) {
  return (
    <Anchor component={Link} to={catalogPaths.item(org, framework, id)} size="sm" style={{ display: 'block' }}>
      <Text span ff="monospace" fw={600} size="sm">
        {id}
      </Text>
      {title ? (
        <Text size="xs" c="dimmed" lineClamp={2} title={title}>
          {title}
        </Text>
      ) : null}
    </Anchor>
  );
}

/** The raw links between two frameworks, read “source item relationship target item”, with a text filter. */
export function CrosswalkTable({ org, source, target, sourceName, targetName }: CrosswalkTableProps) {
  const rows = useCrosswalk(org, source, target, true);
  const sourceDetail = useFramework(org, source);
  const targetDetail = useFramework(org, target);
  const [filter, setFilter] = useState('');

  const titles = useMemo(() => {
    const of = (items: { id: string; title: string }[] | undefined) => new Map((items ?? []).map((i) => [i.id, i.title]));
    return { source: of(sourceDetail.data?.items), target: of(targetDetail.data?.items) };
  }, [sourceDetail.data, targetDetail.data]);

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = rows.data ?? [];
    if (!needle) return all;
    const text = (r: CrosswalkRow) =>
      [r.from, r.to, relationshipLabels[r.relationship], r.rationale, r.source, titles.source.get(r.from), titles.target.get(r.to)]
        .join(' ')
        .toLowerCase();
    return all.filter((r) => text(r).includes(needle));
  }, [rows.data, filter, titles]);

  const sources = useMemo(() => [...new Set((rows.data ?? []).map((r) => r.source))], [rows.data]);

  if (rows.isPending) return <LoadingState label="Loading the crosswalk…" />;
  if (rows.isError) return <ErrorAlert error={rows.error} title="Could not load the crosswalk" />;
  if (rows.data.length === 0) {
    return (
      <Paper withBorder radius="md">
        <EmptyMessage
          title="No crosswalk between these frameworks"
          description={`Nothing links ${sourceName} and ${targetName}. An owner or AIMS manager can import a crosswalk from the catalog page.`}
        />
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="md">
      <Stack gap={0}>
        <Group p="md" gap="md" align="flex-end" justify="space-between">
          <TextInput
            label="Filter links"
            placeholder="Id, word in a title or rationale, or a relationship"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            maxLength={100}
            style={{ flex: 1, maxWidth: 520 }}
            rightSection={filter ? <CloseButton aria-label="Clear filter" onClick={() => setFilter('')} /> : null}
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {visible.length === rows.data.length ? `${rows.data.length} links` : `${visible.length} of ${rows.data.length} links`}
          </Text>
        </Group>
        {sources.length === 1 ? (
          <Text size="xs" c="dimmed" px="md" pb="sm" mt={-6}>
            Source: {sources[0]}
          </Text>
        ) : null}
        {visible.length === 0 ? (
          <EmptyMessage title="No link matches the filter" />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped aria-label={`Crosswalk ${sourceName} to ${targetName}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="22%">{sourceName}</Table.Th>
                  <Table.Th w={110}>Relationship</Table.Th>
                  <Table.Th w="22%">{targetName}</Table.Th>
                  <Table.Th>Rationale</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map((row, index) => (
                  <Table.Tr key={`${row.from}→${row.to}#${index}`} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <ItemCell org={org} framework={source} id={row.from} title={titles.source.get(row.from)} />
                    </Table.Td>
                    <Table.Td>
                      <RelationshipBadge relationship={row.relationship} />
                    </Table.Td>
                    <Table.Td>
                      <ItemCell org={org} framework={target} id={row.to} title={titles.target.get(row.to)} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.rationale}</Text>
                      {sources.length > 1 ? (
                        <Text size="xs" c="dimmed" mt={2}>
                          Source: {row.source}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
