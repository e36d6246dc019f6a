import { Anchor, Badge, Box, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { inventoryPaths, useRecords, type Supplier } from './api.ts';
import { Field, FieldGroup } from './Fields.tsx';
import { DueDate, DueDiligenceBadge } from './InventoryBadges.tsx';
import { formatDay, isDayPast } from './labels.ts';
import { RecordListPage } from './RecordListPage.tsx';
import { RecordPage } from './RecordPage.tsx';

/** `/orgs/:org/inventory/suppliers`. */
export function SuppliersPage() {
  const searchText = useCallback((s: Supplier) => `${s.description} ${s.suppliesWhat} ${s.contact} ${s.contractRef}`, []);
  return (
    <RecordListPage
      kind="supplier"
      title="Suppliers"
      description="Third parties that supply AI systems, components, models, data or services, with the state of your due diligence and their contracts (ISO/IEC 42001 A.10)."
      emptyDescription="Add the suppliers behind your AI systems: AI vendors, model providers, data brokers, cloud and labelling services. Then link them to the AI systems they supply."
      searchText={searchText}
      subtitle={(s) => s.suppliesWhat}
      columns={[
        { header: 'Due diligence', w: 150, render: (s) => <DueDiligenceBadge status={s.dueDiligenceStatus} /> },
        {
          header: 'Contract',
          render: (s) => (
            <Stack gap={0}>
              <Text size="sm">{s.contractRef || '—'}</Text>
              {s.contractEnd ? (
                <Text size="xs" c={isDayPast(s.contractEnd) ? 'red.7' : 'dimmed'} fw={isDayPast(s.contractEnd) ? 600 : undefined}>
                  {isDayPast(s.contractEnd) ? 'Ended' : 'Ends'} {formatDay(s.contractEnd)}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        { header: 'Review due', w: 160, render: (s) => <DueDate day={s.reviewDue} overdue={s.reviewOverdue} /> },
      ]}
    />
  );
}

/** The data sets and models that name this supplier as theirs. */
function SuppliedRecords({ org, supplier }: { org: string; supplier: Supplier }) {
  const datasets = useRecords(org, 'dataset');
  const models = useRecords(org, 'model');
  const lists = [
    {
      kind: 'dataset' as const,
      title: 'Data sets from this supplier',
      items: (datasets.data ?? []).filter((d) => d.supplierId === supplier.id),
      pending: datasets.isPending,
    },
    {
      kind: 'model' as const,
      title: 'Models from this supplier',
      items: (models.data ?? []).filter((m) => m.supplierId === supplier.id),
      pending: models.isPending,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
      {lists.map((list) => (
        <Paper key={list.kind} withBorder radius="md" p="md" component="section" aria-label={list.title}>
          <Group gap="xs" mb="xs">
            <Title order={3} size="h6">
              {list.title}
            </Title>
            <Badge size="sm" variant="light" color="gray" radius="sm">
              {list.pending ? '…' : list.items.length}
            </Badge>
          </Group>
          {list.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {list.pending
                ? 'Loading…'
                : `None. Choose this supplier on a ${list.kind === 'dataset' ? 'data set' : 'model'}'s page to list it here.`}
            </Text>
          ) : (
            <Box component="ul" m={0} pl="md">
              {list.items.map((item) => (
                <li key={item.id}>
                  <Anchor component={Link} to={inventoryPaths.record(org, list.kind, item.id)} size="sm">
                    {item.name}
                  </Anchor>
                </li>
              ))}
            </Box>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** `/orgs/:org/inventory/suppliers/:id`. */
export function SupplierPage() {
  return (
    <RecordPage
      kind="supplier"
      badges={(s) => <DueDiligenceBadge status={s.dueDiligenceStatus} size="md" />}
      subtitle={(s) => s.contact}
      relationsDescription="The AI systems this supplier supplies. Data sets and models name their supplier on their own page."
      relationsExtra={(s, org) => <SuppliedRecords org={org} supplier={s} />}
      deleteNote="Its links to AI systems are removed. A supplier that data sets or models still name cannot be deleted: change those first."
      details={(s) => (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
          <FieldGroup id="supplier" title="Supplier">
            <Field label="Description">{s.description}</Field>
            <Field label="Contact">{s.contact}</Field>
            <Field label="What they supply">{s.suppliesWhat}</Field>
            <Field label="Responsibilities" help="Allocation of responsibilities, ISO/IEC 42001 A.10.2, A.10.3">
              {s.responsibilities}
            </Field>
          </FieldGroup>
          <Stack gap="md">
            <FieldGroup id="due-diligence" title="Due diligence" description="ISO/IEC 42001 A.10.3">
              <Field label="Status">
                <DueDiligenceBadge status={s.dueDiligenceStatus} />
              </Field>
              <Field label="Notes">{s.dueDiligenceNotes}</Field>
            </FieldGroup>
            <FieldGroup id="contract" title="Contract & review">
              <Field label="Contract reference">{s.contractRef}</Field>
              <Field label="Contract start">{s.contractStart ? formatDay(s.contractStart) : ''}</Field>
              <Field label="Contract end">{s.contractEnd ? <DueDate day={s.contractEnd} lateLabel="ended" /> : ''}</Field>
              <Field label="Review due">{s.reviewDue ? <DueDate day={s.reviewDue} overdue={s.reviewOverdue} /> : ''}</Field>
            </FieldGroup>
          </Stack>
        </SimpleGrid>
      )}
    />
  );
}
