import type { Kysely } from 'kysely';

/** AI risk management: criteria versions, the risk register, treatments, assessment runs, impact assessments. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risk_criteria')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_by_label', 'varchar(320)', (c) => c.notNull())
    .addUniqueConstraint('risk_criteria_number_unique', ['org_id', 'number'])
    .execute();

  await db.schema
    .createTable('risks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('ref_seq', 'integer')
    .addColumn('ref_key', 'varchar(400)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('sort_title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('risk_source', 'varchar(300)', (c) => c.notNull())
    .addColumn('consequences_organization', 'text', (c) => c.notNull())
    .addColumn('consequences_individuals', 'text', (c) => c.notNull())
    .addColumn('consequences_society', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer')
    .addColumn('impact', 'integer')
    .addColumn('inherent_level', 'varchar(30)')
    .addColumn('inherent_rank', 'integer')
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('review_due', 'varchar(10)')
    .addColumn('criteria_number', 'integer', (c) => c.notNull())
    .addColumn('origin_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('origin_id', 'varchar(36)')
    .addColumn('treatment_option', 'varchar(10)')
    .addColumn('treatment_plan', 'text', (c) => c.notNull())
    .addColumn('residual_likelihood', 'integer')
    .addColumn('residual_impact', 'integer')
    .addColumn('residual_level', 'varchar(30)')
    .addColumn('residual_rank', 'integer')
    .addColumn('above_threshold', 'integer', (c) => c.notNull())
    .addColumn('acceptance', 'text')
    .addColumn('needs_attention', 'integer', (c) => c.notNull())
    .addColumn('next_action_due', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('risks_ref_unique', ['org_id', 'ref'])
    .execute();
  for (const column of [
    'ref_seq',
    'sort_title',
    'status',
    'inherent_rank',
    'residual_rank',
    'review_due',
    'needs_attention',
    'next_action_due',
    'updated_at',
  ]) {
    await db.schema.createIndex(`risks_${column}_idx`).on('risks').columns(['org_id', column]).execute();
  }

  await db.schema
    .createTable('risk_systems')
    .addColumn('risk_id', 'varchar(36)', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('system_id', 'varchar(36)', (c) => c.notNull().references('ai_systems.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_systems_pk', ['risk_id', 'system_id'])
    .execute();
  await db.schema.createIndex('risk_systems_system_idx').on('risk_systems').columns(['system_id']).execute();

  await db.schema
    .createTable('risk_controls')
    .addColumn('risk_id', 'varchar(36)', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('framework', 'varchar(64)', (c) => c.notNull())
    .addColumn('control', 'varchar(64)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_controls_pk', ['risk_id', 'framework', 'control'])
    .execute();
  await db.schema.createIndex('risk_controls_control_idx').on('risk_controls').columns(['org_id', 'framework', 'control']).execute();

  await db.schema
    .createTable('risk_actions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('risk_id', 'varchar(36)', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('due', 'varchar(10)')
    .addColumn('done', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_actions_risk_idx').on('risk_actions').columns(['risk_id', 'position']).execute();

  await db.schema
    .createTable('risk_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('scope', 'varchar(10)', (c) => c.notNull())
    .addColumn('system_ids', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('performed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('criteria_number', 'integer', (c) => c.notNull())
    .addColumn('results', 'text')
    .addColumn('approved_by', 'varchar(320)')
    .addColumn('approved_at', 'varchar(32)')
    .addColumn('next_due', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('risk_assessments_ref_unique', ['org_id', 'ref'])
    .execute();

  await db.schema
    .createTable('impact_templates')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('template_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('template_version', 'varchar(40)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addUniqueConstraint('impact_templates_unique', ['org_id', 'template_id', 'template_version'])
    .execute();

  await db.schema
    .createTable('impact_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('system_id', 'varchar(36)', (c) => c.notNull().references('ai_systems.id'))
    .addColumn('template_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('template_version', 'varchar(40)', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('triggers', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('impacts', 'text', (c) => c.notNull())
    .addColumn('review_due', 'varchar(10)')
    .addColumn('approved_by', 'varchar(320)')
    .addColumn('approved_at', 'varchar(32)')
    .addColumn('supersedes', 'varchar(36)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('impact_assessments_ref_unique', ['org_id', 'ref'])
    .execute();
  await db.schema.createIndex('impact_assessments_system_idx').on('impact_assessments').columns(['org_id', 'system_id']).execute();

  // When an AI system last changed in a way that calls for reassessment (8.2): its stage or its classification.
  await db.schema.alterTable('ai_systems').addColumn('significant_change_at', 'varchar(32)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ai_systems').dropColumn('significant_change_at').execute();
  for (const table of [
    'impact_assessments',
    'impact_templates',
    'risk_assessments',
    'risk_actions',
    'risk_controls',
    'risk_systems',
    'risks',
    'risk_criteria',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
