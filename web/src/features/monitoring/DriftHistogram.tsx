import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { formatPercent, formatValue } from './labels.ts';
import type { DriftColumn } from './types.ts';

const PAD = { top: 12, right: 12, bottom: 44, left: 46 };
const REF = 'var(--mantine-color-blue-5)';
const CUR = 'var(--mantine-color-orange-6)';

/** The bins' names: value ranges for a histogram, the values themselves for categories. */
export function binLabels(binning: DriftColumn['binning']): string[] {
  if (binning.mode === 'histogram' && binning.edges) {
    const edges = binning.edges;
    return edges.slice(0, -1).map((e, i) => `${formatValue(e, 2)}–${formatValue(edges[i + 1] ?? e, 2)}`);
  }
  return (binning.keys ?? []).map((k) => String(k));
}

/**
 * A column's reference and current distributions side by side, bin by bin (shares of rows), as
 * the drift tests compared them.
 */
export function DriftHistogram({ column, height = 220 }: { column: DriftColumn; height?: number }) {
  const { ref, width } = useElementSize();
  const w = Math.max(width, 320);
  const { ref_percents: refs, cur_percents: curs } = column.binning;
  const labels = binLabels(column.binning);
  const n = Math.max(refs.length, curs.length);
  const top = Math.max(0.01, ...refs, ...curs);
  const plotW = w - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH * (1 - v / top);
  const slot = plotW / Math.max(1, n);
  const barW = Math.max(2, Math.min(24, (slot * 0.84) / 2));
  const labelEvery = Math.ceil(n / Math.max(1, Math.floor(plotW / 70)));
  const tickValues = [0, top / 2, top];

  return (
    <Box ref={ref} w="100%">
      <Group gap="md" mb={4} aria-hidden="true">
        <Group gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ background: REF, borderRadius: 2 }} />
          <Text size="xs">Reference</Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ background: CUR, borderRadius: 2 }} />
          <Text size="xs">Current</Text>
        </Group>
      </Group>
      {width > 0 ? (
        <svg
          width={w}
          height={height}
          role="img"
          aria-label={`Distribution of ${column.column}: reference against current`}
          data-testid="drift-histogram"
          style={{ display: 'block' }}
        >
          {tickValues.map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={w - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-gray-3)" />
              <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-gray-7)">
                {formatPercent(t, 0)}
              </text>
            </g>
          ))}
          {Array.from({ length: n }, (_, i) => {
            const x0 = PAD.left + i * slot + (slot - barW * 2) / 2;
            const r = refs[i] ?? 0;
            const c = curs[i] ?? 0;
            const label = labels[i] ?? '';
            return (
              <g key={i}>
                <rect x={x0} y={y(r)} width={barW - 1} height={y(0) - y(r)} fill={REF}>
                  <title>{`${label} · reference: ${formatPercent(r)} (${column.binning.ref_counts[i] ?? 0} rows)`}</title>
                </rect>
                <rect x={x0 + barW} y={y(c)} width={barW - 1} height={y(0) - y(c)} fill={CUR}>
                  <title>{`${label} · current: ${formatPercent(c)} (${column.binning.cur_counts[i] ?? 0} rows)`}</title>
                </rect>
                {i % labelEvery === 0 ? (
                  <text
                    x={PAD.left + i * slot + slot / 2}
                    y={height - PAD.bottom + 16}
                    textAnchor="middle"
                    fontSize={11}
                    fill="currentColor"
                  >
                    {label.length > 16 ? `${label.slice(0, 15)}…` : label}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={PAD.left} x2={w - PAD.right} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-6)" />
          <text x={PAD.left + plotW / 2} y={height - 6} textAnchor="middle" fontSize={11} fill="var(--mantine-color-gray-7)">
            {column.binning.mode === 'histogram' ? `${column.binning.n_bins} value ranges` : `${column.binning.n_bins} distinct values`}
          </text>
        </svg>
      ) : null}
    </Box>
  );
}
