import { Anchor, Badge, Box, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { catalogPaths } from '../catalog/api.ts';
import { ISO_42001, OWN_CONTROLS } from '../evidence/targets.ts';
import { formatDay } from '../risks/labels.ts';
import type { EvaluationSpec, MonitoringPlan } from './api.ts';
import { alwaysClause, alwaysControls, driftTestLabels, frequencyLabels, metricDescriptions, opSymbols, operatorWords } from './labels.ts';
import { PlanStateBadge } from './MonitoringBadges.tsx';
import { Fact } from '../../lib/components/RecordParts.tsx';

function Columns({ names }: { names: readonly string[] }) {
  if (names.length === 0) return <Text size="sm">—</Text>;
  return (
    <Group gap={4}>
      {names.map((n) => (
        <Code key={n}>{n}</Code>
      ))}
    </Group>
  );
}

/** What each run computes, field by field, in the words of the form that set it. */
export function SpecFacts({ spec }: { spec: EvaluationSpec }) {
  switch (spec.metric) {
    case 'fairness':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Fact label="True label column">
            <Columns names={[spec.label]} />
          </Fact>
          <Fact label="Prediction column">
            <Columns names={[spec.prediction]} />
          </Fact>
          <Fact label="Sensitive features">
            <Columns names={spec.sensitive} />
            {spec.intersect ? (
              <Text size="xs" c="dimmed">
                and their intersection
              </Text>
            ) : null}
          </Fact>
          <Fact label="Positive class">
            <Text size="sm">{spec.positive ?? '1 (or true)'}</Text>
          </Fact>
          <Fact label="Score column">{spec.score ? <Columns names={[spec.score]} /> : <Text size="sm">— (no ROC AUC)</Text>}</Fact>
          <Fact label="Small group below">
            <Text size="sm">{spec.minGroupSize ?? 30} rows</Text>
          </Fact>
        </SimpleGrid>
      );
    case 'performance':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Fact label="Task">
            <Text size="sm">{spec.task === 'regression' ? 'Regression' : 'Classification'}</Text>
          </Fact>
          <Fact label="True label column">
            <Columns names={[spec.label]} />
          </Fact>
          <Fact label="Prediction column">
            <Columns names={[spec.prediction]} />
          </Fact>
          <Fact label="Score column">{spec.score ? <Columns names={[spec.score]} /> : <Text size="sm">—</Text>}</Fact>
          <Fact label="Positive class">
            <Text size="sm">{spec.positive ?? '1 (or true)'}</Text>
          </Fact>
          <Fact label="Broken down by">
            <Columns names={spec.sensitive ?? []} />
          </Fact>
        </SimpleGrid>
      );
    case 'drift':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Fact label="Columns compared">
            {spec.columns && spec.columns.length > 0 ? (
              <Columns names={spec.columns} />
            ) : (
              <Text size="sm">Every column both data sets share</Text>
            )}
          </Fact>
          <Fact label="Read as categories">
            <Columns names={spec.categorical ?? []} />
          </Fact>
          <Fact label="Extra tests">
            <Text size="sm">{spec.tests && spec.tests.length > 0 ? spec.tests.map((t) => driftTestLabels[t]).join(', ') : '—'}</Text>
          </Fact>
          <Fact label="Data set drifted from">
            <Text size="sm">{Math.round((spec.driftShare ?? 0.5) * 100)} % of columns drifted</Text>
          </Fact>
        </SimpleGrid>
      );
  }
}

export function ThresholdsTable({ plan }: { plan: Pick<MonitoringPlan, 'thresholds'> }) {
  if (plan.thresholds.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No thresholds: runs are kept as evidence but never breach.
      </Text>
    );
  }
  return (
    <Table aria-label="Thresholds" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Metric key</Table.Th>
          <Table.Th>Must be</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plan.thresholds.map((t) => (
          <Table.Tr key={`${t.key}${t.op}${t.value}`}>
            <Table.Td>
              <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {t.key}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm" title={`${operatorWords[t.op]} ${t.value}`}>
                {opSymbols[t.op]} {t.value}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface ExtraLink {
  framework: string;
  /** The catalog item's id. */
  item: string;
  /** How it is named on the page: "A.9.2", "9.3" (a clause of ISO/IEC 42001), "eu-ai-act-2024 art-15". */
  name: string;
  title: string | null;
  own: boolean;
}

/** The controls and requirements the plan adds, besides those every run is linked to anyway. */
function extraLinks(plan: MonitoringPlan): ExtraLink[] {
  const always = new Set(alwaysControls(plan.metric).map((c) => c.control));
  return [
    ...plan.controls
      .filter((c) => !(c.framework === ISO_42001 && always.has(c.control)))
      .map((c) => ({ framework: c.framework, item: c.control, name: c.control, title: c.title, own: c.framework === OWN_CONTROLS })),
    ...plan.requirements
      .filter((r) => !(r.framework === ISO_42001 && r.item === alwaysClause.item))
      .map((r) => ({
        framework: r.framework,
        item: r.item,
        name: r.framework === ISO_42001 ? r.item : `${r.framework} ${r.item}`,
        title: r.title,
        own: false,
      })),
  ];
}

/** A line each, with its title, linked to its catalog page. */
function ExtraLinks({ org, plan }: { org: string; plan: MonitoringPlan }) {
  const links = extraLinks(plan);
  if (links.length === 0) return null;
  return (
    <Fact label="Also evidence for">
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Also evidence for">
        {links.map((l) => (
          <Box component="li" key={`${l.framework}|${l.item}`} py={2} data-link={`${l.framework}:${l.item}`}>
            <Group gap={6} wrap="nowrap">
              <Anchor component={Link} to={catalogPaths.item(org, l.framework, l.item)} size="sm">
                <Text span ff="monospace" fw={600} size="sm">
                  {l.name}
                </Text>{' '}
                {l.title ?? (
                  <Text span c="dimmed" size="sm" fs="italic">
                    (no longer in the catalog)
                  </Text>
                )}
              </Anchor>
              {l.own ? (
                <Text size="xs" c="dimmed">
                  own control
                </Text>
              ) : null}
            </Group>
          </Box>
        ))}
      </Box>
    </Fact>
  );
}

/** A plan at a glance: what is measured, against what, how often, by whom, and what it is evidence for. */
export function PlanSummary({ org, plan }: { org: string; plan: MonitoringPlan }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-measures">
        <Stack gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4" id="plan-measures">
              What is measured
            </Title>
            <Text size="sm" c="dimmed">
              {metricDescriptions[plan.metric]}
            </Text>
          </Stack>
          <SpecFacts spec={plan.spec} />
          {plan.description ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {plan.description}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      <Stack gap="md">
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-thresholds">
          <Stack gap="sm">
            <Stack gap={2}>
              <Title order={2} size="h4" id="plan-thresholds">
                Thresholds
              </Title>
              <Text size="sm" c="dimmed">
                A run breaches when any of them fails, or when its metric is undefined for the data.
              </Text>
            </Stack>
            <ThresholdsTable plan={plan} />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-schedule">
          <Stack gap="sm">
            <Title order={2} size="h4" id="plan-schedule">
              Schedule and evidence
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Fact label="Frequency">
                <Text size="sm">{frequencyLabels[plan.frequency]}</Text>
              </Fact>
              <Fact label="Next run due">
                <Group gap={6}>
                  <Text size="sm" c={plan.overdue ? 'red.8' : undefined} fw={plan.overdue ? 600 : undefined}>
                    {plan.status === 'paused' ? 'Paused' : formatDay(plan.nextDue)}
                  </Text>
                  <PlanStateBadge plan={plan} size="xs" />
                </Group>
              </Fact>
              <Fact label="Owner">
                <Text size="sm">{plan.owner || '—'}</Text>
              </Fact>
            </SimpleGrid>
            <Fact label="Each run is always evidence for">
              <Group gap={4}>
                {[
                  { key: alwaysClause.item, title: alwaysClause.title },
                  ...alwaysControls(plan.metric).map((c) => ({ key: c.control, title: c.title })),
                ].map((c) => (
                  <Badge key={c.key} variant="outline" radius="sm" color="gray" title={c.title}>
                    {c.key}
                  </Badge>
                ))}
              </Group>
            </Fact>
            <ExtraLinks org={org} plan={plan} />
          </Stack>
        </Paper>
      </Stack>
    </SimpleGrid>
  );
}
