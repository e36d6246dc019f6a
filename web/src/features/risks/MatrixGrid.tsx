import { Box, Group, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { RiskCriteriaContent } from './api.ts';
import { textOn } from './labels.ts';

export interface MatrixGridProps {
  criteria: RiskCriteriaContent;
  /** When given, each cell is a button: click for the next level, Shift+click for the previous one. */
  onCycle?: (likelihood: number, impact: number, direction: 1 | -1) => void;
  /** The API's message for a cell (`content.matrix.l.i`). */
  errorAt?: (likelihood: number, impact: number) => string | undefined;
  caption: string;
}

/**
 * The risk matrix: the level of each likelihood × impact pair, in its colour. Likelihood rises upwards,
 * impact rightwards, as on the heat map.
 */
export function MatrixGrid({ criteria, onCycle, errorAt, caption }: MatrixGridProps) {
  const levels = new Map(criteria.levels.map((l) => [l.id, l]));
  return (
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
        <table style={{ borderCollapse: 'separate', borderSpacing: 3, width: '100%', tableLayout: 'fixed' }} data-testid="risk-matrix">
          <caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </caption>
          <colgroup>
            <col style={{ width: 112 }} />
            {criteria.impact.map((s) => (
              <col key={s.value} />
            ))}
          </colgroup>
          <tbody>
            {[...criteria.likelihood].reverse().map((lStep) => (
              <tr key={lStep.value}>
                <th scope="row" style={{ textAlign: 'right', paddingRight: 6, fontWeight: 500 }}>
                  <Text size="xs" lh={1.2} c="dark.6">
                    {lStep.label}
                  </Text>
                </th>
                {criteria.impact.map((iStep) => {
                  const l = lStep.value;
                  const i = iStep.value;
                  const id = criteria.matrix[l - 1]?.[i - 1] ?? '';
                  const level = levels.get(id);
                  const colour = level?.colour ?? '#adb5bd';
                  const error = errorAt?.(l, i);
                  const style = {
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                    width: '100%',
                    minHeight: 38,
                    padding: '4px 2px',
                    borderRadius: 6,
                    background: colour,
                    color: textOn(colour),
                    fontSize: 12,
                    fontWeight: 600,
                    lineHeight: 1.15,
                    textAlign: 'center' as const,
                    overflowWrap: 'anywhere' as const,
                    outline: error ? '3px solid var(--mantine-color-red-8)' : undefined,
                    outlineOffset: error ? 1 : undefined,
                  };
                  const name = `Likelihood ${lStep.label}, impact ${iStep.label}: ${level?.label ?? 'no level'}`;
                  return (
                    <td key={i} style={{ padding: 0 }}>
                      {onCycle ? (
                        <Tooltip
                          label={error ?? 'Click for the next level, Shift+click for the previous'}
                          withArrow
                          openDelay={error ? 0 : 500}
                        >
                          <UnstyledButton
                            aria-label={`${name}. Change the level`}
                            aria-invalid={error ? true : undefined}
                            data-cell={`${l}-${i}`}
                            data-level={id}
                            onClick={(event) => onCycle(l, i, event.shiftKey ? -1 : 1)}
                            style={style}
                          >
                            {level?.label ?? '?'}
                          </UnstyledButton>
                        </Tooltip>
                      ) : (
                        <Box style={style} data-cell={`${l}-${i}`} data-level={id} aria-label={name} role="img">
                          {level?.label ?? '?'}
                        </Box>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <td />
              {criteria.impact.map((s) => (
                <th key={s.value} scope="col" style={{ fontWeight: 500, verticalAlign: 'top', paddingTop: 2 }}>
                  <Text size="xs" lh={1.2} c="dark.6" ta="center">
                    {s.label}
                  </Text>
                </th>
              ))}
            </tr>
          </tbody>
        </table>
        <Text aria-hidden="true" fz="xs" fw={700} c="dimmed" tt="uppercase" ta="center" pl={112} mt={2}>
          Impact →
        </Text>
      </Box>
    </Group>
  );
}
