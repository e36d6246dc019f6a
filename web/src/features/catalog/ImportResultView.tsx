import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { CatalogImportResult, ItemChanges } from './api.ts';

function ChangeList({ label, ids, color }: { label: string; ids: string[]; color: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label} ({ids.length})
      </Text>
      {ids.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Group gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
          {ids.map((id) => (
            <Badge key={id} component="li" variant="light" color={color} radius="sm" tt="none" ff="monospace">
              {id}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function Changes({ changes }: { changes: ItemChanges }) {
  const none = changes.added.length + changes.removed.length + changes.changed.length === 0;
  if (none) return <Text size="sm">No item changed: the new version has the same items as the previous one.</Text>;
  return (
    <Stack gap="sm">
      <ChangeList label="Added" ids={changes.added} color="teal" />
      <ChangeList label="Removed" ids={changes.removed} color="red" />
      <ChangeList label="Changed" ids={changes.changed} color="yellow" />
      {changes.removed.length > 0 ? (
        <Text size="xs" c="dimmed">
          Removed items stay in the previous version; work linked to them needs a new home.
        </Text>
      ) : null}
    </Stack>
  );
}

/** What an import loaded: the framework or crosswalk, its version and, for a new version, what changed. */
export function ImportResultView({ result }: { result: CatalogImportResult }) {
  const isFramework = result.type === 'framework';
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light" title={isFramework ? 'Framework imported' : 'Crosswalk imported'} role="status">
        <Text size="sm">
          {isFramework ? 'The framework ' : 'The crosswalk '}
          <Text span ff="monospace" fw={600}>
            {result.id}
          </Text>
          {isFramework ? `, version ${result.version}, ` : ' '}
          was loaded with {result.itemCount} {isFramework ? 'items' : 'links'}.
          {result.previousVersion
            ? ` It replaces ${isFramework ? `version ${result.previousVersion}` : 'the earlier upload'}, which is kept as superseded.`
            : ''}
        </Text>
      </Alert>
      {result.changes ? (
        <Stack gap="xs">
          <Text fw={600}>Changes since version {result.previousVersion}</Text>
          <Changes changes={result.changes} />
        </Stack>
      ) : null}
    </Stack>
  );
}
