import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { ImportIssue } from '../../domain/schemas/inventory.schemas.ts';
import { RiskInputSchema, type RiskFields } from '../../domain/schemas/risk.schemas.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { normalizeHeader, readSheet, unescapeCell, type SpreadsheetFormat } from '../shared/spreadsheet.ts';
import { loadCriteriaVersions } from './risk-criteria.service.ts';
import { findRiskByRef, insertRisk, patchRisk } from './risk.service.ts';

/**
 * `trellis risks import`: the risk register from a CSV or XLSX file, checked row by row and written
 * all or nothing, as for AI systems. A row whose ref names an existing risk updates its
 * identification and analysis; other rows add risks (origin "import"). Treatment and acceptance
 * are decided in Trellis, not imported.
 */

type Field = keyof RiskFields;
interface Column {
  header: string;
  field: Field;
  kind: 'text' | 'score' | 'date' | 'systems';
}

export const riskColumns: Column[] = [
  { header: 'ref', field: 'ref', kind: 'text' },
  { header: 'title', field: 'title', kind: 'text' },
  { header: 'description', field: 'description', kind: 'text' },
  { header: 'risk_source', field: 'riskSource', kind: 'text' },
  { header: 'systems', field: 'systemIds', kind: 'systems' },
  { header: 'consequences_organization', field: 'consequencesOrganization', kind: 'text' },
  { header: 'consequences_individuals', field: 'consequencesIndividuals', kind: 'text' },
  { header: 'consequences_society', field: 'consequencesSociety', kind: 'text' },
  { header: 'likelihood', field: 'likelihood', kind: 'score' },
  { header: 'impact', field: 'impact', kind: 'score' },
  { header: 'owner', field: 'owner', kind: 'text' },
  { header: 'status', field: 'status', kind: 'text' },
  { header: 'review_due', field: 'reviewDue', kind: 'date' },
];
const byHeader = new Map(riskColumns.map((c) => [normalizeHeader(c.header), c]));

export interface RiskImportResult {
  dryRun: boolean;
  committed: boolean;
  format: SpreadsheetFormat;
  rows: number;
  created: number;
  updated: number;
  errors: ImportIssue[];
}

interface ParsedRiskRow {
  row: number;
  fields: RiskFields | null;
}

export async function importRisks(
  db: Db,
  principal: OrgPrincipal,
  file: { format: SpreadsheetFormat; content: Buffer },
  dryRun: boolean,
): Promise<RiskImportResult> {
  requirePermission(principal, 'records.write');
  const sheet = await readSheet(file.format, file.content);
  const errors: ImportIssue[] = [];
  const columns = sheet.headers.map((h) => {
    if (h.trim() === '') return null;
    const c = byHeader.get(normalizeHeader(h));
    if (!c)
      errors.push({ row: 1, column: h, message: `unknown column "${h}"; known columns: ${riskColumns.map((x) => x.header).join(', ')}` });
    return c ?? null;
  });
  if (!columns.some((c) => c?.field === 'title')) errors.push({ row: 1, column: 'title', message: 'the "title" column is required' });
  if (sheet.rows.length === 0 && errors.length === 0) {
    throw new AppError('validation_failed', 'the file has a header row but no risks', {
      issues: [{ path: 'body', message: 'no data rows' }],
    });
  }

  const systems = new Map(
    (await db.kysely.selectFrom('ai_systems').select(['id', 'ref']).where('org_id', '=', principal.orgId).execute()).map((s) => [
      s.ref,
      s.id,
    ]),
  );
  const { current } = await loadCriteriaVersions(db.kysely, principal.orgId);
  const scales = { likelihood: current.content.likelihood.length, impact: current.content.impact.length };
  const refsSeen = new Map<string, number>();

  const parsed: ParsedRiskRow[] = sheet.rows.map(({ row, cells }) => {
    const input: Record<string, unknown> = {};
    const rowIssues: ImportIssue[] = [];
    columns.forEach((column, i) => {
      if (!column) return;
      const raw = unescapeCell((cells[i] ?? '').trim());
      if (raw === '') return;
      switch (column.kind) {
        case 'text':
          input[column.field] = column.field === 'status' ? raw.toLowerCase() : raw;
          break;
        case 'score': {
          const n = Number(raw);
          const max = column.field === 'likelihood' ? scales.likelihood : scales.impact;
          if (!Number.isInteger(n) || n < 1 || n > max)
            rowIssues.push({ row, column: column.header, message: `"${raw}" is not a step of the ${column.header} scale (1–${max})` });
          else input[column.field] = n;
          break;
        }
        case 'date': {
          const match = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
          if (match) input[column.field] = match[1];
          else rowIssues.push({ row, column: column.header, message: `"${raw}" is not a date in the form YYYY-MM-DD` });
          break;
        }
        case 'systems': {
          const ids: string[] = [];
          for (const ref of raw
            .split(/[;,]/)
            .map((s) => s.trim())
            .filter(Boolean)) {
            const id = systems.get(ref);
            if (id) ids.push(id);
            else rowIssues.push({ row, column: column.header, message: `no AI system with the ref ${ref}` });
          }
          input.systemIds = ids;
          break;
        }
      }
    });
    if (typeof input.ref === 'string') {
      const first = refsSeen.get(input.ref);
      if (first !== undefined) rowIssues.push({ row, column: 'ref', message: `ref ${input.ref} is also on row ${first}` });
      else refsSeen.set(input.ref, row);
    }
    const result = RiskInputSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const header = riskColumns.find((c) => c.field === issue.path[0])?.header ?? null;
        if (!rowIssues.some((i) => i.column === header))
          rowIssues.push({
            row,
            column: header,
            message: input[String(issue.path[0])] === undefined ? 'required: this column may not be empty' : issue.message,
          });
      }
    }
    errors.push(...rowIssues);
    return { row, fields: result.success && rowIssues.length === 0 ? result.data : null };
  });

  const summary = (committed: boolean, created: number, updated: number): RiskImportResult => ({
    dryRun,
    committed,
    format: file.format,
    rows: parsed.length,
    created,
    updated,
    errors: errors.slice(0, 1000),
  });
  const existing = async () => {
    let updates = 0;
    for (const p of parsed) if (p.fields?.ref && (await findRiskByRef(db.kysely, principal.orgId, p.fields.ref))) updates += 1;
    return updates;
  };
  if (dryRun || errors.length) {
    const updates = await existing();
    const result = summary(false, parsed.length - updates, updates);
    if (!dryRun) {
      const first = errors[0];
      throw new AppError(
        'validation_failed',
        `nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the file (first: row ${first?.row}, ${first?.column ?? 'file'}: ${first?.message})`,
        {
          issues: errors.slice(0, 50).map((e) => ({ path: `row ${e.row}${e.column ? `.${e.column}` : ''}`, message: e.message })),
          result,
        },
      );
    }
    return result;
  }

  return inTransaction(db, async (trx) => {
    let created = 0;
    let updated = 0;
    for (const p of parsed) {
      if (!p.fields) continue;
      const found = p.fields.ref ? await findRiskByRef(trx, principal.orgId, p.fields.ref) : undefined;
      if (found) {
        await patchRisk(trx, db, principal, found.id, { ...p.fields, version: found.version });
        updated += 1;
      } else {
        await insertRisk(trx, db, principal, p.fields, { type: 'import', id: null });
        created += 1;
      }
    }
    const result = summary(true, created, updated);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk.imported',
      entityType: 'risk-import',
      entityId: null,
      after: { format: file.format, sha256: createHash('sha256').update(file.content).digest('hex'), rows: result.rows, created, updated },
    });
    return result;
  });
}
