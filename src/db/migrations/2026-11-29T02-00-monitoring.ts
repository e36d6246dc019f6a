import type { Kysely } from 'kysely';

/**
 * Monitoring (ISO/IEC 42001 9.1, A.6.2.6): plans that say what to measure about an AI system and
 * how often, and the runs that measured it. A run is evidence, so it outlives its plan and its AI
 * system: `plan_id` and `system_id` carry no foreign key, and the run keeps its plan's ref.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('monitoring_plans')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('ref_seq', 'integer', (c) => c.notNull())
    .addColumn('system_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('metric', 'varchar(20)', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('frequency', 'varchar(20)', (c) => c.notNull())
    .addColumn('owner', 'varchar(200)', (c) => c.notNull())
    .addColumn('controls', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('last_run_id', 'varchar(36)')
    .addColumn('last_run_at', 'varchar(32)')
    .addColumn('next_due', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('monitoring_plans_ref_unique', ['org_id', 'ref'])
    .execute();
  await db.schema.createIndex('monitoring_plans_system_idx').on('monitoring_plans').columns(['org_id', 'system_id']).execute();
  await db.schema.createIndex('monitoring_plans_due_idx').on('monitoring_plans').columns(['org_id', 'status', 'next_due']).execute();

  await db.schema
    .createTable('monitoring_runs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('ref', 'varchar(40)', (c) => c.notNull())
    .addColumn('ref_seq', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'varchar(36)')
    .addColumn('plan_ref', 'varchar(40)')
    .addColumn('system_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('metric', 'varchar(20)', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('metric_values', 'text', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('source', 'varchar(10)', (c) => c.notNull())
    .addColumn('evidence_id', 'varchar(36)')
    .addColumn('alert_state', 'varchar(20)', (c) => c.notNull())
    .addColumn('alert_note', 'text')
    .addColumn('alert_by', 'varchar(36)')
    .addColumn('alert_by_label', 'varchar(320)')
    .addColumn('alert_at', 'varchar(32)')
    .addColumn('risk_id', 'varchar(36)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_by_label', 'varchar(320)', (c) => c.notNull())
    .addUniqueConstraint('monitoring_runs_ref_unique', ['org_id', 'ref'])
    .execute();
  // Lists read newest first by ref_seq, within the organization, a plan, an AI system or the open alerts.
  await db.schema.createIndex('monitoring_runs_seq_idx').on('monitoring_runs').columns(['org_id', 'ref_seq']).execute();
  await db.schema.createIndex('monitoring_runs_plan_idx').on('monitoring_runs').columns(['org_id', 'plan_id', 'ref_seq']).execute();
  await db.schema.createIndex('monitoring_runs_system_idx').on('monitoring_runs').columns(['org_id', 'system_id', 'ref_seq']).execute();
  await db.schema.createIndex('monitoring_runs_alert_idx').on('monitoring_runs').columns(['org_id', 'alert_state', 'ref_seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('monitoring_runs').execute();
  await db.schema.dropTable('monitoring_plans').execute();
}
