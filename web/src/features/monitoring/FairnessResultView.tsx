import { Alert, Badge, Code, Group, List, SimpleGrid, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { ThresholdOutcomeView } from './api.ts';
import { GroupRateChart, type RateCategory } from './GroupRateChart.tsx';
import {
  aggregateExplanations,
  aggregateOrder,
  formatCount,
  formatPercent,
  formatValue,
  groupName,
  methodExplanations,
  plural,
  rateLabels,
  type AggregateName,
} from './labels.ts';
import { keyOutcomes, type KeyOutcomes } from './outcomes.ts';
import { ClassificationView } from './PerformanceResultView.tsx';
import { Stat } from './Stat.tsx';
import type { FairnessResult, FeatureReport, GroupEntry, PairAggregate } from './types.ts';

const chartSeries = [
  { key: 'selection_rate', label: 'Selection rate', color: 'var(--mantine-color-teal-6)' },
  { key: 'true_positive_rate', label: 'True positive rate', color: 'var(--mantine-color-blue-6)' },
  { key: 'false_positive_rate', label: 'False positive rate', color: 'var(--mantine-color-orange-6)' },
];
const tableRates = ['selection_rate', 'true_positive_rate', 'false_positive_rate', 'accuracy', 'precision'] as const;

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title={`Read these numbers with care: ${plural(warnings.length, 'warning')}`}
      data-testid="fairness-warnings"
    >
      <List size="sm" spacing={4}>
        {warnings.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function RateCell({ entry, rate }: { entry: GroupEntry; rate: (typeof tableRates)[number] }) {
  if (entry.empty) return <Table.Td c="dimmed">—</Table.Td>;
  const undefinedRate = entry.undefined_rates.includes(rate);
  const value = entry[rate];
  return (
    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
      {formatValue(value ?? null)}
      {undefinedRate ? (
        <Tooltip label="0/0: no rows to compute it from. Reported as 0, as Fairlearn and scikit-learn do." withArrow multiline w={260}>
          <Text span c="orange.8" fw={700} ml={4} size="xs" aria-label="undefined: 0/0">
            0/0
          </Text>
        </Tooltip>
      ) : null}
    </Table.Td>
  );
}

function Flags({ entry }: { entry: GroupEntry }) {
  return (
    <Group gap={4} wrap="wrap">
      {entry.empty ? (
        <Badge size="sm" variant="light" color="gray" radius="sm" title="No row has this combination of values: every rate is undefined">
          Empty cell
        </Badge>
      ) : null}
      {entry.small_group ? (
        <Badge
          size="sm"
          variant="light"
          color="orange"
          radius="sm"
          title="Fewer rows than the plan's minimum group size: its rates are unstable"
        >
          Small group
        </Badge>
      ) : null}
      {!entry.empty && entry.undefined_rates.length > 0 ? (
        <Badge
          size="sm"
          variant="outline"
          color="orange"
          radius="sm"
          title={`Undefined (0/0): ${entry.undefined_rates.map((r) => rateLabels[r] ?? r).join(', ')}`}
        >
          {plural(entry.undefined_rates.length, 'undefined rate')}
        </Badge>
      ) : null}
    </Group>
  );
}

function FourFifths({ entry }: { entry: GroupEntry }) {
  const { ratio, passes } = entry.four_fifths;
  if (ratio === null || passes === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      <Text size="sm">{formatValue(ratio)}</Text>
      <Badge size="sm" radius="sm" variant="light" color={passes ? 'teal' : 'red'} data-four-fifths={passes ? 'pass' : 'fail'}>
        {passes ? 'Pass' : 'Fail'}
      </Badge>
    </Group>
  );
}

function GroupTable({ feature, report, overall }: { feature: string; report: FeatureReport; overall: FairnessResult['overall'] }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover aria-label={`Groups of ${feature}`} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            {tableRates.map((r) => (
              <Table.Th key={r} ta="right">
                {rateLabels[r]}
              </Table.Th>
            ))}
            <Table.Th ta="right">
              <Tooltip
                label="This group's selection rate divided by the highest group's. The rule of thumb passes at 0.8 or more."
                withArrow
                multiline
                w={260}
              >
                <span>Four-fifths rule</span>
              </Tooltip>
            </Table.Th>
            <Table.Th>Flags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.by_group.map((entry) => {
            const name = groupName(entry.group);
            return (
              <Table.Tr key={name} data-group={name}>
                <Table.Td fw={600}>{name}</Table.Td>
                <Table.Td ta="right">{formatCount(entry.count)}</Table.Td>
                {tableRates.map((r) => (
                  <RateCell key={r} entry={entry} rate={r} />
                ))}
                <Table.Td ta="right">
                  <FourFifths entry={entry} />
                </Table.Td>
                <Table.Td>
                  <Flags entry={entry} />
                </Table.Td>
              </Table.Tr>
            );
          })}
          <Table.Tr>
            <Table.Td fw={600} fs="italic">
              Overall
            </Table.Td>
            <Table.Td ta="right">{formatCount(overall.count)}</Table.Td>
            {tableRates.map((r) => (
              <Table.Td key={r} ta="right">
                {formatValue(overall[r])}
              </Table.Td>
            ))}
            <Table.Td />
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AggregateValue({ value, metricKey, outcomes }: { value: number | null; metricKey: string; outcomes: KeyOutcomes }) {
  const judged = outcomes.get(metricKey);
  return (
    <Table.Td ta="right" title={metricKey} data-key={metricKey} style={{ whiteSpace: 'nowrap' }}>
      <Group gap={6} justify="flex-end" wrap="nowrap">
        <Text size="sm" fw={judged === undefined ? undefined : 700} c={judged === false ? 'red.8' : undefined}>
          {formatValue(value)}
        </Text>
        {judged !== undefined ? (
          <Badge size="xs" radius="sm" variant="light" color={judged ? 'teal' : 'red'}>
            {judged ? 'within threshold' : 'breach'}
          </Badge>
        ) : null}
      </Group>
    </Table.Td>
  );
}

function AggregatesTable({ feature, report, outcomes }: { feature: string; report: FeatureReport; outcomes: KeyOutcomes }) {
  const rows: { name: AggregateName; method?: 'worst_case' | 'mean'; pair: PairAggregate }[] = [];
  for (const name of aggregateOrder) {
    const aggregate = report.aggregates[name];
    if ('worst_case' in aggregate) {
      rows.push({ name, method: 'worst_case', pair: aggregate.worst_case }, { name, method: 'mean', pair: aggregate.mean });
    } else rows.push({ name, pair: aggregate });
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={`Fairness measures of ${feature}`} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure (Fairlearn name)</Table.Th>
            <Table.Th ta="right">Between groups</Table.Th>
            <Table.Th ta="right">To overall</Table.Th>
            <Table.Th ta="center">Ideal</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ name, method, pair }) => {
            const info = aggregateExplanations[name];
            const keyBase = `${feature}:${name}${method ? `.${method}` : ''}`;
            const first = !method || method === 'worst_case';
            return (
              <Table.Tr key={keyBase} data-aggregate={`${name}${method ? `.${method}` : ''}`}>
                <Table.Td maw={480}>
                  <Stack gap={2}>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {info.title}
                        {method ? ` (${method === 'worst_case' ? 'worst case' : 'mean'})` : ''}
                      </Text>
                      <Code fz="xs">{`${name}${method ? ` agg=${method}` : ''}`}</Code>
                    </Group>
                    {first ? (
                      <Text size="xs" c="dimmed">
                        {info.text}
                      </Text>
                    ) : (
                      <Text size="xs" c="dimmed">
                        The average of the two gaps instead of the larger.
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <AggregateValue value={pair.between_groups} metricKey={`${keyBase}.between_groups`} outcomes={outcomes} />
                <AggregateValue value={pair.to_overall} metricKey={`${keyBase}.to_overall`} outcomes={outcomes} />
                <Table.Td ta="center">
                  <Text size="sm" c="dimmed">
                    {info.ideal}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FeatureSection({
  feature,
  report,
  overall,
  outcomes,
  shownAbove,
}: {
  feature: string;
  report: FeatureReport;
  overall: FairnessResult['overall'];
  outcomes: KeyOutcomes;
  /** Warnings already listed above the tabs: not repeated here. */
  shownAbove: readonly string[];
}) {
  const categories: RateCategory[] = report.by_group.map((entry) => ({
    label: groupName(entry.group),
    note: entry.empty ? 'empty' : entry.small_group ? 'small' : undefined,
    values: Object.fromEntries(
      chartSeries.map((s) => [s.key, entry.empty ? null : ((entry[s.key as keyof GroupEntry] as number | undefined) ?? null)]),
    ),
    undefinedKeys: entry.undefined_rates,
  }));
  const highest = Math.max(0, ...report.by_group.filter((g) => !g.empty).map((g) => g.selection_rate ?? 0));
  const minRatio = Math.min(...report.by_group.map((g) => g.four_fifths.ratio ?? Infinity));
  const failing = report.by_group.filter((g) => g.four_fifths.passes === false).length;
  return (
    <Stack gap="lg">
      <Warnings warnings={report.warnings.filter((w) => !shownAbove.includes(w))} />
      <Stack gap="xs" component="section" aria-label={`Rates per group of ${feature}`}>
        <Title order={4} size="h5">
          Rates per group
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          Selection rate is the share of a group the AI system predicts positive; the true positive rate, the share of truly positive cases
          it finds; the false positive rate, the share of truly negative cases it wrongly flags. The dashed line is four-fifths of the
          highest selection rate: groups selected below it fail the four-fifths rule.
        </Text>
        <GroupRateChart
          title={`Selection rate, true and false positive rate per group of ${feature}`}
          categories={categories}
          series={chartSeries}
          lines={
            highest > 0
              ? [{ value: highest * 0.8, label: 'Four-fifths of the highest selection rate', color: 'var(--mantine-color-red-6)' }]
              : []
          }
        />
        <Group gap="xs">
          <Text size="sm">
            {plural(report.n_groups, 'group')}
            {report.rows_excluded_missing_sensitive > 0
              ? ` · ${plural(report.rows_excluded_missing_sensitive, 'row')} without a value for ${report.columns.join(', ')} (counted in overall only)`
              : ''}
          </Text>
          {Number.isFinite(minRatio) ? (
            <Text size="sm" fw={600} c={failing > 0 ? 'red.8' : 'teal.8'} data-testid="four-fifths-summary">
              {failing > 0
                ? `· ${plural(failing, 'group')} below four-fifths of the highest selection rate (lowest ratio ${formatValue(minRatio)})`
                : '· Every group passes the four-fifths rule'}
            </Text>
          ) : null}
        </Group>
        <GroupTable feature={feature} report={report} overall={overall} />
      </Stack>
      <Stack gap="xs" component="section" aria-label={`Fairness measures of ${feature}`}>
        <Title order={4} size="h5">
          Fairness measures
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          Each measure sums up the gaps between groups in one number, the way Fairlearn computes it. Two ways of comparing:{' '}
          {methodExplanations.between_groups}; {methodExplanations.to_overall}. Hover a value to see its metric key for a threshold.
        </Text>
        <AggregatesTable feature={feature} report={report} outcomes={outcomes} />
      </Stack>
    </Stack>
  );
}

/** A fairness run's report: warnings first, then per sensitive feature the group rates, the four-fifths rule and Fairlearn's measures. */
export function FairnessResultView({ result, outcomes }: { result: FairnessResult; outcomes?: readonly ThresholdOutcomeView[] }) {
  const features = Object.keys(result.features);
  const [tab, setTab] = useState<string | null>(features[0] ?? null);
  const judged = keyOutcomes(outcomes);
  const perf = result.performance.overall;
  return (
    <Stack gap="lg" data-testid="fairness-result">
      <Warnings warnings={result.warnings} />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label="Rows" value={formatCount(result.rows)} />
        <Stat label="Selection rate (everyone)" value={formatPercent(result.overall.selection_rate)} />
        <Stat label="Positive class" value={`${result.columns.label} = ${result.positive_label}`} />
        <Stat label="Sensitive features" value={result.columns.sensitive.join(', ')} />
      </SimpleGrid>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {features.map((f) => (
            <Tabs.Tab key={f} value={f}>
              {f}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="__performance">Overall performance</Tabs.Tab>
        </Tabs.List>
        {features.map((f) => {
          const report = result.features[f];
          return report ? (
            <Tabs.Panel key={f} value={f} pt="md">
              <FeatureSection feature={f} report={report} overall={result.overall} outcomes={judged} shownAbove={result.warnings} />
            </Tabs.Panel>
          ) : null;
        })}
        <Tabs.Panel value="__performance" pt="md">
          <ClassificationView metrics={perf} byFeature={result.performance.by_feature} outcomes={judged} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
