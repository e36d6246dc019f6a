import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { nextSequenceRef } from '../../db/refs.ts';
import type { ImpactAssessmentTable } from '../../db/schema.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import {
  ImpactAssessmentInputSchema,
  ImpactAssessmentPatchSchema,
  type ImpactAssessment,
  type ImpactAssessmentInput,
  type ImpactAssessmentPatch,
  type ImpactEntryInputSchema,
  type ImpactTemplate,
  type ImpactTemplateContent,
  type impactStatuses,
} from '../../domain/schemas/impact.schemas.ts';
import type { Risk, RiskInput } from '../../domain/schemas/risk.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { presentSystem } from '../inventory/ai-system.repository.ts';
import { lockOrganizationWrites, requireSystem } from '../inventory/ai-system.service.ts';
import { loadCriteriaVersions } from '../risk/risk-criteria.service.ts';
import { insertRisk } from '../risk/risk.service.ts';
import { mergeAnswers, missingRequired, prefillAnswers, type Answers, type Issue } from './impact-answers.ts';
import { isBuiltInTemplate, resolveTemplate } from './impact-template.service.ts';

/**
 * AI system impact assessments (ISO/IEC 42001 6.1.4, 8.4, A.5.2–A.5.5) and EU AI Act FRIAs
 * (Art. 27): one per AI system and template, started from a snapshot of the template so later
 * template versions never change it. Life: draft → in-review → approved (frozen); a revision is a
 * new draft that supersedes the approved one when it is approved in turn. Harmful impacts raise
 * risks in the register, in the same transaction.
 */

export const ASSESSMENT_ENTITY = 'impact-assessment';
const PREFIX = 'IA';

type Status = (typeof impactStatuses)[number];
type EntryInput = z.output<typeof ImpactEntryInputSchema>;

/** An impact as stored in `impact_assessments.impacts` (JSON). */
interface StoredEntry {
  id: string;
  area: string;
  audience: ImpactAssessment['impacts'][number]['audience'];
  description: string;
  affected: string;
  severity: number;
  likelihood: number;
  beneficial: boolean;
  mitigation: string;
  riskId: string | null;
}

export interface ListQuery {
  systemId?: string | undefined;
  status?: Status[] | undefined;
}

const templateOf = (row: ImpactAssessmentTable) => JSON.parse(row.template) as ImpactTemplateContent;
const entriesOf = (row: ImpactAssessmentTable) => JSON.parse(row.impacts) as StoredEntry[];

async function present(db: Executor, orgId: string, rows: ImpactAssessmentTable[], asOf = today()): Promise<ImpactAssessment[]> {
  const systems = new Map<string, { id: string; ref: string; name: string }>();
  const risks = new Map<string, string>();
  const systemIds = [...new Set(rows.map((r) => r.system_id))];
  const riskIds = [...new Set(rows.flatMap((r) => entriesOf(r).flatMap((e) => (e.riskId ? [e.riskId] : []))))];
  for (let i = 0; i < systemIds.length; i += 500) {
    const found = await db
      .selectFrom('ai_systems')
      .select(['id', 'ref', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', systemIds.slice(i, i + 500))
      .execute();
    for (const s of found) systems.set(s.id, s);
  }
  for (let i = 0; i < riskIds.length; i += 500) {
    const found = await db
      .selectFrom('risks')
      .select(['id', 'ref'])
      .where('org_id', '=', orgId)
      .where('id', 'in', riskIds.slice(i, i + 500))
      .execute();
    for (const r of found) risks.set(r.id, r.ref);
  }
  return rows.map((row) => {
    const template = templateOf(row);
    return {
      id: row.id,
      ref: row.ref,
      system: systems.get(row.system_id) ?? { id: row.system_id, ref: '', name: '(deleted)' },
      templateId: row.template_id,
      templateName: template.name,
      templateVersion: row.template_version,
      title: row.title,
      status: row.status as Status,
      triggers: JSON.parse(row.triggers) as ImpactAssessment['triggers'],
      answers: JSON.parse(row.answers) as Answers,
      // A risk deleted from the register no longer counts as raised.
      impacts: entriesOf(row).map((e) => {
        const riskRef = e.riskId ? (risks.get(e.riskId) ?? null) : null;
        return { ...e, riskId: riskRef === null ? null : e.riskId, riskRef };
      }),
      reviewDue: row.review_due,
      reviewOverdue: row.review_due !== null && row.review_due < asOf && row.status !== 'superseded',
      approvedBy: row.approved_by,
      approvedAt: row.approved_at,
      supersedes: row.supersedes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  });
}

async function presentOne(db: Executor, row: ImpactAssessmentTable): Promise<ImpactAssessment> {
  const [view] = await present(db, row.org_id, [row]);
  if (!view) throw new AppError('internal', 'an impact assessment could not be presented');
  return view;
}

function findAssessment(db: Executor, orgId: string, idOrRef: string): Promise<ImpactAssessmentTable | undefined> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrRef);
  return db
    .selectFrom('impact_assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(byId ? 'id' : 'ref', '=', byId ? idOrRef.toLowerCase() : idOrRef)
    .executeTakeFirst();
}

async function requireAssessment(db: Executor, orgId: string, idOrRef: string): Promise<ImpactAssessmentTable> {
  const row = await findAssessment(db, orgId, idOrRef);
  if (!row) throw new AppError('not_found', `impact assessment ${idOrRef} not found`);
  return row;
}

function invalid(issues: Issue[]): AppError {
  return new AppError(
    'validation_failed',
    `${issues[0]?.path ?? 'body'}: ${issues[0]?.message ?? 'invalid'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    { issues },
  );
}

/**
 * The impact list after a create or a change: areas must be the template's; an entry with an `id`
 * must be one of the existing entries (it keeps its raised risk); an entry without one is new.
 */
function resolveEntries(
  template: ImpactTemplateContent,
  existing: StoredEntry[],
  input: EntryInput[],
): { entries: StoredEntry[]; issues: Issue[] } {
  const areas = new Set(template.impactAreas.map((a) => a.id));
  const byId = new Map(existing.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const issues: Issue[] = [];
  const entries = input.map((e, n): StoredEntry => {
    if (!areas.has(e.area)) {
      issues.push({
        path: `body.impacts.${n}.area`,
        message: `"${e.area}" is not an impact area of the template (${[...areas].join(', ')})`,
      });
    }
    let previous: StoredEntry | undefined;
    if (e.id !== undefined) {
      const id = e.id.toLowerCase();
      previous = byId.get(id);
      if (!previous)
        issues.push({ path: `body.impacts.${n}.id`, message: 'no such impact in this assessment; leave the id out for a new one' });
      else if (seen.has(id)) issues.push({ path: `body.impacts.${n}.id`, message: 'the same impact is listed twice' });
      seen.add(id);
    }
    return {
      id: previous?.id ?? randomUUID(),
      area: e.area,
      audience: e.audience,
      description: e.description,
      affected: e.affected,
      severity: e.severity,
      likelihood: e.likelihood,
      beneficial: e.beneficial,
      mitigation: e.mitigation,
      riskId: previous?.riskId ?? null,
    };
  });
  return { entries, issues };
}

function stale(row: ImpactAssessmentTable): AppError {
  return new AppError('version_conflict', `${row.ref} was changed by someone else (now version ${row.version}); reload and try again`);
}

function frozen(row: ImpactAssessmentTable): AppError {
  return row.status === 'superseded'
    ? new AppError('conflict', `${row.ref} is superseded by a later revision; superseded assessments are kept as they were`)
    : new AppError('conflict', `${row.ref}: approved assessments are frozen; start a revision`);
}

/** Impact assessments, newest first; optionally of one AI system (id or ref) and in some statuses. */
export async function listAssessments(db: Db, principal: OrgPrincipal, query: ListQuery): Promise<ImpactAssessment[]> {
  requirePermission(principal, 'records.read');
  let q = db.kysely.selectFrom('impact_assessments').selectAll().where('org_id', '=', principal.orgId);
  if (query.systemId !== undefined) q = q.where('system_id', '=', (await requireSystem(db.kysely, principal, query.systemId)).id);
  if (query.status?.length) q = q.where('status', 'in', query.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('ref', 'desc').execute();
  return present(db.kysely, principal.orgId, rows);
}

export async function getAssessment(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<ImpactAssessment> {
  requirePermission(principal, 'records.read');
  return presentOne(db.kysely, await requireAssessment(db.kysely, principal.orgId, idOrRef));
}

/** The template as it was when the assessment was started (what its questions and areas are). */
export async function assessmentTemplate(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<ImpactTemplate> {
  requirePermission(principal, 'records.read');
  const row = await requireAssessment(db.kysely, principal.orgId, idOrRef);
  return { ...templateOf(row), origin: isBuiltInTemplate(row.template_id) ? 'built-in' : 'organization' };
}

export async function assessmentIdOf(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<string> {
  requirePermission(principal, 'records.read');
  return (await requireAssessment(db.kysely, principal.orgId, idOrRef)).id;
}

/**
 * Starts an assessment of one of the organization's AI systems from a template (its newest
 * version). Questions the AI system record answers are pre-filled unless the request answers them.
 */
export async function createAssessment(db: Db, principal: OrgPrincipal, input: ImpactAssessmentInput): Promise<ImpactAssessment> {
  requirePermission(principal, 'records.write');
  const fields = parseFields(ImpactAssessmentInputSchema, input);
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const system = await requireSystem(trx, principal, fields.systemId);
    const found = await resolveTemplate(trx, principal.orgId, fields.templateId);
    if (!found) throw invalid([{ path: 'body.templateId', message: `no impact assessment template "${fields.templateId}"` }]);
    const { origin: _origin, ...template } = found;
    const answers = mergeAnswers(template, {}, prefillAnswers(template, presentSystem(system), fields.answers));
    const impacts = resolveEntries(template, [], fields.impacts);
    const issues = [...answers.issues, ...impacts.issues];
    if (issues.length) throw invalid(issues);
    const now = nowIso();
    const row: ImpactAssessmentTable = {
      id: randomUUID(),
      org_id: principal.orgId,
      ref: await nextSequenceRef(trx, 'impact_assessments', principal.orgId, PREFIX),
      system_id: system.id,
      template_id: template.id,
      template_version: template.version,
      template: JSON.stringify(template),
      title: fields.title,
      status: 'draft',
      triggers: JSON.stringify([...new Set(fields.triggers)]),
      answers: JSON.stringify(answers.answers),
      impacts: JSON.stringify(impacts.entries),
      review_due: fields.reviewDue,
      approved_by: null,
      approved_at: null,
      supersedes: null,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    };
    await trx.insertInto('impact_assessments').values(row).execute();
    const view = await presentOne(trx, row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.created',
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      after: view,
    });
    return view;
  });
}

/**
 * Changes a draft or an assessment in review; `version` must be the one read. `answers` is merged
 * into the stored answers (a null removes one); `impacts` replaces the list (keep an entry's id to
 * keep it and its raised risk).
 */
export async function updateAssessment(
  db: Db,
  principal: OrgPrincipal,
  idOrRef: string,
  patch: ImpactAssessmentPatch,
): Promise<ImpactAssessment> {
  requirePermission(principal, 'records.write');
  const changes = parseFields(ImpactAssessmentPatchSchema, patch);
  return inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status === 'approved' || row.status === 'superseded') throw frozen(row);
    if (row.version !== changes.version) throw stale(row);
    const template = templateOf(row);
    const issues: Issue[] = [];
    let answers = JSON.parse(row.answers) as Answers;
    if (changes.answers !== undefined) {
      const merged = mergeAnswers(template, answers, changes.answers);
      issues.push(...merged.issues);
      answers = merged.answers;
    }
    let entries = entriesOf(row);
    if (changes.impacts !== undefined) {
      const resolved = resolveEntries(template, entries, changes.impacts);
      issues.push(...resolved.issues);
      entries = resolved.entries;
    }
    if (issues.length) throw invalid(issues);
    const columns = {
      title: changes.title ?? row.title,
      triggers: changes.triggers === undefined ? row.triggers : JSON.stringify([...new Set(changes.triggers)]),
      answers: JSON.stringify(answers),
      impacts: JSON.stringify(entries),
      review_due: changes.reviewDue === undefined ? row.review_due : changes.reviewDue,
    };
    const before = await presentOne(trx, row);
    if ((Object.keys(columns) as (keyof typeof columns)[]).every((k) => columns[k] === row[k])) return before;
    const next: ImpactAssessmentTable = { ...row, ...columns, updated_at: nowIso(), version: row.version + 1 };
    const result = await trx
      .updateTable('impact_assessments')
      .set({ ...columns, updated_at: next.updated_at, version: next.version })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale(row);
    const after = await presentOne(trx, next);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.updated',
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      before,
      after,
    });
    return after;
  });
}

async function setStatus(
  trx: Executor,
  row: ImpactAssessmentTable,
  set: Partial<Pick<ImpactAssessmentTable, 'status' | 'approved_by' | 'approved_at'>>,
): Promise<ImpactAssessmentTable> {
  const next: ImpactAssessmentTable = { ...row, ...set, updated_at: nowIso(), version: row.version + 1 };
  const result = await trx
    .updateTable('impact_assessments')
    .set({ ...set, updated_at: next.updated_at, version: next.version })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw stale(row);
  return next;
}

/** Hands a draft over for review and approval. */
export async function submitAssessment(db: Db, principal: OrgPrincipal, idOrRef: string, version: number): Promise<ImpactAssessment> {
  requirePermission(principal, 'records.write');
  return inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status !== 'draft') throw new AppError('conflict', `${row.ref} is ${row.status}; only a draft can be submitted for review`);
    if (row.version !== version) throw stale(row);
    const next = await setStatus(trx, row, { status: 'in-review' });
    const view = await presentOne(trx, next);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.submitted',
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: { status: next.status, version: next.version },
    });
    return view;
  });
}

/**
 * Approves an assessment in review (owners and AIMS managers): every required question must be
 * answered. From then on it is frozen; a revision it supersedes becomes `superseded`.
 */
export async function approveAssessment(db: Db, principal: OrgPrincipal, idOrRef: string, version: number): Promise<ImpactAssessment> {
  requirePermission(principal, 'records.approve');
  return inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status === 'approved' || row.status === 'superseded') throw frozen(row);
    if (row.status === 'draft') throw new AppError('rule_violated', `${row.ref} is a draft; submit it for review before approving it`);
    if (row.version !== version) throw stale(row);
    const missing = missingRequired(templateOf(row), JSON.parse(row.answers) as Answers);
    if (missing.length) {
      throw new AppError(
        'rule_violated',
        `${row.ref} cannot be approved until the required questions are answered: ${missing.map((m) => `"${m.label}" (${m.id})`).join(', ')}`,
        { missing, issues: missing.map((m) => ({ path: `body.answers.${m.id}`, message: 'required for approval' })) },
      );
    }
    const now = nowIso();
    const next = await setStatus(trx, row, {
      status: 'approved',
      approved_by: principal.actor.label ?? principal.userId,
      approved_at: now,
    });
    if (row.supersedes) {
      const previous = await trx
        .selectFrom('impact_assessments')
        .selectAll()
        .where('org_id', '=', principal.orgId)
        .where('id', '=', row.supersedes)
        .executeTakeFirst();
      if (previous?.status === 'approved') {
        const superseded = await setStatus(trx, previous, { status: 'superseded' });
        await appendAuditEvent(trx, db.dialect, {
          orgId: principal.orgId,
          actor: principal.actor,
          action: 'impact-assessment.superseded',
          entityType: ASSESSMENT_ENTITY,
          entityId: previous.id,
          before: { status: previous.status, version: previous.version },
          after: { status: superseded.status, version: superseded.version, supersededBy: { id: row.id, ref: row.ref } },
        });
      }
    }
    const view = await presentOne(trx, next);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.approved',
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: view,
    });
    return view;
  });
}

/**
 * Starts a revision of an approved assessment (8.4: at the planned interval or on a significant
 * change): a new draft with the same template snapshot, answers and impacts, which supersedes the
 * approved one once it is approved itself. One open revision at a time.
 */
export async function reviseAssessment(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<ImpactAssessment> {
  requirePermission(principal, 'records.write');
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status === 'superseded') throw new AppError('conflict', `${row.ref} is superseded; revise the assessment that replaced it`);
    if (row.status !== 'approved')
      throw new AppError('conflict', `${row.ref} is ${row.status}, not approved; change it directly instead of revising it`);
    const open = await trx
      .selectFrom('impact_assessments')
      .select('ref')
      .where('org_id', '=', principal.orgId)
      .where('supersedes', '=', row.id)
      .where('status', 'in', ['draft', 'in-review'])
      .executeTakeFirst();
    if (open) throw new AppError('conflict', `${row.ref} already has a revision in progress: ${open.ref}`);
    const now = nowIso();
    const revision: ImpactAssessmentTable = {
      ...row,
      id: randomUUID(),
      ref: await nextSequenceRef(trx, 'impact_assessments', principal.orgId, PREFIX),
      status: 'draft',
      approved_by: null,
      approved_at: null,
      supersedes: row.id,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      version: 1,
    };
    await trx.insertInto('impact_assessments').values(revision).execute();
    const view = await presentOne(trx, revision);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.created',
      entityType: ASSESSMENT_ENTITY,
      entityId: revision.id,
      after: view,
    });
    return view;
  });
}

/** Deletes a draft; assessments handed over for review or approved are kept (8.4, A.5.3). */
export async function deleteAssessment(db: Db, principal: OrgPrincipal, idOrRef: string): Promise<void> {
  requirePermission(principal, 'records.delete');
  await inTransaction(db, async (trx) => {
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    if (row.status !== 'draft') throw new AppError('conflict', `${row.ref} is ${row.status}; only drafts can be deleted`);
    const before = await presentOne(trx, row);
    await trx.deleteFrom('impact_assessments').where('id', '=', row.id).execute();
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.deleted',
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      before,
    });
  });
}

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** A 1–5 assessment score on a criteria scale of `steps` steps (the same value on the default 5-step scales). */
export function onScale(value: number, steps: number): number {
  return Math.min(steps, Math.max(1, Math.round(1 + ((value - 1) * (steps - 1)) / 4)));
}

/** What the register records for a harmful impact. */
export function riskInputFor(
  assessment: { ref: string; title: string },
  system: { id: string; ref: string; name: string; owner: string },
  template: ImpactTemplateContent,
  entry: StoredEntry,
  scales: { likelihood: number; impact: number },
): RiskInput {
  const area = template.impactAreas.find((a) => a.id === entry.area)?.label ?? entry.area;
  const firstLine = entry.description.split('\n')[0]?.trim() ?? '';
  let consequencesIndividuals = '';
  let consequencesSociety = '';
  switch (entry.audience) {
    case 'individuals':
      consequencesIndividuals = entry.affected ? `Individuals affected: ${entry.affected}. ${entry.description}` : entry.description;
      break;
    case 'groups':
      consequencesIndividuals = `Group affected: ${entry.affected || 'a group of individuals'}. ${entry.description}`;
      break;
    case 'society':
      consequencesSociety = entry.affected ? `${entry.description} (${entry.affected})` : entry.description;
      break;
  }
  const description = [
    `Raised from impact assessment ${assessment.ref} "${assessment.title}" of ${system.ref} ${system.name} (impact area: ${area}).`,
    entry.description,
    entry.affected ? `Affected: ${entry.affected}` : '',
    `Assessed in the impact assessment: severity ${entry.severity}/5, likelihood ${entry.likelihood}/5.`,
    entry.mitigation ? `Mitigation planned in the impact assessment: ${entry.mitigation}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    title: clip(`${area}: ${firstLine}`, 300),
    description: clip(description, 8000),
    systemIds: [system.id],
    consequencesIndividuals: clip(consequencesIndividuals, 4000),
    consequencesSociety: clip(consequencesSociety, 4000),
    likelihood: onScale(entry.likelihood, scales.likelihood),
    impact: onScale(entry.severity, scales.impact),
    owner: clip(system.owner, 200),
  };
}

/**
 * Raises a risk in the register from one harmful impact (the results feed the risk assessment,
 * 6.1.2): the risk names the assessment as its origin and the assessment's AI system, and the
 * impact keeps the risk's id. Both changes, and both audit entries, commit together.
 */
export async function raiseRisk(
  db: Db,
  principal: OrgPrincipal,
  idOrRef: string,
  impactId: string,
): Promise<{ assessment: ImpactAssessment; risk: Risk }> {
  requirePermission(principal, 'records.write');
  return inTransaction(db, async (trx) => {
    await lockOrganizationWrites(trx, db, principal.orgId);
    const row = await requireAssessment(trx, principal.orgId, idOrRef);
    const entries = entriesOf(row);
    const entry = entries.find((e) => e.id === impactId.toLowerCase());
    if (!entry) throw new AppError('not_found', `impact ${impactId} not found in ${row.ref}`);
    if (row.status === 'superseded') throw frozen(row);
    if (entry.beneficial) throw new AppError('rule_violated', 'this impact is recorded as beneficial: an opportunity, not a risk to raise');
    if (entry.riskId) {
      const existing = await trx
        .selectFrom('risks')
        .select('ref')
        .where('org_id', '=', principal.orgId)
        .where('id', '=', entry.riskId)
        .executeTakeFirst();
      if (existing) throw new AppError('conflict', `a risk was already raised from this impact: ${existing.ref}`);
    }
    const system = presentSystem(await requireSystem(trx, principal, row.system_id));
    const { current } = await loadCriteriaVersions(trx, principal.orgId);
    const input = riskInputFor(row, system, templateOf(row), entry, {
      likelihood: current.content.likelihood.length,
      impact: current.content.impact.length,
    });
    const risk = await insertRisk(trx, db, principal, input, { type: 'impact-assessment', id: row.id });
    const impacts = JSON.stringify(entries.map((e) => (e.id === entry.id ? { ...e, riskId: risk.id } : e)));
    const next: ImpactAssessmentTable = { ...row, impacts, updated_at: nowIso(), version: row.version + 1 };
    const result = await trx
      .updateTable('impact_assessments')
      .set({ impacts, updated_at: next.updated_at, version: next.version })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stale(row);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-assessment.risk-raised',
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      before: { version: row.version },
      after: { version: next.version, impactId: entry.id, riskId: risk.id, riskRef: risk.ref },
    });
    return { assessment: await presentOne(trx, next), risk };
  });
}
