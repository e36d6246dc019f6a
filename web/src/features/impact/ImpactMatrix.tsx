import { Box, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { bandOf, likelihoodLabels, plural, severityLabels } from './labels.ts';

export interface MatrixEntry {
  severity: number;
  likelihood: number;
  beneficial: boolean;
}

/**
 * How many harmful impacts sit in each severity × likelihood cell: likelihood rises upwards,
 * severity rightwards, as on the risk heat map. Beneficial impacts are counted beside it.
 */
export function ImpactMatrix({ entries }: { entries: readonly MatrixEntry[] }) {
  const harmful = entries.filter((e) => !e.beneficial);
  const beneficial = entries.length - harmful.length;
  const count = (s: number, l: number) => harmful.filter((e) => e.severity === s && e.likelihood === l).length;
  const steps = [1, 2, 3, 4, 5] as const;
  return (
    <Stack gap={6} data-testid="impact-matrix">
      <Group gap={4} wrap="nowrap" align="stretch">
        <Box
          aria-hidden="true"
          style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center' }}
          fz={10}
          fw={700}
          c="dimmed"
          tt="uppercase"
          pb={22}
        >
          Likelihood →
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <table style={{ borderCollapse: 'separate', borderSpacing: 2, width: '100%', tableLayout: 'fixed' }}>
            <caption>
              <VisuallyHidden>
                Harmful impacts by severity and likelihood: rows are likelihood, highest first; columns are severity, lowest first.
              </VisuallyHidden>
            </caption>
            <colgroup>
              <col style={{ width: 22 }} />
              {steps.map((s) => (
                <col key={s} />
              ))}
            </colgroup>
            <tbody>
              {[...steps].reverse().map((l) => (
                <tr key={l}>
                  <th scope="row" style={{ textAlign: 'right', paddingRight: 4, fontWeight: 500 }} title={likelihoodLabels[l - 1]}>
                    <Text size="xs" lh={1.1} c="dark.6">
                      {l}
                    </Text>
                    <VisuallyHidden>{likelihoodLabels[l - 1]}</VisuallyHidden>
                  </th>
                  {steps.map((s) => {
                    const n = count(s, l);
                    const band = bandOf(s, l);
                    return (
                      <td
                        key={s}
                        data-cell={`${s}-${l}`}
                        aria-label={`Severity ${severityLabels[s - 1]}, likelihood ${likelihoodLabels[l - 1]}: ${plural(n, 'impact')}`}
                        style={{
                          height: 30,
                          borderRadius: 4,
                          textAlign: 'center',
                          fontSize: 13,
                          fontWeight: 700,
                          background: band.colour,
                          color: band.text,
                          opacity: n ? 1 : 0.35,
                        }}
                      >
                        {n || ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <td />
                {steps.map((s) => (
                  <th key={s} scope="col" style={{ fontWeight: 500, verticalAlign: 'top', paddingTop: 2 }} title={severityLabels[s - 1]}>
                    <Text size="xs" lh={1.1} c="dark.6" ta="center">
                      {s}
                    </Text>
                    <VisuallyHidden>{severityLabels[s - 1]}</VisuallyHidden>
                  </th>
                ))}
              </tr>
            </tbody>
          </table>
          <Text aria-hidden="true" fz={10} fw={700} c="dimmed" tt="uppercase" ta="center" pl={22}>
            Severity →
          </Text>
        </Box>
      </Group>
      <Text size="xs" c="dimmed">
        Severity 1 negligible … 5 severe; likelihood 1 rare … 5 almost certain.
      </Text>
      <Text size="xs" c="dimmed">
        {plural(harmful.length, 'harmful impact')} · {plural(beneficial, 'beneficial impact')}
      </Text>
    </Stack>
  );
}
