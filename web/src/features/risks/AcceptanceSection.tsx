import { Alert, Badge, Box, Button, DataList, Group, List, Paper, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { useId, useState } from 'react';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { ShieldCheckIcon } from '../../lib/components/icons.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { roleLabels, type Role } from '../../lib/roles.ts';
import { Field } from '../inventory/Fields.tsx';
import { useAcceptRisk, type LevelRef, type Risk, type RiskCriteria } from './api.ts';
import { acceptingRoles, canWriteRisks, criteriaName, criteriaVersionText, isAboveThreshold, levelAt, roleList } from './labels.ts';
import { LevelBadge } from './RiskBadges.tsx';
import { Section } from './Section.tsx';

/**
 * The level whose acceptance is asked for, as the server decides it: the residual level when residual
 * scores are set, else the inherent level, both read with the current criteria.
 */
function levelToAccept(risk: Risk, criteria: RiskCriteria): LevelRef | null {
  const c = criteria.content;
  return (
    levelAt(c, risk.treatment.residualLikelihood, risk.treatment.residualImpact) ??
    levelAt(c, risk.likelihood, risk.impact) ??
    risk.treatment.residualLevel ??
    risk.inherentLevel
  );
}

/** What is still missing before the residual risk can be accepted (the server checks the same). */
function missingSteps(risk: Risk, criteria: RiskCriteria): string[] {
  const c = criteria.content;
  const inherent = levelAt(c, risk.likelihood, risk.impact);
  if (!inherent) return ['Analyse the risk first: estimate its likelihood and impact.'];
  const residual = levelAt(c, risk.treatment.residualLikelihood, risk.treatment.residualImpact);
  if (isAboveThreshold(c, inherent) && risk.treatment.option === null) {
    return [`It is ${inherent.label}, above the acceptance threshold: decide its treatment first (6.1.3).`];
  }
  if (isAboveThreshold(c, inherent) && risk.treatment.option !== 'retain' && !residual) {
    return ['Estimate the residual likelihood and impact in the treatment first.'];
  }
  return [];
}

function AcceptanceRules({ criteria, current }: { criteria: RiskCriteria; current: string | null }) {
  const c = criteria.content;
  return (
    <Box>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
        Who may accept each level ({criteriaName(criteria.number)})
      </Text>
      <Table verticalSpacing={4} horizontalSpacing="xs" aria-label="Who may accept each level" withTableBorder>
        <Table.Tbody>
          {[...c.levels].reverse().map((level, i, all) => {
            const rank = all.length - 1 - i;
            return (
              <Table.Tr key={level.id} bg={level.id === current ? 'gray.0' : undefined} fw={level.id === current ? 600 : undefined}>
                <Table.Td w={130}>
                  <LevelBadge level={{ id: level.id, label: level.label, colour: level.colour, rank }} size="xs" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{roleList(acceptingRoles(c, level.id))}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export interface AcceptanceSectionProps {
  org: string;
  risk: Risk;
  criteria: RiskCriteria;
  role: Role;
  onAccepted: (risk: Risk) => void;
}

/** Formal acceptance of the residual risk (6.1.3 f, 8.3) by a member whose role the criteria allow. */
export function AcceptanceSection({ org, risk, criteria, role, onAccepted }: AcceptanceSectionProps) {
  const accept = useAcceptRisk(org);
  const [comment, setComment] = useState('');
  const ruleId = useId();
  const level = levelToAccept(risk, criteria);
  const allowed = level ? acceptingRoles(criteria.content, level.id) : [];
  const mayAccept = canWriteRisks(role) && allowed.includes(role);
  const missing = missingSteps(risk, criteria);
  const acceptance = risk.acceptance;

  return (
    <Section
      id="acceptance"
      title="Acceptance of residual risk"
      description="The residual risk is formally accepted by someone your risk criteria allow to accept its level (ISO/IEC 42001 6.1.3 f and 8.3)."
    >
      {acceptance ? (
        <Stack gap="sm" data-testid="acceptance">
          <Paper
            withBorder
            radius="md"
            p="md"
            style={{ borderLeftWidth: 4, borderLeftStyle: 'solid', borderLeftColor: 'var(--mantine-color-teal-6)' }}
          >
            <Group gap="xs" mb="sm">
              <ShieldCheckIcon size={18} color="var(--mantine-color-teal-7)" />
              <Text fw={600} c="teal.8">
                Residual risk accepted
              </Text>
            </Group>
            <DataList labelWidth={150} gap="xs" withDivider>
              <Field label="Level accepted">
                <LevelBadge level={acceptance.level} />
              </Field>
              <Field label="Accepted by">
                <Group gap="xs">
                  <Text size="sm">{acceptance.acceptedBy}</Text>
                  <Badge size="sm" radius="sm" variant="light" color="gray" tt="none">
                    {roleLabels[acceptance.role]}
                  </Badge>
                </Group>
              </Field>
              <Field label="When">{formatDateTime(acceptance.acceptedAt)}</Field>
              <Field label="Comment">{acceptance.comment}</Field>
              <Field label="Risk criteria">{criteriaVersionText(acceptance.criteriaNumber)}</Field>
            </DataList>
          </Paper>
          <Text size="xs" c="dimmed">
            Changing the likelihood, the impact or the treatment withdraws this acceptance; the residual risk must then be accepted again.
          </Text>
        </Stack>
      ) : (
        <Stack gap="md">
          <Group gap="xs" align="center">
            <Text size="sm" fw={500}>
              Not accepted.
            </Text>
            {risk.needsAttention ? (
              <Badge size="sm" radius="sm" color="red" tt="none">
                Needs attention
              </Badge>
            ) : null}
          </Group>
          {level ? (
            <Text size="sm" id={ruleId} data-testid="acceptance-rule">
              A <b>{level.label}</b> residual risk may be accepted by: {roleList(allowed)}.
              {!mayAccept ? ` Your role: ${roleLabels[role]}.` : ''}
            </Text>
          ) : null}
          {missing.length ? (
            <Alert color="gray" variant="light" title="Before it can be accepted">
              <List size="sm">
                {missing.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          {canWriteRisks(role) && level ? (
            <Stack gap="sm" maw={720}>
              {mayAccept ? (
                <Textarea
                  label="Comment"
                  description="Why the residual risk is acceptable, and any conditions (recorded with the acceptance)"
                  maxLength={4000}
                  autosize
                  minRows={2}
                  maxRows={6}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                />
              ) : null}
              <ErrorAlert error={accept.error} title="The residual risk was not accepted" />
              <Group>
                {mayAccept ? (
                  <Button
                    onClick={() =>
                      accept.mutate(
                        { id: risk.id, comment: comment.trim(), version: risk.version },
                        {
                          onSuccess: (saved) => {
                            setComment('');
                            onAccepted(saved);
                          },
                        },
                      )
                    }
                    loading={accept.isPending}
                    disabled={missing.length > 0}
                    aria-describedby={ruleId}
                  >
                    Accept residual risk
                  </Button>
                ) : (
                  <Tooltip label={`A ${level.label} residual risk may be accepted by: ${roleList(allowed)}.`} withArrow multiline w={280}>
                    <Button data-disabled aria-disabled="true" aria-describedby={ruleId} onClick={(e) => e.preventDefault()}>
                      Accept residual risk
                    </Button>
                  </Tooltip>
                )}
                {mayAccept ? (
                  <Text size="xs" c="dimmed">
                    Changing the likelihood, the impact or the treatment later withdraws the acceptance.
                  </Text>
                ) : null}
              </Group>
            </Stack>
          ) : null}
        </Stack>
      )}
      <AcceptanceRules criteria={criteria} current={level?.id ?? null} />
    </Section>
  );
}
