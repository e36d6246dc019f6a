import { Badge, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useFrameworkVersions, type DocumentVersion } from './api.ts';

function describeChanges(changes: DocumentVersion['changes']): string {
  if (!changes) return 'First version';
  const parts = [
    changes.added.length ? `${changes.added.length} added` : '',
    changes.removed.length ? `${changes.removed.length} removed` : '',
    changes.changed.length ? `${changes.changed.length} changed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No item changed';
}

/** The versions of an organization's framework, newest first, with what changed in each. */
export function FrameworkVersions({ org, framework }: { org: string; framework: string }) {
  const versions = useFrameworkVersions(org, framework, true);
  if (versions.isPending)
    return (
      <Text size="sm" c="dimmed">
        Loading versions…
      </Text>
    );
  if (versions.isError) return <ErrorAlert error={versions.error} title="Could not load the versions" />;
  return (
    <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Versions">
      {versions.data.map((v) => (
        <Stack key={v.version} gap={2} component="li">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              Version {v.version}
            </Text>
            <Badge size="xs" variant={v.status === 'current' ? 'light' : 'outline'} color={v.status === 'current' ? 'teal' : 'gray'}>
              {v.status === 'current' ? 'Current' : 'Superseded'}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {v.createdAt ? `${formatDateTime(v.createdAt)} · ` : ''}
            {describeChanges(v.changes)}
          </Text>
          {v.changes && v.changes.added.length + v.changes.removed.length + v.changes.changed.length > 0 ? (
            <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: 'break-word' }}>
              {[
                ...v.changes.added.map((id) => `+${id}`),
                ...v.changes.removed.map((id) => `−${id}`),
                ...v.changes.changed.map((id) => `~${id}`),
              ].join('  ')}
            </Text>
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}
