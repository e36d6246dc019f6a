import type { Command } from 'commander';
import { restoreBackup, writeBackup } from '../features/backup/backup.service.ts';
import { verifyAuditChains } from '../features/audit-log/audit-log.service.ts';
import { withDatabase } from './admin-commands.ts';
import { printJson } from './output.ts';
import { progressReporter } from './progress.ts';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent, portable archive of all data (restorable into SQLite or PostgreSQL)')
    .argument('<file>', 'where to write the archive (e.g. trellis-2026-11-28.jsonl.gz)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const progress = opts.json ? null : progressReporter('backing up', 'rows');
      const summary = await withDatabase((db) => writeBackup(db, file, (n) => progress?.update(n)));
      progress?.stop();
      if (opts.json) printJson(summary);
      else {
        const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
        process.stdout.write(`wrote ${summary.file}: ${rows} rows, ${summary.bytes} bytes, sha256 ${summary.sha256}\n`);
      }
    });

  program
    .command('restore')
    .description('Load an archive into an EMPTY database (refuses otherwise; a failed restore changes nothing)')
    .argument('<file>', 'an archive written by `trellis backup`')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const progress = opts.json ? null : progressReporter('restoring', 'rows');
      const result = await withDatabase(
        async (db) => {
          const restored = await restoreBackup(db, file, (n) => progress?.update(n));
          const verify = await verifyAuditChains(db);
          return { ...restored, auditLog: verify };
        },
        { migrate: false },
      );
      progress?.stop();
      if (opts.json) printJson(result);
      else {
        const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
        process.stdout.write(`restored ${rows} rows; audit log ${result.auditLog.ok ? 'intact' : 'NOT intact'}\n`);
      }
      if (!result.auditLog.ok) process.exitCode = 1;
    });
}
