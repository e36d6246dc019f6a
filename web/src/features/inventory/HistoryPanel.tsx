import { HistorySection } from '../audit-log/HistorySection.tsx';
import { Box, Text } from '@mantine/core';
import { useHistory, type HistoryEntry, type InventoryKind } from './api.ts';
import { riskLabels, type RiskFilter } from './labels.ts';
import { useSupplierNames } from './supplier-names.tsx';
import { changedFields, isRecord } from '../../lib/changes.ts';

/** Field names as people read them, for every inventory kind. */
const fieldLabels: Record<string, string> = {
  ref: 'Reference',
  name: 'Name',
  purpose: 'Purpose',
  intendedUse: 'Intended use',
  foreseeableMisuse: 'Foreseeable misuse',
  isoRoles: 'AI roles',
  euRoles: 'EU AI Act roles',
  stage: 'Life-cycle stage',
  owner: 'Owner',
  businessUnit: 'Business unit',
  users: 'Users',
  affectedPersons: 'Affected persons',
  automation: 'Automation',
  humanOversight: 'Human oversight',
  deploymentContext: 'Deployment context',
  jurisdictions: 'Jurisdictions',
  inScope: 'In AIMS scope',
  scopeReason: 'Scope reason',
  reviewDue: 'Review due',
  riskClass: 'Risk class',
  gpaiSystemicRisk: 'GPAI systemic risk',
  description: 'Description',
  contact: 'Contact',
  suppliesWhat: 'Supplies',
  responsibilities: 'Responsibilities',
  dueDiligenceStatus: 'Due diligence',
  dueDiligenceNotes: 'Due diligence notes',
  contractRef: 'Contract',
  contractStart: 'Contract start',
  contractEnd: 'Contract end',
  source: 'Source',
  provenance: 'Provenance',
  acquisition: 'Acquisition',
  categories: 'Data categories',
  qualityRequirements: 'Quality requirements',
  preparation: 'Preparation',
  labelling: 'Labelling',
  knownBiases: 'Known biases',
  retention: 'Retention',
  supplierId: 'Supplier',
  modelVersion: 'Model version',
  modelType: 'Model type',
  evaluationSummary: 'Evaluation summary',
  relations: 'Relations',
  note: 'Note',
};

/** Bookkeeping that changes with every write and says nothing on its own. */
const ignored = new Set(['id', 'version', 'createdAt', 'updatedAt', 'reviewOverdue', 'classifiedAt']);

const actionWords: Record<string, string> = {
  created: 'Created',
  updated: 'Edited',
  deleted: 'Deleted',
  classified: 'Classified',
  reclassified: 'Re-classified',
  imported: 'Imported',
};

function actionColor(action: string): string {
  if (action.endsWith('.deleted') || action.endsWith('-removed')) return 'red';
  if (action.endsWith('classified')) return 'grape';
  if (action.endsWith('.created')) return 'teal';
  return 'blue';
}

/** Names for ids that a diff would otherwise show raw (a data set's or model's supplier). */
type Names = ReadonlyMap<string, string>;

/** A short rendering of one value: lists joined, yes/no, dates as written, long text cut. */
function show(value: unknown, field?: string, names?: Names): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'supplierId' && typeof value === 'string') return names?.get(value) ?? 'a supplier';
  if (field === 'riskClass' && typeof value === 'string') return riskLabels[value as RiskFilter] ?? value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length === 0 ? '—' : cut(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '));
  if (typeof value === 'object') return cut(JSON.stringify(value));
  return cut(String(value));
}

function cut(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function Change({ field, before, after, names }: { field: string; before: unknown; after: unknown; names: Names }) {
  return (
    <Text component="li" size="sm">
      <Text span fw={600}>
        {fieldLabels[field] ?? field}:
      </Text>{' '}
      <Text span c="dimmed" td="line-through">
        {show(before, field, names)}
      </Text>{' '}
      → <Text span>{show(after, field, names)}</Text>
    </Text>
  );
}

/** What an entry changed, compactly: the changed fields with their old and new values. */
function Diff({ entry, names }: { entry: HistoryEntry; names: Names }) {
  const { before, after } = entry;
  if (isRecord(after) && typeof after.classification === 'number') {
    const from = isRecord(before) ? before.riskClass : null;
    return (
      <Text size="sm">
        Classification {after.classification}: risk class {show(from ?? null, 'riskClass')} → {show(after.riskClass, 'riskClass')}
        {Array.isArray(after.changedQuestions) && after.changedQuestions.length
          ? ` · changed answers: ${after.changedQuestions.join(', ')}`
          : ''}
      </Text>
    );
  }
  if (before == null && isRecord(after)) {
    const filled = Object.keys(after).filter((k) => !ignored.has(k) && show(after[k]) !== '—');
    return (
      <Text size="sm">
        Created{typeof after.name === 'string' ? ` “${after.name}”` : ''}
        <Text span c="dimmed" size="sm">
          {' '}
          with {filled.length} {filled.length === 1 ? 'field' : 'fields'} filled in
        </Text>
      </Text>
    );
  }
  if (after == null && isRecord(before)) {
    return (
      <Text size="sm" c="dimmed">
        Deleted{typeof before.name === 'string' ? ` “${before.name}”` : ''}
      </Text>
    );
  }
  const fields = changedFields(before, after).filter((f) => !ignored.has(f));
  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No field changed
      </Text>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  return (
    <Box component="ul" m={0} pl="md">
      {fields.map((f) => (
        <Change key={f} field={f} before={b[f]} after={a[f]} names={names} />
      ))}
    </Box>
  );
}

/** The audit trail of one inventory record, newest first. */
export function HistoryPanel({ org, kind, id }: { org: string; kind: InventoryKind; id: string }) {
  const supplierNames = useSupplierNames();
  return (
    <HistorySection
      history={useHistory(org, kind, id)}
      headingId={`history-${id}`}
      description="Every change to this record, newest first, from the organization's hash-chained audit log."
      badge={(entry) => ({ label: actionWords[entry.action.split('.').pop() ?? ''] ?? entry.action, color: actionColor(entry.action) })}
      change={(entry) => <Diff entry={entry} names={supplierNames} />}
    />
  );
}
