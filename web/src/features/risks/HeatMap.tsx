import { Box, Group, Paper, SegmentedControl, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { HeatMap as HeatMapData, LevelRef } from './api.ts';
import { plural, textOn, tint } from './labels.ts';

export type HeatMapMode = 'inherent' | 'residual';

export interface HeatMapCell {
  likelihood: number;
  impact: number;
}

export interface HeatMapProps {
  data: HeatMapData;
  mode: HeatMapMode;
  onModeChange: (mode: HeatMapMode) => void;
  /** The cell the register is filtered to, on this map. */
  selected: HeatMapCell | null;
  onSelect: (cell: HeatMapCell | null) => void;
}

/** The distinct levels of the grid, least severe first, for the legend. */
function legendOf(levels: LevelRef[][]): LevelRef[] {
  const seen = new Map<string, LevelRef>();
  for (const row of levels) for (const level of row) if (level.id && !seen.has(level.id)) seen.set(level.id, level);
  return [...seen.values()].sort((a, b) => a.rank - b.rank);
}

function cellKey(l: number, i: number): string {
  return `${l}:${i}`;
}

/**
 * Open risks counted per likelihood × impact cell, coloured by the level the criteria give the cell.
 * Likelihood rises upwards, impact rightwards. Each cell is a button that filters the register;
 * the arrow keys move between cells.
 */
export function HeatMap({ data, mode, onModeChange, selected, onSelect }: HeatMapProps) {
  const counts = mode === 'inherent' ? data.inherent : data.residual;
  const rows = data.likelihood.length;
  const cols = data.impact.length;
  const onMap = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const [focus, setFocus] = useState<HeatMapCell>(selected ?? { likelihood: rows, impact: 1 });
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const move = (event: KeyboardEvent<HTMLButtonElement>, l: number, i: number) => {
    const next = { likelihood: l, impact: i };
    switch (event.key) {
      case 'ArrowUp':
        next.likelihood = Math.min(rows, l + 1);
        break;
      case 'ArrowDown':
        next.likelihood = Math.max(1, l - 1);
        break;
      case 'ArrowRight':
        next.impact = Math.min(cols, i + 1);
        break;
      case 'ArrowLeft':
        next.impact = Math.max(1, i - 1);
        break;
      case 'Home':
        next.impact = 1;
        break;
      case 'End':
        next.impact = cols;
        break;
      default:
        return;
    }
    event.preventDefault();
    setFocus(next);
    buttons.current.get(cellKey(next.likelihood, next.impact))?.focus();
  };

  // One cell is in the tab order: the selected one, else the last focused one.
  const tabStop = selected ?? focus;
  const legend = legendOf(data.levels);
  const title = mode === 'inherent' ? 'Inherent risk' : 'Residual risk';

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="heat-map-title" h="100%">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={0}>
            <Title order={2} size="h4" id="heat-map-title">
              Heat map
            </Title>
            <Text size="xs" c="dimmed">
              {mode === 'inherent'
                ? 'Open risks by likelihood and impact before treatment. Select a cell to list its risks.'
                : 'Open risks by their residual likelihood and impact, after treatment. Select a cell to list its risks.'}
            </Text>
          </Stack>
          <SegmentedControl
            size="xs"
            aria-label="Heat map of"
            value={mode}
            onChange={(v) => onModeChange(v as HeatMapMode)}
            data={[
              { value: 'inherent', label: 'Inherent' },
              { value: 'residual', label: 'Residual' },
            ]}
          />
        </Group>

        <Group gap={4} wrap="nowrap" align="stretch">
          <Box
            aria-hidden="true"
            style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center' }}
            fz="xs"
            fw={700}
            c="dimmed"
            tt="uppercase"
            pb={28}
          >
            Likelihood →
          </Box>
          <Box style={{ flex: 1, minWidth: 0, overflowX: 'auto' }}>
            <table
              style={{ borderCollapse: 'separate', borderSpacing: 3, width: '100%', tableLayout: 'fixed' }}
              data-testid="heat-map"
              data-mode={mode}
            >
              <caption>
                <VisuallyHidden>{title} heat map: rows are likelihood, highest first; columns are impact, lowest first.</VisuallyHidden>
              </caption>
              <colgroup>
                <col style={{ width: 104 }} />
                {data.impact.map((step) => (
                  <col key={step.value} />
                ))}
              </colgroup>
              <tbody>
                {[...data.likelihood].reverse().map((lStep) => (
                  <tr key={lStep.value}>
                    <th scope="row" style={{ textAlign: 'right', paddingRight: 6, fontWeight: 500 }}>
                      <Text size="xs" lh={1.2} c="dark.6" title={lStep.label}>
                        {lStep.label}
                      </Text>
                    </th>
                    {data.impact.map((iStep) => {
                      const l = lStep.value;
                      const i = iStep.value;
                      const count = counts[l - 1]?.[i - 1] ?? 0;
                      const level = data.levels[l - 1]?.[i - 1];
                      const colour = level?.colour ?? '#868e96';
                      const active = selected?.likelihood === l && selected.impact === i;
                      const isTabStop = tabStop.likelihood === l && tabStop.impact === i;
                      return (
                        <td key={i} style={{ padding: 0 }}>
                          <UnstyledButton
                            ref={(el) => {
                              if (el) buttons.current.set(cellKey(l, i), el);
                              else buttons.current.delete(cellKey(l, i));
                            }}
                            tabIndex={isTabStop ? 0 : -1}
                            aria-pressed={active}
                            aria-label={`Likelihood ${lStep.label}, impact ${iStep.label}: ${plural(count, 'risk')}, level ${level?.label || 'not set'}`}
                            data-cell={`${l}-${i}`}
                            data-count={count}
                            onClick={() => onSelect(active ? null : { likelihood: l, impact: i })}
                            onFocus={() => setFocus({ likelihood: l, impact: i })}
                            onKeyDown={(event) => move(event, l, i)}
                            title={`${level?.label ?? ''}: ${plural(count, 'risk')}`}
                            w="100%"
                            h={44}
                            style={{
                              display: 'flex',
                              alignItems: 'center',
                              justifyContent: 'center',
                              borderRadius: 6,
                              background: count > 0 ? colour : tint(colour, 0.2),
                              color: count > 0 ? textOn(colour) : 'var(--mantine-color-gray-6)',
                              outline: active ? '3px solid var(--mantine-color-dark-7)' : undefined,
                              outlineOffset: active ? 1 : undefined,
                              fontWeight: 700,
                              fontSize: count > 0 ? 18 : 12,
                            }}
                          >
                            {count > 0 ? count : ''}
                          </UnstyledButton>
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr>
                  <td />
                  {data.impact.map((step) => (
                    <th key={step.value} scope="col" style={{ fontWeight: 500, verticalAlign: 'top', paddingTop: 2 }}>
                      <Text size="xs" lh={1.2} c="dark.6" ta="center" title={step.label}>
                        {step.label}
                      </Text>
                    </th>
                  ))}
                </tr>
              </tbody>
            </table>
            <Text aria-hidden="true" fz="xs" fw={700} c="dimmed" tt="uppercase" ta="center" pl={104} mt={2}>
              Impact →
            </Text>
          </Box>
        </Group>

        <Group justify="space-between" gap="xs" align="center">
          <Group gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Levels">
            {legend.map((level) => (
              <Group component="li" key={level.id} gap={6} wrap="nowrap">
                <Box w={12} h={12} style={{ borderRadius: 3, background: level.colour }} aria-hidden="true" />
                <Text size="xs">{level.label}</Text>
              </Group>
            ))}
          </Group>
          <Text size="xs" c="dimmed" role="status">
            {mode === 'inherent'
              ? `${plural(onMap, 'open risk')} on the map${data.unscored ? ` · ${data.unscored} not yet scored` : ''}`
              : `${plural(onMap, 'open risk')} on the map${data.total - onMap > 0 ? ` · ${data.total - onMap} without residual scores` : ''}`}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
