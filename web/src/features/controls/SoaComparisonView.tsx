import { Alert, Anchor, Box, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { controlPaths, type SoaComparison } from './api.ts';
import { compareFieldLabels, compareValueText, plural } from './labels.ts';

function sideName(side: SoaComparison['from']): string {
  return side.version ? `version ${side.version.number}` : 'the live SoA';
}

/** What changed between two SoAs: per control, each compared field before → after. */
export function SoaComparisonView({ org, comparison }: { org: string; comparison: SoaComparison }) {
  const { changed, added, removed, unchanged } = comparison;
  const nothing = changed.length === 0 && added.length === 0 && removed.length === 0;
  return (
    <Stack gap="sm">
      <Text size="sm" role="status" data-testid="comparison-summary">
        From {sideName(comparison.from)} to {sideName(comparison.to)}: {plural(changed.length, 'control')} changed, {unchanged} unchanged
        {added.length ? `, ${added.length} added` : ''}
        {removed.length ? `, ${removed.length} removed` : ''}.
      </Text>
      {added.length || removed.length ? (
        <Alert color="blue" variant="light" title="Controls added or removed">
          <Stack gap={2}>
            {added.map((c) => (
              <Text size="sm" key={`+${c.framework}|${c.control}`}>
                Added: {c.control} {c.title}
              </Text>
            ))}
            {removed.map((c) => (
              <Text size="sm" key={`-${c.framework}|${c.control}`}>
                Removed: {c.control} {c.title}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        {nothing ? (
          <EmptyMessage title="No differences" description="Every control reads the same in both." />
        ) : changed.length === 0 ? null : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label="Changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="30%">Control</Table.Th>
                  <Table.Th>What changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changed.map((c) => (
                  <Table.Tr key={`${c.framework}|${c.control}`} data-control={c.control} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Anchor component={Link} to={controlPaths.control(org, c.framework, c.control)} size="sm">
                        <Text span ff="monospace" fw={700} size="sm">
                          {c.control}
                        </Text>{' '}
                        {c.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Box component="ul" m={0} pl="md">
                        {c.changes.map((change) => (
                          <Text component="li" size="sm" key={change.field} data-field={change.field}>
                            <Text span fw={600}>
                              {compareFieldLabels[change.field]}:
                            </Text>{' '}
                            <Text span c="dimmed" td="line-through">
                              {compareValueText(change.field, change.from)}
                            </Text>{' '}
                            → <Text span>{compareValueText(change.field, change.to)}</Text>
                          </Text>
                        ))}
                      </Box>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
