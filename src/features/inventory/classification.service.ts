import { randomUUID } from 'node:crypto';
import { inTransaction, type Db } from '../../db/database.ts';
import type { AiSystemClassificationTable } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type {
  Classification,
  ClassificationAnswers,
  ClassificationResult,
  ClassifyRequest,
  Questionnaire,
} from '../../domain/schemas/inventory.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { presentSystem } from './ai-system.repository.ts';
import { requireSystem, SYSTEM_ENTITY } from './ai-system.service.ts';
import { classify } from './eu-ai-act/classifier.ts';
import { euAiActQuestionnaire, validateAnswers } from './eu-ai-act/questionnaire.ts';

export const EU_AI_ACT_FRAMEWORK = 'eu-ai-act-2024';

export function getQuestionnaire(principal: OrgPrincipal): Questionnaire {
  requirePermission(principal, 'records.read');
  return euAiActQuestionnaire;
}

/** The EU AI Act item ids of the built-in catalog: obligations and reasons link to these. */
export function euAiActRefs(catalog: Catalog): ReadonlySet<string> {
  return new Set(catalog.frameworks.get(EU_AI_ACT_FRAMEWORK)?.items.keys() ?? []);
}

/** Validates the answers (400 naming each question) and classifies them, without saving. */
export function evaluateAnswers(catalog: Catalog, answers: ClassificationAnswers): ClassificationResult {
  const issues = validateAnswers(answers);
  if (issues.length) {
    throw new AppError(
      'validation_failed',
      `the answers are incomplete or invalid: ${issues[0]?.message ?? ''}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      {
        issues: issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
      },
    );
  }
  return classify(answers, euAiActRefs(catalog));
}

export function previewClassification(principal: OrgPrincipal, catalog: Catalog, answers: ClassificationAnswers): ClassificationResult {
  requirePermission(principal, 'records.read');
  return evaluateAnswers(catalog, answers);
}

function changedQuestions(previous: ClassificationAnswers | null, next: ClassificationAnswers): string[] {
  if (!previous) return [];
  const ids = new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...ids].filter((id) => JSON.stringify(previous[id] ?? null) !== JSON.stringify(next[id] ?? null)).sort();
}

function presentClassification(row: AiSystemClassificationTable, previous: AiSystemClassificationTable | undefined): Classification {
  const answers = JSON.parse(row.answers) as ClassificationAnswers;
  const result = JSON.parse(row.result) as ClassificationResult;
  return {
    ...result,
    id: row.id,
    systemId: row.system_id,
    number: row.number,
    questionnaireVersion: row.questionnaire_version,
    answers,
    note: row.note,
    classifiedBy: row.classified_by_label,
    classifiedAt: row.classified_at,
    changedFromPrevious: changedQuestions(previous ? (JSON.parse(previous.answers) as ClassificationAnswers) : null, answers),
  };
}

/** Every classification of a system, newest first. */
export async function listClassifications(db: Db, principal: OrgPrincipal, systemIdOrRef: string): Promise<Classification[]> {
  requirePermission(principal, 'records.read');
  const system = await requireSystem(db.kysely, principal, systemIdOrRef);
  const rows = await db.kysely
    .selectFrom('ai_system_classifications')
    .selectAll()
    .where('system_id', '=', system.id)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((row, i) => presentClassification(row, rows[i + 1]));
}

/**
 * Classifies an AI system from the questionnaire's answers and keeps the result as the system's
 * next classification (never overwriting an earlier one). The system's risk class follows the
 * newest classification; both changes are one audit entry.
 */
export async function classifySystem(
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  systemIdOrRef: string,
  request: ClassifyRequest,
): Promise<Classification> {
  requirePermission(principal, 'records.write');
  const result = evaluateAnswers(catalog, request.answers);
  return inTransaction(db, async (trx) => {
    const system = await requireSystem(trx, principal, systemIdOrRef);
    const previous = await trx
      .selectFrom('ai_system_classifications')
      .selectAll()
      .where('system_id', '=', system.id)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    const now = nowIso();
    const row: AiSystemClassificationTable = {
      id: randomUUID(),
      org_id: principal.orgId,
      system_id: system.id,
      number: (previous?.number ?? 0) + 1,
      questionnaire_version: euAiActQuestionnaire.version,
      answers: JSON.stringify(request.answers),
      result: JSON.stringify(result),
      outcome: result.outcome,
      note: request.note ?? '',
      classified_by: principal.userId,
      classified_by_label: principal.actor.label ?? principal.userId,
      classified_at: now,
    };
    await trx.insertInto('ai_system_classifications').values(row).execute();
    const gpai = result.gpai === null ? null : result.gpai.systemicRisk ? 1 : 0;
    const updated = {
      ...system,
      risk_class: result.outcome,
      gpai_systemic: gpai,
      classified_at: now,
      updated_at: now,
      version: system.version + 1,
    };
    await trx
      .updateTable('ai_systems')
      .set({ risk_class: updated.risk_class, gpai_systemic: gpai, classified_at: now, updated_at: now, version: updated.version })
      .where('id', '=', system.id)
      .execute();
    const view = presentClassification(row, previous);
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: previous ? 'ai-system.reclassified' : 'ai-system.classified',
      entityType: SYSTEM_ENTITY,
      entityId: system.id,
      before: previous ? { riskClass: system.risk_class, classification: previous.number } : { riskClass: null },
      after: {
        riskClass: result.outcome,
        classification: row.number,
        basis: result.basis,
        answers: request.answers,
        changedQuestions: view.changedFromPrevious,
        system: presentSystem(updated),
      },
    });
    return view;
  });
}
