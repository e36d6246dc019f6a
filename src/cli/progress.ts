import cliProgress from 'cli-progress';

/**
 * A progress line on stderr for long work (only on a terminal, so pipes and CI
 * logs stay clean). `total` unknown shows a running count.
 */
export function progressReporter(label: string, unit: string, total?: number) {
  if (!process.stderr.isTTY) return { update: (_n: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: total ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit}` : `${label} | {value} ${unit}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0);
  return {
    update: (n: number) => bar.update(n),
    stop: () => bar.stop(),
  };
}
