import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { formatDate } from '../../lib/format.ts';
import type { Threshold, Trend } from './api.ts';
import { formatValue, opSymbols } from './labels.ts';

export interface TrendChartProps {
  title: string;
  points: Trend['points'];
  thresholds: Threshold[];
  height?: number;
  onOpenRun?: (ref: string) => void;
  /** What the dashed lines are called in the legend: a plan's thresholds, or an AI objective's target. */
  lineLabel?: string;
  /** Said of a point that fails a line, in its tooltip. */
  missText?: string;
}

const PAD = { top: 14, right: 20, bottom: 40, left: 52 };

function passes(value: number, t: Threshold): boolean {
  return t.op === '>=' ? value >= t.value : t.op === '>' ? value > t.value : t.op === '<=' ? value <= t.value : value < t.value;
}

/** "Nice" tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count) ?? magnitude * 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * One metric across a plan's runs, oldest first, with each threshold on it (or an AI objective's
 * target) drawn as a dashed line; points that break one are red. Runs where the value is undefined leave a gap.
 */
export function TrendChart({
  title,
  points,
  thresholds,
  height = 220,
  onOpenRun,
  lineLabel = 'Threshold',
  missText = 'breaches a threshold',
}: TrendChartProps) {
  const { ref, width } = useElementSize();
  const w = Math.max(width, 320);
  const defined = points.filter((p): p is typeof p & { value: number } => p.value !== null);
  const values = [...defined.map((p) => p.value), ...thresholds.map((t) => t.value)];
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo >= 0 && hi <= 1 && hi - lo > 0.2) {
    lo = 0;
    hi = 1;
  } else {
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.15;
    lo -= pad;
    hi += pad;
  }
  const plotW = w - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  // Points sit inside the plot's edges, so the first and last run's labels are not cut off.
  const inset = Math.min(48, plotW / 4);
  const x = (i: number) =>
    PAD.left + inset + (points.length <= 1 ? (plotW - 2 * inset) / 2 : ((plotW - 2 * inset) * i) / (points.length - 1));
  const y = (v: number) => PAD.top + plotH * (1 - (v - lo) / (hi - lo || 1));
  const labelEvery = Math.ceil(points.length / Math.max(1, Math.floor(plotW / 90)));

  // The line breaks where a run has no value.
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);

  return (
    <Box ref={ref} w="100%">
      {thresholds.length > 0 ? (
        <Group gap="md" mb={4} aria-hidden="true">
          <Group gap={6} wrap="nowrap">
            <Box w={16} h={0} style={{ borderTop: '2px dashed var(--mantine-color-red-6)' }} />
            <Text size="xs">{lineLabel}</Text>
          </Group>
        </Group>
      ) : null}
      {width > 0 ? (
        <svg width={w} height={height} role="img" aria-label={title} data-testid="trend-chart" style={{ display: 'block' }}>
          {ticks(lo, hi).map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={w - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-gray-3)" />
              <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-gray-7)">
                {formatValue(t)}
              </text>
            </g>
          ))}
          {thresholds.map((t) => (
            <g key={`${t.op}${t.value}`} data-threshold={t.value}>
              <line
                x1={PAD.left}
                x2={w - PAD.right}
                y1={y(t.value)}
                y2={y(t.value)}
                stroke="var(--mantine-color-red-6)"
                strokeWidth={2}
                strokeDasharray="6 4"
              />
              <text x={w - PAD.right} y={y(t.value) - 5} textAnchor="end" fontSize={11} fill="var(--mantine-color-red-8)">
                {`${opSymbols[t.op]} ${t.value}`}
              </text>
            </g>
          ))}
          {segments.map((d) => (
            <path key={d} d={d} fill="none" stroke="var(--mantine-color-teal-7)" strokeWidth={2} />
          ))}
          {points.map((p, i) => {
            const label = i % labelEvery === 0 || i === points.length - 1;
            const failed = p.value !== null && thresholds.some((t) => !passes(p.value as number, t));
            return (
              <g key={p.runId}>
                {p.value !== null ? (
                  <circle
                    cx={x(i)}
                    cy={y(p.value)}
                    r={5}
                    fill={failed ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-teal-7)'}
                    stroke="white"
                    strokeWidth={1.5}
                    style={onOpenRun ? { cursor: 'pointer' } : undefined}
                    onClick={onOpenRun ? () => onOpenRun(p.ref) : undefined}
                    data-run={p.ref}
                  >
                    <title>{`${p.ref} · ${formatDate(p.at)}: ${formatValue(p.value)}${failed ? ` (${missText})` : ''}`}</title>
                  </circle>
                ) : (
                  <text x={x(i)} y={PAD.top + plotH / 2} textAnchor="middle" fontSize={10} fill="var(--mantine-color-gray-6)">
                    n/a
                  </text>
                )}
                {label ? (
                  <>
                    <text x={x(i)} y={height - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
                      {p.ref}
                    </text>
                    <text x={x(i)} y={height - PAD.bottom + 30} textAnchor="middle" fontSize={10} fill="var(--mantine-color-gray-6)">
                      {formatDate(p.at)}
                    </text>
                  </>
                ) : null}
              </g>
            );
          })}
        </svg>
      ) : null}
    </Box>
  );
}
