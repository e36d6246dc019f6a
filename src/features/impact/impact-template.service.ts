import { randomUUID } from 'node:crypto';
import { inTransaction, type Db, type Executor } from '../../db/database.ts';
import { AppError, parseFields } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import { ImpactTemplateContentSchema, type ImpactTemplate, type ImpactTemplateContent } from '../../domain/schemas/impact.schemas.ts';
import { nowIso } from '../../domain/time.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { aisia42001 } from './templates/aisia-42001.ts';
import { euFriaArt27 } from './templates/eu-fria-art27.ts';

export const TEMPLATE_ENTITY = 'impact-template';

/** The templates that ship with Trellis, validated when this module loads. */
export const builtInTemplates: readonly ImpactTemplateContent[] = [aisia42001, euFriaArt27];
const builtInById = new Map(builtInTemplates.map((t) => [t.id, t]));

export function isBuiltInTemplate(id: string): boolean {
  return builtInById.has(id);
}

/** The organization's own templates, newest version of each id first. */
async function organizationTemplates(db: Executor, orgId: string): Promise<ImpactTemplateContent[]> {
  const rows = await db
    .selectFrom('impact_templates')
    .select(['template_id', 'content'])
    .where('org_id', '=', orgId)
    .orderBy('template_id')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const newest = new Map<string, ImpactTemplateContent>();
  for (const r of rows) if (!newest.has(r.template_id)) newest.set(r.template_id, JSON.parse(r.content) as ImpactTemplateContent);
  return [...newest.values()];
}

/** Built-in templates, then the organization's own (the newest version of each id). */
export async function listTemplates(db: Db, principal: OrgPrincipal): Promise<ImpactTemplate[]> {
  requirePermission(principal, 'records.read');
  return [
    ...builtInTemplates.map((t) => ({ ...t, origin: 'built-in' as const })),
    ...(await organizationTemplates(db.kysely, principal.orgId)).map((t) => ({ ...t, origin: 'organization' as const })),
  ];
}

/** The template an assessment is started from: built-in, or the newest version of an organization template. */
export async function resolveTemplate(db: Executor, orgId: string, templateId: string): Promise<ImpactTemplate | undefined> {
  const builtIn = builtInById.get(templateId);
  if (builtIn) return { ...builtIn, origin: 'built-in' };
  const own = (await organizationTemplates(db, orgId)).find((t) => t.id === templateId);
  return own ? { ...own, origin: 'organization' } : undefined;
}

/**
 * Adds an organization template, or a new version of one (a different `version` string under the
 * same id). Owners and AIMS managers only: a template decides what every later assessment asks.
 */
export async function addTemplate(db: Db, principal: OrgPrincipal, input: unknown): Promise<ImpactTemplate> {
  requirePermission(principal, 'records.approve');
  const content = parseFields(ImpactTemplateContentSchema, input);
  if (builtInById.has(content.id)) {
    throw new AppError('conflict', `"${content.id}" is the id of a built-in template; choose another id`, {
      issues: [{ path: 'body.id', message: 'reserved for a built-in template' }],
    });
  }
  return inTransaction(db, async (trx) => {
    const taken = await trx
      .selectFrom('impact_templates')
      .select('id')
      .where('org_id', '=', principal.orgId)
      .where('template_id', '=', content.id)
      .where('template_version', '=', content.version)
      .executeTakeFirst();
    if (taken) {
      throw new AppError(
        'conflict',
        `template ${content.id} already has a version "${content.version}"; give the new one another version`,
        {
          issues: [{ path: 'body.version', message: 'this version exists already' }],
        },
      );
    }
    const row = {
      id: randomUUID(),
      org_id: principal.orgId,
      template_id: content.id,
      template_version: content.version,
      content: JSON.stringify(content),
      created_at: nowIso(),
      created_by: principal.userId,
    };
    await trx.insertInto('impact_templates').values(row).execute();
    const view: ImpactTemplate = { ...content, origin: 'organization' };
    await appendAuditEvent(trx, db.dialect, {
      orgId: principal.orgId,
      actor: principal.actor,
      action: 'impact-template.created',
      entityType: TEMPLATE_ENTITY,
      entityId: row.id,
      after: view,
    });
    return view;
  });
}
