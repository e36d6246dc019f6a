import { Alert, Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { ThresholdOutcomeView } from './api.ts';
import { DriftHistogram } from './DriftHistogram.tsx';
import { driftTestLabels, formatCount, formatPercent, formatPValue, formatValue, plural, pValueTests } from './labels.ts';
import { keyOutcomes } from './outcomes.ts';
import { Stat } from './Stat.tsx';
import type { DriftColumn, DriftResult } from './types.ts';

function Verdict({ drifted }: { drifted: boolean | null }) {
  if (drifted === null)
    return (
      <Text size="sm" c="dimmed">
        n/a
      </Text>
    );
  return (
    <Badge
      size="sm"
      radius="sm"
      variant={drifted ? 'filled' : 'light'}
      color={drifted ? 'orange' : 'teal'}
      data-drift={drifted ? 'yes' : 'no'}
    >
      {drifted ? 'Drift' : 'No drift'}
    </Badge>
  );
}

function StatWithP({ statistic, pValue }: { statistic: number | null | undefined; pValue: number | undefined }) {
  if (pValue === undefined)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm">{statistic === null ? '∞' : formatValue(statistic ?? null)}</Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {pValue === 0 ? 'p < 1e-300' : `p = ${formatPValue(pValue)}`}
      </Text>
    </Stack>
  );
}

function ColumnDetails({ column }: { column: DriftColumn }) {
  return (
    <Stack gap="sm" py="xs">
      <DriftHistogram column={column} />
      <Group gap="lg" wrap="wrap">
        <Text size="xs" c="dimmed">
          Reference: {formatCount(column.ref_rows)} rows · current: {formatCount(column.cur_rows)} rows · {column.ref_nunique} distinct
          values in the reference
        </Text>
        {column.dropped.reference + column.dropped.current > 0 ? (
          <Text size="xs" c="orange.8">
            Left out as empty or not a finite number: {formatCount(column.dropped.reference)} reference and{' '}
            {formatCount(column.dropped.current)} current rows
          </Text>
        ) : null}
      </Group>
      {column.tests.length > 0 ? (
        <Table withTableBorder aria-label={`Extra tests on ${column.column}`} maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Extra test</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
              <Table.Th ta="right">Threshold</Table.Th>
              <Table.Th>Verdict</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {column.tests.map((t) => (
              <Table.Tr key={t.stattest}>
                <Table.Td>{driftTestLabels[t.stattest]}</Table.Td>
                <Table.Td ta="right">{pValueTests.has(t.stattest) ? formatPValue(t.score) : formatValue(t.score)}</Table.Td>
                <Table.Td ta="right">{t.threshold}</Table.Td>
                <Table.Td>
                  {t.not_applicable ? (
                    <Text size="xs" c="dimmed">
                      {t.not_applicable}
                    </Text>
                  ) : (
                    <Verdict drifted={t.drift_detected} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

/**
 * A drift run's report: the data set verdict, then per column the test that judged it (Evidently's
 * default), its score and threshold, every statistic computed, and the two distributions.
 */
export function DriftResultView({ result, outcomes }: { result: DriftResult; outcomes?: readonly ThresholdOutcomeView[] }) {
  const judged = keyOutcomes(outcomes);
  const drifted = result.columns.filter((c) => c.default_test.drift_detected).map((c) => c.column);
  const [open, setOpen] = useState<Set<string>>(
    () => new Set(drifted.length > 0 ? drifted.slice(0, 3) : result.columns.slice(0, 1).map((c) => c.column)),
  );
  const toggle = (column: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(column)) next.delete(column);
      else next.add(column);
      return next;
    });
  const { dataset } = result;
  const shareBreached = judged.get('drift:share') === false;

  return (
    <Stack gap="lg" data-testid="drift-result">
      {result.warnings.length > 0 ? (
        <Alert color="yellow" variant="light" title="Read these numbers with care">
          <List size="sm">
            {result.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat label="Reference data" value={result.reference.name} hint={`${formatCount(result.reference.rows)} rows`} />
        <Stat label="Current data" value={result.current.name} hint={`${formatCount(result.current.rows)} rows`} />
        <Stat
          label="Drifted columns"
          value={`${dataset.n_drifted} of ${dataset.n_columns} (${formatPercent(dataset.share, 0)})`}
          hint={shareBreached ? 'Breaches the plan’s threshold on drift:share' : undefined}
        />
        <Stat
          label="Data set"
          value={dataset.dataset_drift ? 'Drifted' : 'Not drifted'}
          hint={`Drifted when at least ${formatPercent(dataset.drift_share, 0)} of the columns drift`}
        />
      </SimpleGrid>
      <Alert
        color={dataset.dataset_drift ? 'orange' : 'teal'}
        variant="light"
        title={dataset.dataset_drift ? 'The data set has drifted' : 'No drift of the data set as a whole'}
        data-testid="dataset-drift"
      >
        {plural(dataset.n_drifted, 'column')} of {dataset.n_columns} drifted
        {drifted.length > 0 ? ` (${drifted.join(', ')})` : ''}; the data set counts as drifted from {formatPercent(dataset.drift_share, 0)}{' '}
        of its columns.
      </Alert>

      <Stack gap="xs" component="section" aria-label="Drift per column">
        <Title order={4} size="h5">
          Per column
        </Title>
        <Text size="sm" c="dimmed" maw={860}>
          Each column is judged by one test, chosen as Evidently does from its type and size. For p-value tests (Kolmogorov–Smirnov,
          chi-square, z) drift means a p-value below the threshold; for distances (PSI, Jensen–Shannon, Wasserstein) a distance at or above
          it. The other statistics are shown for reference.
        </Text>
        <Table.ScrollContainer minWidth={1000}>
          <Table aria-label="Drift per column" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Column</Table.Th>
                <Table.Th>Test</Table.Th>
                <Table.Th ta="right">Score</Table.Th>
                <Table.Th ta="right">Threshold</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th ta="right">
                  <Tooltip label="Population stability index" withArrow>
                    <span>PSI</span>
                  </Tooltip>
                </Table.Th>
                <Table.Th ta="right">
                  <Tooltip label="Jensen–Shannon distance" withArrow>
                    <span>JS</span>
                  </Tooltip>
                </Table.Th>
                <Table.Th ta="right">K–S</Table.Th>
                <Table.Th ta="right">Wasserstein</Table.Th>
                <Table.Th ta="right">Chi-square</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.columns.map((c) => {
                const test = c.default_test;
                const breached = [...judged].some(([key, passed]) => !passed && key.startsWith(`drift:${c.column}:`));
                const expanded = open.has(c.column);
                return (
                  <Fragment key={c.column}>
                    <Table.Tr data-column={c.column} bg={breached ? 'var(--mantine-color-red-0)' : undefined}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={600}>
                            {c.column}
                          </Text>
                          <Badge size="xs" variant="outline" color="gray" radius="sm">
                            {c.type === 'num' ? 'numeric' : 'category'}
                          </Badge>
                          {breached ? (
                            <Badge size="xs" color="red" radius="sm">
                              breach
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{driftTestLabels[test.stattest]}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {pValueTests.has(test.stattest) ? formatPValue(test.drift_score) : formatValue(test.drift_score)}
                      </Table.Td>
                      <Table.Td ta="right">{test.threshold}</Table.Td>
                      <Table.Td>
                        <Verdict drifted={test.drift_detected} />
                      </Table.Td>
                      <Table.Td ta="right">{formatValue(c.psi)}</Table.Td>
                      <Table.Td ta="right">{formatValue(c.jensenshannon)}</Table.Td>
                      <Table.Td ta="right">
                        <StatWithP statistic={c.ks?.statistic} pValue={c.ks?.p_value} />
                      </Table.Td>
                      <Table.Td ta="right">{c.wasserstein_norm ? formatValue(c.wasserstein_norm.value) : '—'}</Table.Td>
                      <Table.Td ta="right">
                        <StatWithP statistic={c.chisquare?.statistic} pValue={c.chisquare?.p_value} />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => toggle(c.column)}
                          aria-expanded={expanded}
                          aria-label={`${expanded ? 'Hide' : 'Show'} the distribution of ${c.column}`}
                        >
                          {expanded ? 'Hide' : 'Distribution'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {expanded ? (
                      <Table.Tr>
                        <Table.Td colSpan={11}>
                          <ColumnDetails column={c} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {result.skipped.length > 0 ? (
        <Alert color="gray" variant="light" title={`${plural(result.skipped.length, 'column')} not compared`}>
          <List size="sm">
            {result.skipped.map((s) => (
              <List.Item key={s.column}>
                <b>{s.column}</b>: {s.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
