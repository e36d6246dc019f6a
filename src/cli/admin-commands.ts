import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { RoleSchema, roles } from '../domain/policy.ts';
import { SlugSchema } from '../domain/schemas/organization.schemas.ts';
import { cliActor, createMemberUser, createTokenForMember, initOrganization } from '../features/admin/admin.service.ts';
import { verifyAuditChains } from '../features/audit-log/audit-log.service.ts';
import { startServer } from '../server/start.ts';
import { CliExit, printJson, readStdin } from './output.ts';
import { progressReporter } from './progress.ts';

/** Opens the configured database, migrates it, runs `fn`, and always closes it. */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const db = openDatabase(loadConfig().database);
  try {
    if (options.migrate !== false) await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliExit(`${flag}: ${result.error.issues[0]?.message ?? 'invalid'}`, 2);
  return result.data;
}

/** Commands that work on the database directly (same TRELLIS_DATA_DIR / DATABASE_URL as the server). */
export function registerAdminCommands(program: Command): void {
  program
    .command('serve')
    .description('Run the Trellis server (API and web UI); migrates the database on start')
    .action(async () => {
      await startServer(loadConfig());
    });

  const dbCmd = program.command('db').description('Database administration');
  dbCmd
    .command('migrate')
    .description('Apply pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const applied = await withDatabase(async (db) => migrateToLatest(db), { migrate: false });
      if (opts.json) printJson({ applied });
      else process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n');
    });

  program
    .command('init')
    .description('Create an organization and its owner (for scripted installs)')
    .requiredOption('--org <name>', 'organization name')
    .option('--slug <slug>', 'organization slug (derived from the name by default)')
    .requiredOption('--admin-email <email>', "owner's email")
    .option('--admin-name <name>', "owner's display name")
    .requiredOption('--password-stdin', "read the owner's password from standard input")
    .option('--json', 'machine-readable output')
    .action(async (opts: { org: string; slug?: string; adminEmail: string; adminName?: string; json?: boolean }) => {
      const email = parse(z.email(), opts.adminEmail, '--admin-email');
      const slug = opts.slug === undefined ? undefined : parse(SlugSchema, opts.slug, '--slug');
      const password = await readStdin();
      const { org, user } = await withDatabase((db) =>
        initOrganization(db, { orgName: opts.org, slug, email, name: opts.adminName, password }, cliActor()),
      );
      if (opts.json) printJson({ organization: org, user: { id: user.id, email: user.email } });
      else process.stdout.write(`created organization ${org.name} (${org.slug}) with owner ${user.email}\n`);
    });

  program
    .command('user')
    .description('User administration')
    .command('create')
    .description('Create a user with a password and add them to an organization')
    .requiredOption('--email <email>', 'email')
    .option('--name <name>', 'display name')
    .requiredOption('--org <org>', 'organization slug or id')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
    .requiredOption('--password-stdin', 'read the password from standard input')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; name?: string; org: string; role: string; json?: boolean }) => {
      const email = parse(z.email(), opts.email, '--email');
      const role = parse(RoleSchema, opts.role, '--role');
      const password = await readStdin();
      const { user, org } = await withDatabase((db) =>
        createMemberUser(db, { email, name: opts.name, password, org: opts.org, role }, cliActor()),
      );
      if (opts.json) printJson({ user: { id: user.id, email: user.email }, organization: org.slug, role });
      else process.stdout.write(`created ${user.email} as ${role} of ${org.slug}\n`);
    });

  program
    .command('token')
    .description('API token administration')
    .command('create')
    .description("Create an API token for a member; it acts with the member's role. Printed once.")
    .requiredOption('--email <email>', "member's email")
    .requiredOption('--org <org>', 'organization slug or id')
    .requiredOption('--name <name>', 'what the token is for, e.g. "CI pipeline"')
    .option('--expires-in-days <days>', 'expiry in days (default: never)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; org: string; name: string; expiresInDays?: string; json?: boolean }) => {
      const expiresInDays =
        opts.expiresInDays === undefined
          ? undefined
          : parse(z.coerce.number().int().min(1).max(3650), opts.expiresInDays, '--expires-in-days');
      const name = parse(z.string().trim().min(1).max(100), opts.name, '--name');
      const result = await withDatabase((db) =>
        createTokenForMember(db, { email: opts.email.toLowerCase(), org: opts.org, name, expiresInDays }, cliActor()),
      );
      if (opts.json) printJson(result);
      else process.stdout.write(`${result.token}\n`);
    });

  program
    .command('audit-log')
    .description('Audit log administration')
    .command('verify')
    .description('Recompute every hash chain; exit 0 when intact, 1 naming the first bad entry')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const progress = opts.json ? null : progressReporter('verifying audit log', 'entries');
      const result = await withDatabase((db) => verifyAuditChains(db, { onProgress: (n) => progress?.update(n) }));
      progress?.stop();
      if (opts.json) printJson(result);
      else if (result.ok) process.stdout.write(`audit log intact: ${result.entries} entries in ${result.chains} chains\n`);
      if (!result.ok) {
        const bad = result.firstBad;
        if (!opts.json)
          process.stderr.write(
            `audit log TAMPERED: ${bad?.message ?? 'unknown problem'} (chain ${bad?.chain}, entry ${bad?.seq}${bad?.id ? `, id ${bad.id}` : ''})\n`,
          );
        process.exitCode = 1;
      }
    });
}
