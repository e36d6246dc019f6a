import { Badge, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { roleColors, roleDescriptions, roleLabels, roleOrder } from '../../lib/roles.ts';

/** What each role may do, so an owner can choose well. */
export function RolesLegend() {
  return (
    <Paper withBorder radius="md" p="md" mt="lg" component="section" aria-labelledby="roles-legend-title">
      <Title order={2} size="h5" mb="sm" id="roles-legend-title">
        About roles
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
        {roleOrder.map((role) => (
          <Stack key={role} gap={4}>
            <Badge variant="light" color={roleColors[role]} w="fit-content">
              {roleLabels[role]}
            </Badge>
            <Text size="xs" c="dimmed">
              {roleDescriptions[role]}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
