import type { Kysely } from 'kysely';

/** The AI system inventory: systems, suppliers, data sets, models, relations and EU AI Act classifications. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ai_systems')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('ref_seq', 'integer')
    .addColumn('ref_key', 'varchar(400)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('sort_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('intended_use', 'text', (c) => c.notNull())
    .addColumn('foreseeable_misuse', 'text', (c) => c.notNull())
    .addColumn('iso_roles', 'varchar(200)', (c) => c.notNull())
    .addColumn('eu_roles', 'varchar(200)', (c) => c.notNull())
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('business_unit', 'varchar(200)', (c) => c.notNull())
    .addColumn('users', 'text', (c) => c.notNull())
    .addColumn('affected_persons', 'text', (c) => c.notNull())
    .addColumn('automation', 'varchar(30)', (c) => c.notNull())
    .addColumn('human_oversight', 'text', (c) => c.notNull())
    .addColumn('deployment_context', 'text', (c) => c.notNull())
    .addColumn('jurisdictions', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('in_scope', 'integer', (c) => c.notNull())
    .addColumn('scope_reason', 'text', (c) => c.notNull())
    .addColumn('review_due', 'varchar(10)')
    .addColumn('risk_class', 'varchar(20)')
    .addColumn('gpai_systemic', 'integer')
    .addColumn('classified_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('ai_systems_ref_unique', ['org_id', 'ref'])
    .execute();
  for (const column of ['ref_seq', 'ref_key', 'sort_name', 'stage', 'risk_class', 'review_due', 'updated_at', 'owner', 'business_unit']) {
    await db.schema.createIndex(`ai_systems_${column}_idx`).on('ai_systems').columns(['org_id', column]).execute();
  }
  // The inventory summary reads only these columns: one pass over a narrow index, not the wide rows.
  await db.schema
    .createIndex('ai_systems_summary_idx')
    .on('ai_systems')
    .columns(['org_id', 'risk_class', 'stage', 'in_scope', 'gpai_systemic', 'eu_roles', 'iso_roles'])
    .execute();

  await db.schema
    .createTable('suppliers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('supplies_what', 'text', (c) => c.notNull())
    .addColumn('responsibilities', 'text', (c) => c.notNull())
    .addColumn('due_diligence_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('due_diligence_notes', 'text', (c) => c.notNull())
    .addColumn('contract_ref', 'varchar(200)', (c) => c.notNull())
    .addColumn('contract_start', 'varchar(10)')
    .addColumn('contract_end', 'varchar(10)')
    .addColumn('review_due', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suppliers_org_name_idx').on('suppliers').columns(['org_id', 'name']).execute();

  await db.schema
    .createTable('datasets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('acquisition', 'text', (c) => c.notNull())
    .addColumn('categories', 'varchar(200)', (c) => c.notNull())
    .addColumn('quality_requirements', 'text', (c) => c.notNull())
    .addColumn('preparation', 'text', (c) => c.notNull())
    .addColumn('labelling', 'text', (c) => c.notNull())
    .addColumn('known_biases', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'varchar(36)', (c) => c.references('suppliers.id'))
    .addColumn('review_due', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('datasets_org_name_idx').on('datasets').columns(['org_id', 'name']).execute();
  await db.schema.createIndex('datasets_supplier_idx').on('datasets').column('supplier_id').execute();

  await db.schema
    .createTable('models')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('model_version', 'varchar(100)', (c) => c.notNull())
    .addColumn('model_type', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'varchar(36)', (c) => c.references('suppliers.id'))
    .addColumn('evaluation_summary', 'text', (c) => c.notNull())
    .addColumn('review_due', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('models_org_name_idx').on('models').columns(['org_id', 'name']).execute();
  await db.schema.createIndex('models_supplier_idx').on('models').column('supplier_id').execute();

  await db.schema
    .createTable('inventory_relations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('relation', 'varchar(30)', (c) => c.notNull())
    .addColumn('from_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('from_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('to_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addUniqueConstraint('inventory_relations_unique', ['org_id', 'relation', 'from_id', 'to_id'])
    .execute();
  await db.schema.createIndex('inventory_relations_from_idx').on('inventory_relations').columns(['org_id', 'from_id']).execute();
  await db.schema.createIndex('inventory_relations_to_idx').on('inventory_relations').columns(['org_id', 'to_id']).execute();

  await db.schema
    .createTable('ai_system_classifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('system_id', 'varchar(36)', (c) => c.notNull().references('ai_systems.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('questionnaire_version', 'varchar(40)', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('classified_by', 'varchar(36)')
    .addColumn('classified_by_label', 'varchar(320)', (c) => c.notNull())
    .addColumn('classified_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('ai_system_classifications_number_unique', ['system_id', 'number'])
    .execute();
  await db.schema.createIndex('ai_system_classifications_org_idx').on('ai_system_classifications').column('org_id').execute();

  // A record's history page reads its audit entries by entity id.
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['chain', 'entity_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_entity_idx').execute();
  for (const table of ['ai_system_classifications', 'inventory_relations', 'models', 'datasets', 'suppliers', 'ai_systems']) {
    await db.schema.dropTable(table).execute();
  }
}
