import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * What the Statement of Applicability reads, as index-only scans (it must stay one fixed set of
 * queries at 200,000 evidence items and 50,000 risks):
 *
 * - evidence_links.valid_until: the linked evidence item's review or expiry date ('9999-12-31'
 *   when it does not expire), so counting expired evidence per control and listing current
 *   evidence first need no join to `evidence`. Database triggers keep it equal to
 *   evidence.review_due on every insert of a link and every change of the date, whoever writes
 *   (the evidence service, a restore, a benchmark loader); nothing in the application sets it.
 * - risk_controls (org, framework, control, risk_id): the first open risks per control in a
 *   stable order without reading all of them.
 * - control_implementations (org, framework, control, applicable, status, scope_key): counts of
 *   AI-system-level decisions per control.
 */
const NEVER = '9999-12-31';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('evidence_links')
    .addColumn('valid_until', 'varchar(10)', (c) => c.notNull().defaultTo(NEVER))
    .execute();
  await sql`update evidence_links set valid_until = coalesce((select e.review_due from evidence e where e.id = evidence_links.evidence_id), ${sql.lit(NEVER)})`.execute(
    db,
  );
  if (postgres) {
    await sql`
      create function evidence_links_valid_until() returns trigger language plpgsql as $$
      begin
        new.valid_until := coalesce((select e.review_due from evidence e where e.id = new.evidence_id), '9999-12-31');
        return new;
      end $$`.execute(db);
    await sql`
      create trigger evidence_links_valid_until before insert or update of evidence_id on evidence_links
      for each row execute function evidence_links_valid_until()`.execute(db);
    await sql`
      create function evidence_review_due_to_links() returns trigger language plpgsql as $$
      begin
        update evidence_links set valid_until = coalesce(new.review_due, '9999-12-31') where evidence_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`
      create trigger evidence_review_due_to_links after update of review_due on evidence
      for each row when (old.review_due is distinct from new.review_due) execute function evidence_review_due_to_links()`.execute(db);
  } else {
    await sql`
      create trigger evidence_links_valid_until after insert on evidence_links for each row
      begin
        update evidence_links set valid_until = coalesce((select e.review_due from evidence e where e.id = new.evidence_id), '9999-12-31')
        where evidence_id = new.evidence_id and target_type = new.target_type and framework = new.framework and target = new.target;
      end`.execute(db);
    await sql`
      create trigger evidence_review_due_to_links after update of review_due on evidence for each row
      when old.review_due is not new.review_due
      begin
        update evidence_links set valid_until = coalesce(new.review_due, '9999-12-31') where evidence_id = new.id;
      end`.execute(db);
  }
  await db.schema
    .createIndex('evidence_links_soa_idx')
    .on('evidence_links')
    .columns(['org_id', 'target_type', 'framework', 'target', 'valid_until', 'evidence_id'])
    .execute();
  await db.schema.createIndex('risk_controls_soa_idx').on('risk_controls').columns(['org_id', 'framework', 'control', 'risk_id']).execute();
  await db.schema
    .createIndex('control_implementations_soa_idx')
    .on('control_implementations')
    .columns(['org_id', 'framework', 'control', 'applicable', 'status', 'scope_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropIndex('control_implementations_soa_idx').execute();
  await db.schema.dropIndex('risk_controls_soa_idx').execute();
  await db.schema.dropIndex('evidence_links_soa_idx').execute();
  await sql`drop trigger evidence_review_due_to_links${postgres ? sql` on evidence` : sql``}`.execute(db);
  await sql`drop trigger evidence_links_valid_until${postgres ? sql` on evidence_links` : sql``}`.execute(db);
  if (postgres) {
    await sql`drop function evidence_review_due_to_links()`.execute(db);
    await sql`drop function evidence_links_valid_until()`.execute(db);
  }
  await db.schema.alterTable('evidence_links').dropColumn('valid_until').execute();
}
