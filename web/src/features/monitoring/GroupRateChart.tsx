import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { formatValue } from './labels.ts';

export interface RateSeries {
  key: string;
  label: string;
  color: string;
}

export interface RateCategory {
  label: string;
  /** Shown under the label: "small", "empty". */
  note?: string | undefined;
  /** Null: undefined for this group (an empty cell). */
  values: Record<string, number | null>;
  /** Series whose value is 0/0 for this group (drawn hatched). */
  undefinedKeys?: readonly string[];
}

export interface ReferenceLine {
  value: number;
  label: string;
  color: string;
}

export interface GroupRateChartProps {
  title: string;
  categories: RateCategory[];
  series: RateSeries[];
  lines?: ReferenceLine[];
  height?: number;
}

const PAD = { top: 16, right: 16, bottom: 46, left: 40 };

/**
 * Rates (0–1) per group as grouped bars, one colour per rate, with optional reference lines
 * (the four-fifths line). Plain SVG, sized to its container.
 */
export function GroupRateChart({ title, categories, series, lines = [], height = 260 }: GroupRateChartProps) {
  const { ref, width } = useElementSize();
  const w = Math.max(width, 320);
  const plotW = w - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH * (1 - Math.min(1, Math.max(0, v)));
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.max(3, Math.min(28, (slot * 0.8) / series.length));
  const groupW = barW * series.length;
  const labelEvery = Math.ceil(categories.length / Math.max(1, Math.floor(plotW / 56)));
  const hatchId = `hatch-${title.replace(/[^a-z0-9]/gi, '')}`;

  return (
    <Box ref={ref} w="100%">
      <Group gap="md" mb={6} wrap="wrap" aria-hidden="true">
        {series.map((s) => (
          <Group key={s.key} gap={6} wrap="nowrap">
            <Box w={12} h={12} style={{ background: s.color, borderRadius: 2 }} />
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
        {lines.map((l) => (
          <Group key={l.label} gap={6} wrap="nowrap">
            <Box w={16} h={0} style={{ borderTop: `2px dashed ${l.color}` }} />
            <Text size="xs">{l.label}</Text>
          </Group>
        ))}
      </Group>
      {width > 0 ? (
        <svg width={w} height={height} role="img" aria-label={title} data-testid="group-rate-chart" style={{ display: 'block' }}>
          <defs>
            <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1={0} y1={0} x2={0} y2={6} stroke="var(--mantine-color-gray-6)" strokeWidth={2} />
            </pattern>
          </defs>
          {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={w - PAD.right} y1={y(tick)} y2={y(tick)} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
              <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-gray-7)">
                {tick}
              </text>
            </g>
          ))}
          {categories.map((cat, ci) => {
            const x0 = PAD.left + ci * slot + (slot - groupW) / 2;
            const showLabel = ci % labelEvery === 0;
            return (
              <g key={cat.label} data-group={cat.label}>
                {series.map((s, si) => {
                  const value = cat.values[s.key] ?? null;
                  const undefinedRate = cat.undefinedKeys?.includes(s.key) ?? false;
                  const x = x0 + si * barW;
                  if (value === null) return null;
                  const top = y(value);
                  if (undefinedRate && value === 0) {
                    return (
                      <text key={s.key} x={x + barW / 2} y={y(0) - 4} textAnchor="middle" fontSize={9} fill="var(--mantine-color-orange-8)">
                        0/0
                        <title>{`${cat.label} · ${s.label}: undefined (0/0), reported as 0`}</title>
                      </text>
                    );
                  }
                  return (
                    <rect
                      key={s.key}
                      x={x}
                      y={top}
                      width={barW - 1}
                      height={Math.max(0, y(0) - top)}
                      fill={undefinedRate ? `url(#${hatchId})` : s.color}
                    >
                      <title>{`${cat.label} · ${s.label}: ${undefinedRate ? 'undefined (0/0), reported as 0' : formatValue(value)}`}</title>
                    </rect>
                  );
                })}
                {Object.values(cat.values).every((v) => v === null) ? (
                  <text x={x0 + groupW / 2} y={y(0) - 6} textAnchor="middle" fontSize={10} fill="var(--mantine-color-gray-6)">
                    empty
                  </text>
                ) : null}
                {showLabel ? (
                  <>
                    <text
                      x={PAD.left + ci * slot + slot / 2}
                      y={height - PAD.bottom + 16}
                      textAnchor="middle"
                      fontSize={12}
                      fill="currentColor"
                    >
                      {cat.label.length > 14 ? `${cat.label.slice(0, 13)}…` : cat.label}
                    </text>
                    {cat.note ? (
                      <text
                        x={PAD.left + ci * slot + slot / 2}
                        y={height - PAD.bottom + 30}
                        textAnchor="middle"
                        fontSize={10}
                        fill="var(--mantine-color-orange-8)"
                      >
                        {cat.note}
                      </text>
                    ) : null}
                  </>
                ) : null}
              </g>
            );
          })}
          {lines.map((l) => (
            <line
              key={l.label}
              x1={PAD.left}
              x2={w - PAD.right}
              y1={y(l.value)}
              y2={y(l.value)}
              stroke={l.color}
              strokeWidth={2}
              strokeDasharray="6 4"
            >
              <title>{`${l.label}: ${formatValue(l.value)}`}</title>
            </line>
          ))}
          <line x1={PAD.left} x2={w - PAD.right} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-6)" strokeWidth={1} />
        </svg>
      ) : null}
    </Box>
  );
}
