import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { catalogPaths, ISO_42001, type FrameworkSummary } from './api.ts';
import { OriginBadge } from './CatalogBadges.tsx';
import { describeKinds } from './labels.ts';

/** ISO/IEC 42001 first, then the other built-in frameworks, then the organization's own. */
export function sortFrameworks(frameworks: FrameworkSummary[]): FrameworkSummary[] {
  const rank = (f: FrameworkSummary) => (f.id === ISO_42001 ? 0 : f.origin === 'built-in' ? 1 : 2);
  return [...frameworks].sort((a, b) => rank(a) - rank(b) || a.shortName.localeCompare(b.shortName));
}

function FrameworkCard({ org, framework }: { org: string; framework: FrameworkSummary }) {
  return (
    <Paper withBorder radius="md" p="lg" component="article" data-framework-id={framework.id} aria-labelledby={`fw-${framework.id}`}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} miw={0}>
            <Anchor component={Link} to={catalogPaths.framework(org, framework.id)} fw={650} size="lg" id={`fw-${framework.id}`}>
              {framework.shortName}
            </Anchor>
            <Text size="sm" c="dimmed" lineClamp={2} title={framework.name}>
              {framework.name}
            </Text>
          </Stack>
          <OriginBadge origin={framework.origin} />
        </Group>
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Badge size="sm" variant="default" radius="sm">
            Version {framework.version}
          </Badge>
          <Text size="xs" c="dimmed" truncate="end" title={framework.publisher}>
            {framework.publisher}
          </Text>
        </Group>
        <Text size="sm" mt="auto">
          <Text span fw={600}>
            {framework.requirementCount} items
          </Text>
          <Text span c="dimmed">
            {' · '}
            {describeKinds(framework.kinds).join(' · ')}
          </Text>
        </Text>
      </Stack>
    </Paper>
  );
}

export function FrameworkList({ org, frameworks }: { org: string; frameworks: FrameworkSummary[] }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {sortFrameworks(frameworks).map((framework) => (
        <FrameworkCard key={framework.id} org={org} framework={framework} />
      ))}
    </SimpleGrid>
  );
}
