import { Alert, Anchor, Box, Button, Group, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { AlertTriangleIcon } from '../../lib/components/icons.tsx';
import { formatDate } from '../../lib/format.ts';
import { riskPaths, useReassessmentStatus } from './api.ts';
import { formatDay } from './labels.ts';

/**
 * Says when a risk assessment is due (8.2): the planned interval has passed, an in-scope AI system
 * changed significantly since the last approved one, or none was ever approved.
 */
export function ReassessmentBanner({ org, mayWrite }: { org: string; mayWrite: boolean }) {
  const status = useReassessmentStatus(org);
  if (!status.data?.due) return null;
  const { reasons, changedSystems, lastApproved } = status.data;
  return (
    <Alert
      color="yellow"
      variant="light"
      title="A risk assessment is due"
      icon={<AlertTriangleIcon size={18} />}
      mb="lg"
      data-testid="reassessment-due"
    >
      <Stack gap="xs">
        <List size="sm" spacing={2}>
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
        {changedSystems.length > 0 ? (
          <Box>
            <Text size="sm" fw={600}>
              Changed AI systems
            </Text>
            <List size="sm" spacing={2}>
              {changedSystems.slice(0, 8).map((system) => (
                <List.Item key={system.id}>
                  <Anchor component={Link} to={riskPaths.system(org, system.id)} size="sm">
                    {system.ref} {system.name}
                  </Anchor>{' '}
                  <Text span size="sm" c="dimmed">
                    — {system.change}, {formatDate(system.changedAt)}
                  </Text>
                </List.Item>
              ))}
              {changedSystems.length > 8 ? <List.Item>and {changedSystems.length - 8} more</List.Item> : null}
            </List>
          </Box>
        ) : null}
        <Group gap="sm" justify="space-between" align="center">
          <Text size="xs" c="dimmed">
            {lastApproved
              ? `Last approved assessment: ${lastApproved.ref}, performed ${formatDay(lastApproved.performedOn)}.`
              : 'Assess the risks of your AI systems at planned intervals and when significant changes occur (ISO/IEC 42001 8.2).'}
          </Text>
          {mayWrite ? (
            <Button component={Link} to={riskPaths.assessments(org, true)} size="xs" variant="filled" color="yellow" c="dark.8">
              Start a risk assessment
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
