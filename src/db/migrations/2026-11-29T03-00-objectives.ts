import type { Kysely } from 'kysely';

/**
 * AI objectives (ISO/IEC 42001 6.2). An objective measured by a monitoring plan keeps the plan's id
 * and the target; the plan carries no foreign key to it, so deleting a plan leaves the objective
 * (and its evidence) in place, shown as no longer measured.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ai_objectives')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('ref_seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('policy_link', 'text', (c) => c.notNull())
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('target_date', 'varchar(10)')
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('resources', 'text', (c) => c.notNull())
    .addColumn('evaluation', 'text', (c) => c.notNull())
    .addColumn('measure_plan_id', 'varchar(36)')
    .addColumn('measure_key', 'varchar(300)')
    .addColumn('measure_op', 'varchar(4)')
    .addColumn('measure_value', 'double precision')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('ai_objectives_ref_unique', ['org_id', 'ref'])
    .execute();
  // A monitoring run finds the objectives its plan measures.
  await db.schema.createIndex('ai_objectives_plan_idx').on('ai_objectives').columns(['org_id', 'measure_plan_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ai_objectives').execute();
}
