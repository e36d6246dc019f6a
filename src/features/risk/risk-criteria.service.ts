import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  RiskCriteriaInputSchema,
  type RiskCriteria,
  type RiskCriteriaContent,
  type RiskCriteriaInput,
} from '../../domain/schemas/risk.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { lockOrganizationWrites } from '../inventory/ai-system.service.ts';
import { DEFAULT_CRITERIA } from './risk-levels.ts';

/** Every version of an organization's criteria by number (0 = the built-in default), for presenting old levels. */
export type CriteriaVersions = Map<number, RiskCriteriaContent>;

export const defaultCriteria: RiskCriteria = {
  id: null,
  number: 0,
  content: DEFAULT_CRITERIA,
  note: 'The built-in default: a 5 × 5 matrix with four levels. Adjust it to your risk appetite (6.1.1).',
  createdAt: null,
  createdBy: null,
  isDefault: true,
};

export async function loadCriteriaVersions(db: Executor, orgId: string): Promise<{ versions: CriteriaVersions; current: RiskCriteria }> {
  const rows = await db.selectFrom('risk_criteria').selectAll().where('org_id', '=', orgId).orderBy('number').execute();
  const versions: CriteriaVersions = new Map([[0, DEFAULT_CRITERIA]]);
  for (const r of rows) versions.set(r.number, JSON.parse(r.content) as RiskCriteriaContent);
  const last = rows.at(-1);
  const current: RiskCriteria = last
    ? {
        id: last.id,
        number: last.number,
        content: JSON.parse(last.content) as RiskCriteriaContent,
        note: last.note,
        createdAt: last.created_at,
        createdBy: last.created_by_label,
        isDefault: false,
      }
    : defaultCriteria;
  return { versions, current };
}

export async function getCriteria(db: Db, principal: OrgPrincipal): Promise<RiskCriteria> {
  requirePermission(principal, 'records.read');
  return (await loadCriteriaVersions(db.kysely, principal.orgId)).current;
}

export async function listCriteriaVersions(db: Db, principal: OrgPrincipal): Promise<RiskCriteria[]> {
  requirePermission(principal, 'records.read');
  const rows = await db.kysely
    .selectFrom('risk_criteria')
    .selectAll()
    .where('org_id', '=', principal.orgId)
    .orderBy('number', 'desc')
    .execute();
  return [
    ...rows.map((r) => ({
      id: r.id,
      number: r.number,
      content: JSON.parse(r.content) as RiskCriteriaContent,
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.created_by_label,
      isDefault: false,
    })),
    defaultCriteria,
  ];
}

/**
 * Saves new risk criteria as the next version. Existing risks keep the levels computed with the
 * criteria of their time (and say which version that was) until they are scored again, so
 * approved assessment results stay comparable (6.1.2). Owners and AIMS managers only.
 */
export async function saveCriteria(db: Db, principal: OrgPrincipal, input: RiskCriteriaInput): Promise<RiskCriteria> {
  requirePermission(principal, 'records.approve');
  const fields = parseFields(RiskCriteriaInputSchema, input);
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const { current } = await loadCriteriaVersions(trx, principal.orgId);
    const row = {
      id: randomUUID(),
      org_id: principal.orgId,
      number: current.number + 1,
      content: JSON.stringify(fields.content),
      note: fields.note,
      created_at: nowIso(),
      created_by: principal.userId,
      created_by_label: principal.actor.label ?? principal.userId,
    };
    await trx.insertInto('risk_criteria').values(row).execute();
    const view: RiskCriteria = {
      id: row.id,
      number: row.number,
      content: fields.content,
      note: row.note,
      createdAt: row.created_at,
      createdBy: row.created_by_label,
      isDefault: false,
    };
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'risk-criteria.changed',
      entityType: 'risk-criteria',
      entityId: row.id,
      before: { number: current.number, content: current.content },
      after: view,
    });
    return view;
  });
}
