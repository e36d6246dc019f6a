import { Command, CommanderError } from 'commander';
import { trellisVersion } from '../version.ts';
import { registerAdminCommands } from './admin-commands.ts';
import { registerApiCommands } from './api-commands.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { registerCatalogCommands } from './catalog-commands.ts';
import { registerImpactCommands } from './impact-commands.ts';
import { registerInventoryCommands } from './inventory-commands.ts';
import { registerRiskCommands } from './risk-commands.ts';
import { registerControlCommands } from './controls-commands.ts';
import { registerEvidenceCommands } from './evidence-commands.ts';
import { registerReadinessCommands } from './readiness-commands.ts';
import { registerEvaluateCommands } from './evaluate-commands.ts';
import { registerObjectivesCommands } from './objectives-commands.ts';
import { describeError } from './output.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('trellis')
    .description('Trellis: an AI management system (AIMS) for ISO/IEC 42001')
    .version(trellisVersion)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerAdminCommands(program);
  registerBackupCommands(program);
  registerApiCommands(program);
  registerCatalogCommands(program);
  registerInventoryCommands(program);
  registerImpactCommands(program);
  registerRiskCommands(program);
  registerControlCommands(program);
  registerEvidenceCommands(program);
  registerObjectivesCommands(program);
  registerReadinessCommands(program);
  registerEvaluateCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `trellis … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const { message, exitCode } = describeError(error);
    process.stderr.write(`trellis: ${message}\n`);
    process.exitCode = exitCode;
  }
}

await main(process.argv);
