import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import type { Dataset } from './api.ts';
import { Field, FieldGroup } from './Fields.tsx';
import { DataCategoryBadges, DueDate } from './InventoryBadges.tsx';
import { dataCategoryLabels } from './labels.ts';
import { RecordListPage } from './RecordListPage.tsx';
import { RecordPage } from './RecordPage.tsx';
import { SupplierName, useSupplierNames } from './supplier-names.tsx';

/** `/orgs/:org/inventory/datasets`. */
export function DatasetsPage() {
  const supplierNames = useSupplierNames();
  const searchText = useCallback(
    (d: Dataset) =>
      `${d.description} ${d.source} ${d.categories.map((c) => dataCategoryLabels[c]).join(' ')} ${d.supplierId ? (supplierNames.get(d.supplierId) ?? '') : ''}`,
    [supplierNames],
  );
  return (
    <RecordListPage
      kind="dataset"
      title="Data sets"
      description="The data your AI systems are trained, tested, validated and operated with: where it comes from, what kinds of data it holds, and its quality and known biases (ISO/IEC 42001 A.7)."
      emptyDescription="Add the data sets behind your AI systems, with their source and whether they hold personal or special category data. Then link them to the AI systems and models that use them."
      searchText={searchText}
      subtitle={(d) => d.source}
      columns={[
        { header: 'Kinds of data', render: (d) => <DataCategoryBadges categories={d.categories} size="xs" /> },
        { header: 'Supplier', w: 200, render: (d) => <SupplierName id={d.supplierId} /> },
        { header: 'Review due', w: 160, render: (d) => <DueDate day={d.reviewDue} overdue={d.reviewOverdue} /> },
      ]}
    />
  );
}

/** `/orgs/:org/inventory/datasets/:id`. */
export function DatasetPage() {
  return (
    <RecordPage
      kind="dataset"
      badges={(d) => <DataCategoryBadges categories={d.categories} size="md" />}
      subtitle={(d) => d.source}
      relationsDescription="The AI systems that use this data set and the models trained on it."
      deleteNote="Its links to AI systems and models are removed with it."
      details={(d, org) => (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
          <Stack gap="md">
            <FieldGroup id="dataset" title="Data set">
              <Field label="Description">{d.description}</Field>
              <Field label="Kinds of data">
                <DataCategoryBadges categories={d.categories} />
              </Field>
              <Field label="Supplier">
                {d.supplierId ? <SupplierName id={d.supplierId} link org={org} /> : <Text size="sm">In-house</Text>}
              </Field>
              <Field label="Review due">{d.reviewDue ? <DueDate day={d.reviewDue} overdue={d.reviewOverdue} /> : ''}</Field>
              <Field label="Retention">{d.retention}</Field>
            </FieldGroup>
            <FieldGroup id="provenance" title="Provenance & acquisition" description="ISO/IEC 42001 A.7.3, A.7.5">
              <Field label="Source">{d.source}</Field>
              <Field label="Provenance">{d.provenance}</Field>
              <Field label="Acquisition">{d.acquisition}</Field>
            </FieldGroup>
          </Stack>
          <FieldGroup id="quality" title="Quality & preparation" description="ISO/IEC 42001 A.7.4, A.7.6">
            <Field label="Quality requirements">{d.qualityRequirements}</Field>
            <Field label="Preparation">{d.preparation}</Field>
            <Field label="Labelling">{d.labelling}</Field>
            <Field label="Known biases">{d.knownBiases}</Field>
          </FieldGroup>
        </SimpleGrid>
      )}
    />
  );
}
