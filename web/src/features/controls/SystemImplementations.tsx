import { Alert, Anchor, Button, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { SystemSelect, type SystemChoice } from '../impact/SystemSelect.tsx';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { Section } from '../risks/Section.tsx';
import { controlPaths, useImplementation, useSystemImplementations, type ControlImplementationDetail } from './api.ts';
import { ApplicabilityBadge, ImplementationStatusBadge } from './ControlBadges.tsx';
import { DecisionForm } from './DecisionForm.tsx';

interface SystemDecisionModalProps {
  org: string;
  framework: string;
  control: string;
  /** The AI system to edit; null to choose one first. */
  system: SystemChoice | null;
  onClose: () => void;
  onSaved: (saved: ControlImplementationDetail) => void;
}

function SystemDecision({
  org,
  framework,
  control,
  system,
  onClose,
  onSaved,
}: Omit<SystemDecisionModalProps, 'system'> & { system: SystemChoice }) {
  const impl = useImplementation(org, framework, control, system.id);
  if (impl.isPending) return <LoadingState label={`Loading ${control} for ${system.ref}…`} minHeight={120} />;
  if (impl.isError) return <ErrorAlert error={impl.error} title="Could not load the decision for this AI system" />;
  return (
    <Stack gap="md">
      {impl.data.riskCount > 0 ? (
        <Text size="sm" c="dimmed">
          The treatment of {impl.data.riskCount} open {impl.data.riskCount === 1 ? 'risk' : 'risks'} of {system.ref} names this control.
        </Text>
      ) : null}
      <DecisionForm key={system.id} org={org} impl={impl.data} label={`Decision for ${system.ref}`} onCancel={onClose} onSaved={onSaved} />
    </Stack>
  );
}

/** Records or changes a control's decision for one AI system, chosen first when it is a new one. */
function SystemDecisionModal({ org, framework, control, system, onClose, onSaved }: SystemDecisionModalProps) {
  const [chosen, setChosen] = useState<SystemChoice | null>(system);
  const current = system ?? chosen;
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={current ? `${control} for ${current.ref} · ${current.name}` : `${control} for an AI system`}
    >
      <Stack gap="md">
        {system === null ? (
          <SystemSelect
            org={org}
            value={chosen}
            onChange={setChosen}
            label="AI system"
            description="The system this decision is for; it applies on top of the organization-level one."
            autoFocus
          />
        ) : null}
        {current ? (
          <SystemDecision org={org} framework={framework} control={control} system={current} onClose={onClose} onSaved={onSaved} />
        ) : null}
      </Stack>
    </Modal>
  );
}

export interface SystemImplementationsProps {
  org: string;
  framework: string;
  control: string;
  mayWrite: boolean;
  onSaved: (saved: ControlImplementationDetail) => void;
}

/** The control's decisions for single AI systems: where one system needs it differently from the organization as a whole. */
export function SystemImplementations({ org, framework, control, mayWrite, onSaved }: SystemImplementationsProps) {
  const list = useSystemImplementations(org, framework, control);
  // Each opening mounts a fresh modal (its own choice of system and form state).
  const [editing, setEditing] = useState<{ key: number; system: SystemChoice | null } | null>(null);
  const [openings, setOpenings] = useState(0);
  const open = (system: SystemChoice | null) => {
    setOpenings(openings + 1);
    setEditing({ key: openings + 1, system });
  };
  return (
    <Section
      id="systems"
      title="AI systems"
      description="Decisions for single AI systems, where one needs the control differently from the organization as a whole: included for it, excluded with a justification, or implemented its own way."
      actions={
        mayWrite ? (
          <Button variant="default" onClick={() => open(null)}>
            Add for an AI system
          </Button>
        ) : null
      }
    >
      <Paper withBorder radius="md">
        {list.isPending ? (
          <LoadingState label="Loading the AI systems…" minHeight={100} />
        ) : list.isError ? (
          <Stack p="md">
            <ErrorAlert error={list.error} title="Could not load the AI-system decisions" />
          </Stack>
        ) : list.data.items.length === 0 ? (
          <EmptyMessage
            title="No AI-system decisions"
            description="The organization-level decision covers every AI system. Add one where a system differs."
          />
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label="AI-system decisions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>AI system</Table.Th>
                  <Table.Th w={150}>Applicability</Table.Th>
                  <Table.Th w={170}>Status</Table.Th>
                  <Table.Th w={170}>Owner</Table.Th>
                  <Table.Th w={130}>Review</Table.Th>
                  {mayWrite ? <Table.Th w={80} aria-label="Actions" /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((item) => {
                  const system = item.system;
                  if (!system) return null;
                  return (
                    <Table.Tr key={item.id ?? system.id} data-system={system.ref} style={{ verticalAlign: 'top' }}>
                      <Table.Td>
                        <Anchor component={Link} to={controlPaths.system(org, system.id)} size="sm">
                          <Text span ff="monospace" size="sm" fw={600}>
                            {system.ref}
                          </Text>{' '}
                          {system.name}
                        </Anchor>
                        {item.applicable === false && item.exclusionJustification ? (
                          <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
                            {item.exclusionJustification}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <ApplicabilityBadge applicable={item.applicable} />
                      </Table.Td>
                      <Table.Td>
                        <ImplementationStatusBadge status={item.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }} c={item.owner ? undefined : 'dimmed'}>
                          {item.owner || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <DueDate day={item.reviewDue} overdue={item.reviewOverdue} />
                      </Table.Td>
                      {mayWrite ? (
                        <Table.Td>
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => open(system)}
                            aria-label={`Edit the decision for ${system.ref}`}
                          >
                            Edit
                          </Button>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {list.data && !list.data.complete ? (
        <Alert color="yellow" variant="light">
          Only the first AI-system decisions are listed: the organization records more than this page reads.
        </Alert>
      ) : null}
      {mayWrite && editing ? (
        <SystemDecisionModal
          key={editing.key}
          org={org}
          framework={framework}
          control={control}
          system={editing.system}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            onSaved(saved);
          }}
        />
      ) : null}
    </Section>
  );
}
