import { Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canManageOrganization } from '../../lib/roles.ts';
import { useOrganization, useRenameOrganization, type OrganizationView } from './api.ts';
import { useCurrentOrg } from './current-org.tsx';

function CopyableCode({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
          <UnstyledButton onClick={copy} aria-label={`Copy ${label}`}>
            <Code fz="sm">{value}</Code>
          </UnstyledButton>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export function OrganizationSettingsPage() {
  const org = useCurrentOrg();
  const organization = useOrganization(org.slug);
  const isOwner = canManageOrganization(org.role);
  const flash = useFlash();
  // Owned here, not by the form: the form remounts when the version changes, and the
  // mutation's callbacks must outlive it.
  const rename = useRenameOrganization(org.slug);

  return (
    <>
      <PageHeader title="Organization settings" description="The organization's name and identifiers." />
      <FlashMessage flash={flash.flash} onClose={flash.clear} />
      {organization.isPending ? (
        <LoadingState />
      ) : organization.isError ? (
        <ErrorAlert error={organization.error} title="Could not load the organization" />
      ) : (
        <Stack gap="lg" maw={720}>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="md">
              Name
            </Title>
            {isOwner ? (
              <RenameForm key={organization.data.version} organization={organization.data} flash={flash} rename={rename} />
            ) : (
              <Stack gap="xs">
                <Text>{organization.data.name}</Text>
                <Text size="sm" c="dimmed">
                  Only owners can rename the organization.
                </Text>
              </Stack>
            )}
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h4" mb="md">
              Identifiers
            </Title>
            <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing="xs">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={140}>Slug</Table.Th>
                  <Table.Td>
                    <CopyableCode value={organization.data.slug} label="slug" />
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>ID</Table.Th>
                  <Table.Td>
                    <CopyableCode value={organization.data.id} label="organization ID" />
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Created</Table.Th>
                  <Table.Td>{formatDateTime(organization.data.createdAt)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Last changed</Table.Th>
                  <Table.Td>{formatDateTime(organization.data.updatedAt)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="sm">
              The API and the CLI accept either the slug or the ID wherever an organization is named.
            </Text>
          </Paper>
        </Stack>
      )}
    </>
  );
}

interface RenameFormProps {
  organization: OrganizationView;
  flash: ReturnType<typeof useFlash>;
  rename: ReturnType<typeof useRenameOrganization>;
}

function RenameForm({ organization, flash, rename }: RenameFormProps) {
  const org = useCurrentOrg();
  const [name, setName] = useState(organization.name);
  const { show, clear } = flash;
  const current = useOrganization(org.slug);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    rename.mutate(
      { name: name.trim(), version: organization.version },
      {
        onSuccess: (updated) => show('success', `The organization is now called “${updated.name}”.`, 'Saved'),
        onError: (error) => {
          if (isApiError(error, 'version_conflict')) {
            show(
              'warning',
              'Someone else changed the organization meanwhile, so it has been reloaded. Check the name and save again.',
              'Not saved',
            );
            void current.refetch();
          }
        },
      },
    );
  };
  const apiError = isApiError(rename.error) && rename.error.code !== 'version_conflict' ? rename.error : null;
  const unchanged = name.trim() === organization.name;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {apiError ? <ErrorAlert error={apiError} title="Could not rename" /> : null}
        <TextInput
          label="Organization name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={apiError?.fieldError('name')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={rename.isPending} disabled={unchanged || !name.trim()}>
            Save name
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
