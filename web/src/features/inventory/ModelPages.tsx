import { Anchor, Box, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { inventoryPaths, useRelations, type Model } from './api.ts';
import { Field, FieldGroup } from './Fields.tsx';
import { DueDate } from './InventoryBadges.tsx';
import { RecordListPage } from './RecordListPage.tsx';
import { RecordPage } from './RecordPage.tsx';
import { SupplierName, useSupplierNames } from './supplier-names.tsx';

/** `/orgs/:org/inventory/models`. */
export function ModelsPage() {
  const supplierNames = useSupplierNames();
  const searchText = useCallback(
    (m: Model) => `${m.modelVersion} ${m.modelType} ${m.description} ${m.supplierId ? (supplierNames.get(m.supplierId) ?? '') : ''}`,
    [supplierNames],
  );
  return (
    <RecordListPage
      kind="model"
      title="Models"
      description="The machine-learning models inside your AI systems, built in-house or supplied, with how they were evaluated (ISO/IEC 42001 A.4.4, A.6.2.4)."
      emptyDescription="Add the models your AI systems rely on, with their version, type and supplier. Then record the data sets they were trained on and the AI systems that use them."
      searchText={searchText}
      subtitle={(m) => m.modelType}
      columns={[
        { header: 'Version', w: 140, render: (m) => <Text size="sm">{m.modelVersion || '—'}</Text> },
        { header: 'Supplier', w: 200, render: (m) => <SupplierName id={m.supplierId} /> },
        { header: 'Review due', w: 160, render: (m) => <DueDate day={m.reviewDue} overdue={m.reviewOverdue} /> },
      ]}
    />
  );
}

/** The data sets a model was trained on, from its relations. */
function TrainedOn({ org, model }: { org: string; model: Model }) {
  const relations = useRelations(org, 'model', model.id);
  if (relations.isPending) {
    return (
      <Text size="sm" c="dimmed">
        Loading…
      </Text>
    );
  }
  const sets = (relations.data ?? []).filter((r) => r.relation === 'trained-on' && r.fromId === model.id);
  if (sets.length === 0) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        Not recorded: add “Trained on data set” on the Relations tab
      </Text>
    );
  }
  return (
    <Box component="ul" m={0} pl="md">
      {sets.map((r) => (
        <li key={r.id}>
          <Anchor component={Link} to={inventoryPaths.record(org, 'dataset', r.toId)} size="sm">
            {r.toName}
          </Anchor>
          {r.note ? (
            <Text span size="xs" c="dimmed">
              {' '}
              · {r.note}
            </Text>
          ) : null}
        </li>
      ))}
    </Box>
  );
}

/** `/orgs/:org/inventory/models/:id`. */
export function ModelPage() {
  return (
    <RecordPage
      kind="model"
      subtitle={(m) => [m.modelVersion && `Version ${m.modelVersion}`, m.modelType].filter(Boolean).join(' · ')}
      relationsDescription="The data sets this model was trained on, and the AI systems that use it."
      deleteNote="Its links to data sets and AI systems are removed with it."
      details={(m, org) => (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
          <Stack gap="md">
            <FieldGroup id="model" title="Model">
              <Field label="Version">{m.modelVersion}</Field>
              <Field label="Type of model">{m.modelType}</Field>
              <Field label="Description">{m.description}</Field>
              <Field label="Supplier">
                {m.supplierId ? <SupplierName id={m.supplierId} link org={org} /> : <Text size="sm">In-house</Text>}
              </Field>
              <Field label="Review due">{m.reviewDue ? <DueDate day={m.reviewDue} overdue={m.reviewOverdue} /> : ''}</Field>
            </FieldGroup>
            <FieldGroup id="training" title="Trained on">
              <Field label="Data sets">
                <TrainedOn org={org} model={m} />
              </Field>
            </FieldGroup>
          </Stack>
          <FieldGroup id="evaluation" title="Evaluation" description="ISO/IEC 42001 A.6.2.4">
            <Field label="Evaluation summary">{m.evaluationSummary}</Field>
          </FieldGroup>
        </SimpleGrid>
      )}
    />
  );
}
