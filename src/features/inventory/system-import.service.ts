import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import type { AiSystemTable } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { AiSystem, ImportIssue, SystemImportResult, SystemListQuery } from '../../domain/schemas/inventory.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvents, type AuditEvent } from '../audit-log/audit-log.service.ts';
import {
  formatRef,
  listSystems as listSystemRows,
  maxRefSequence,
  presentSystem,
  refSequence,
  refsInUse,
  systemColumns as columnsOf,
  type AiSystemRow,
} from './ai-system.repository.ts';
import { lockOrganizationWrites, newSystemRow, SYSTEM_ENTITY } from './ai-system.service.ts';
import { parseSystemRows, readSheet, type ParsedRow, type SpreadsheetFormat } from './system-spreadsheet.ts';

const MAX_ERRORS = 1000;
const PREVIEW_ROWS = 200;

type Plan =
  | { kind: 'create'; parsed: ParsedRow }
  | { kind: 'update'; parsed: ParsedRow; existing: AiSystemRow }
  | { kind: 'unchanged'; parsed: ParsedRow; existing: AiSystemRow }
  | { kind: 'error'; parsed: ParsedRow };

function plan(rows: ParsedRow[], existing: Map<string, AiSystemRow>): Plan[] {
  return rows.map((parsed): Plan => {
    if (!parsed.fields) return { kind: 'error', parsed };
    const current = parsed.ref === null ? undefined : existing.get(parsed.ref);
    if (!current) return { kind: 'create', parsed };
    const columns = columnsOf({ ...parsed.fields, ref: current.ref });
    const same = (Object.keys(columns) as (keyof typeof columns)[]).every((k) => columns[k] === current[k]);
    return same ? { kind: 'unchanged', parsed, existing: current } : { kind: 'update', parsed, existing: current };
  });
}

function summarize(
  format: SpreadsheetFormat,
  dryRun: boolean,
  committed: boolean,
  plans: Plan[],
  errors: ImportIssue[],
): SystemImportResult {
  const count = (kind: Plan['kind']) => plans.filter((p) => p.kind === kind).length;
  return {
    dryRun,
    committed,
    format,
    rows: plans.length,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errors: errors.slice(0, MAX_ERRORS),
    preview: plans.slice(0, PREVIEW_ROWS).map((p) => ({
      row: p.parsed.row,
      action: p.kind,
      ref: p.kind === 'update' || p.kind === 'unchanged' ? p.existing.ref : p.parsed.ref,
      name: p.parsed.name,
    })),
  };
}

/**
 * Imports AI systems from a CSV or XLSX file. A row whose `ref` names an existing system updates
 * it; any other row registers a new system (keeping the ref it gives, or getting the next one).
 * Every row is checked first; with a single problem nothing is written, and every problem is
 * reported by row and column. `dryRun` only reports what would happen.
 */
export async function importSystems(
  db: Db,
  principal: OrgPrincipal,
  file: { format: SpreadsheetFormat; content: Buffer },
  dryRun: boolean,
): Promise<SystemImportResult> {
  requirePermission(principal, 'records.write');
  const sheet = await readSheet(file.format, file.content);
  const { rows, headerIssues } = parseSystemRows(sheet);
  if (rows.length === 0 && headerIssues.length === 0) {
    throw new AppError('validation_failed', 'the file has a header row but no AI systems', {
      issues: [{ path: 'body', message: 'no data rows' }],
    });
  }
  const errors = [...headerIssues, ...rows.flatMap((r) => r.issues)];
  const refs = rows.map((r) => r.ref).filter((r): r is string => r !== null);

  if (dryRun || errors.length) {
    const plans = plan(rows, await refsInUse(db.kysely, principal.orgId, refs));
    const result = summarize(file.format, dryRun, false, plans, errors);
    if (!dryRun) {
      throw new AppError(
        'validation_failed',
        `nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the file (first: row ${errors[0]?.row}, ${errors[0]?.column ?? 'file'}: ${errors[0]?.message})`,
        {
          issues: errors.slice(0, 50).map((e) => ({ path: `row ${e.row}${e.column ? `.${e.column}` : ''}`, message: e.message })),
          result,
        },
      );
    }
    return result;
  }

  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const plans = plan(rows, await refsInUse(trx, principal.orgId, refs));
    const now = nowIso();
    let next = await maxRefSequence(trx, principal.orgId);
    // Refs the file gives explicitly are reserved before numbers are handed out to rows without one.
    const reserved = new Set(refs);
    for (const r of refs) next = Math.max(next, refSequence(r) ?? 0);
    const events: Omit<AuditEvent, 'orgId'>[] = [];
    const inserts: AiSystemTable[] = [];
    for (const p of plans) {
      if (p.kind === 'create' && p.parsed.fields) {
        let ref = p.parsed.ref;
        if (ref === null) {
          do ref = formatRef(++next);
          while (reserved.has(ref));
        }
        const row = newSystemRow(principal.orgId, { ...p.parsed.fields, ref }, principal.userId, now);
        inserts.push(row);
        events.push({
          actor: principal.actor,
          action: 'ai-system.created',
          entityType: SYSTEM_ENTITY,
          entityId: row.id,
          after: presentSystem(row),
        });
      } else if (p.kind === 'update' && p.parsed.fields) {
        const columns = columnsOf({ ...p.parsed.fields, ref: p.existing.ref });
        const significant = columns.stage !== p.existing.stage ? now : p.existing.significant_change_at;
        const updated: AiSystemRow = {
          ...p.existing,
          ...columns,
          significant_change_at: significant,
          updated_at: now,
          version: p.existing.version + 1,
        };
        await trx
          .updateTable('ai_systems')
          .set({ ...columns, significant_change_at: significant, updated_at: now, version: updated.version })
          .where('id', '=', p.existing.id)
          .execute();
        events.push({
          actor: principal.actor,
          action: 'ai-system.updated',
          entityType: SYSTEM_ENTITY,
          entityId: p.existing.id,
          before: presentSystem(p.existing),
          after: presentSystem(updated),
        });
      }
    }
    // 33 columns a row: 400 rows a statement stays under both databases' parameter limits.
    for (let i = 0; i < inserts.length; i += 400) {
      await trx
        .insertInto('ai_systems')
        .values(inserts.slice(i, i + 400))
        .execute();
    }
    const result = summarize(file.format, false, true, plans, []);
    events.push({
      actor: principal.actor,
      action: 'ai-system.imported',
      entityType: 'ai-system-import',
      entityId: null,
      after: {
        format: file.format,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        rows: result.rows,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
      },
    });
    await appendAuditEvents(trx, db.dialect, principal.orgId, events);
    return result;
  });
}

/** The systems a filtered export holds, page by page (constant memory per page). */
export async function* exportPages(
  db: Db,
  principal: OrgPrincipal,
  query: Omit<SystemListQuery, 'page' | 'pageSize'>,
): AsyncGenerator<AiSystem[]> {
  requirePermission(principal, 'records.read');
  const pageSize = 2000;
  for (let page = 1; ; page += 1) {
    const { rows } = await listSystemRows(db.kysely, principal.orgId, { ...query, page, pageSize });
    yield rows.map((r) => presentSystem(r));
    if (rows.length < pageSize) return;
  }
}
