import { Alert, Badge, Button, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { useCriteriaVersions, useRiskCriteria, type RiskCriteria } from './api.ts';
import { CriteriaEditor } from './CriteriaEditor.tsx';
import { CriteriaView } from './CriteriaView.tsx';
import { canApproveRisks } from './labels.ts';
import { RisksNav } from './RisksNav.tsx';

function VersionList({ org, currentNumber }: { org: string; currentNumber: number }) {
  const versions = useCriteriaVersions(org);
  const [viewing, setViewing] = useState<RiskCriteria | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="criteria-versions">
      <Stack gap={2}>
        <Title order={2} size="h4" id="criteria-versions">
          Versions
        </Title>
        <Text size="sm" c="dimmed">
          Every saved version of the risk criteria, newest first. Each risk says which version its levels were computed with.
        </Text>
      </Stack>
      <Paper withBorder radius="md">
        {versions.isPending ? (
          <LoadingState label="Loading the versions…" />
        ) : versions.isError ? (
          <Stack p="md">
            <ErrorAlert error={versions.error} title="Could not load the versions" />
          </Stack>
        ) : versions.data.length === 0 ? (
          <EmptyMessage title="No versions yet" />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="Risk criteria versions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={120}>Version</Table.Th>
                  <Table.Th w={190}>Saved</Table.Th>
                  <Table.Th w={180}>By</Table.Th>
                  <Table.Th>Note</Table.Th>
                  <Table.Th w={90}>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.data.map((v) => (
                  <Table.Tr key={v.number} data-version={v.number}>
                    <Table.Td>
                      <Text size="sm" fw={600} span>
                        {v.isDefault ? 'Built-in' : v.number}
                      </Text>{' '}
                      {v.number === currentNumber ? (
                        <Badge size="xs" radius="sm" variant="light" color="teal" tt="none">
                          current
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{v.createdAt ? formatDateTime(v.createdAt) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{v.createdBy ?? 'Trellis'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={v.note ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-line' }}>
                        {v.note || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={() => setViewing(v)}
                        aria-label={v.isDefault ? 'View the built-in criteria' : `View version ${v.number}`}
                      >
                        View
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? (viewing.isDefault ? 'Built-in risk criteria' : `Risk criteria version ${viewing.number}`) : ''}
        size="80rem"
        centered
      >
        {viewing ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {viewing.createdAt
                ? `Saved ${formatDateTime(viewing.createdAt)} by ${viewing.createdBy ?? 'unknown'}.`
                : 'Shipped with Trellis.'}
              {viewing.note ? ` ${viewing.note}` : ''}
            </Text>
            <CriteriaView content={viewing.content} />
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

/** `/orgs/:org/risks/criteria`: the risk criteria (6.1.1), their editor for owners and AIMS managers, and their versions. */
export function CriteriaPage() {
  const org = useCurrentOrg();
  const criteria = useRiskCriteria(org.slug);
  const { flash, show, clear } = useFlash();
  const [editing, setEditing] = useState(false);
  const mayEdit = canApproveRisks(org.role);

  return (
    <>
      <PageHeader
        title="Risk criteria"
        description="How your organization estimates and evaluates AI risks (ISO/IEC 42001 6.1.1): the likelihood and impact scales, the levels and the matrix that combines them, which risks must be treated, and who may accept a residual risk of each level."
        actions={
          mayEdit && !editing && criteria.data ? (
            <Button onClick={() => setEditing(true)}>{criteria.data.isDefault ? 'Adapt the criteria' : 'Edit criteria'}</Button>
          ) : null
        }
      />
      <RisksNav org={org.slug} current="criteria" />
      <FlashMessage flash={flash} onClose={clear} />
      {criteria.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Loading the risk criteria…" />
        </Paper>
      ) : criteria.isError ? (
        <ErrorAlert error={criteria.error} title="Could not load the risk criteria" />
      ) : (
        <Stack gap="xl">
          {editing ? (
            <Paper withBorder radius="md" p="lg">
              <CriteriaEditor
                org={org.slug}
                current={criteria.data}
                onCancel={() => setEditing(false)}
                onSaved={(saved) => {
                  setEditing(false);
                  show(
                    'success',
                    `Version ${saved.number} is now in force. Existing risks keep their levels until they are scored again.`,
                    'Risk criteria saved',
                  );
                }}
              />
            </Paper>
          ) : (
            <Stack gap="md">
              {criteria.data.isDefault ? (
                <Alert color="blue" variant="light" title="The built-in criteria are in use">
                  Trellis starts every organization with a 5 × 5 matrix and four levels. Adapt them to your risk appetite and context.
                  {mayEdit ? '' : ' Owners and AIMS managers can change them.'}
                </Alert>
              ) : (
                <Text size="sm" c="dimmed">
                  Version {criteria.data.number}, saved {formatDateTime(criteria.data.createdAt)} by {criteria.data.createdBy ?? 'unknown'}.
                  {criteria.data.note ? ` “${criteria.data.note}”` : ''}
                </Text>
              )}
              <CriteriaView content={criteria.data.content} />
              <Text size="xs" c="dimmed">
                Changing the criteria does not re-score existing risks: each keeps the levels computed with the version it was scored with
                until someone scores it again.
              </Text>
            </Stack>
          )}
          <VersionList org={org.slug} currentNumber={criteria.data.number} />
        </Stack>
      )}
    </>
  );
}
