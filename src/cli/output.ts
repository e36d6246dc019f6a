import { AppError } from '../domain/errors.ts';

/** Thrown by commands to exit with a message and a code, without a stack. */
export class CliExit extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned plain-text table for people. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
}

/** Reads all of standard input (for --password-stdin), without the trailing newline. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliExit('--password-stdin expects the password on standard input (e.g. echo "$PW" | trellis …)', 2);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One clear line on stderr for any error; never a stack for an expected failure. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliExit) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof AppError) {
    const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    const extra = issues && issues.length > 0 ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : '';
    return { message: `${error.message}${extra}`, exitCode: error.code === 'validation_failed' ? 2 : 1 };
  }
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^(ECONNREFUSED|ENOTFOUND|28P01|3D000)$/.test(error.code)
  ) {
    return { message: `cannot reach the database: ${error.message}`, exitCode: 1 };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: 1 };
}
