import { ActionIcon, Anchor, Box, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { evidencePaths, useLinkEvidence, useUnlinkEvidence, type EvidenceDetail, type EvidenceLink } from './api.ts';
import { fieldError } from './form-errors.ts';
import { targetTypeLabels } from './labels.ts';
import { LinkTargetsPicker } from './LinkTargetsPicker.tsx';
import { objectivePaths } from '../objectives/api.ts';
import { Section } from '../risks/Section.tsx';
import { emptySelection, linkName, OWN_CONTROLS, selectionCount, targetsOfLink, toLinkTargets, type LinkSelection } from './targets.ts';

const types = ['control', 'requirement', 'risk', 'ai-system', 'objective'] as const;

function pathOf(org: string, link: EvidenceLink): string {
  switch (link.type) {
    case 'control':
      return evidencePaths.control(org, link.framework, link.target);
    case 'requirement':
      return evidencePaths.requirement(org, link.framework, link.target);
    case 'risk':
      return evidencePaths.risk(org, link.target);
    case 'ai-system':
      return evidencePaths.system(org, link.target);
    case 'objective':
      return objectivePaths.objective(org, link.ref ?? link.target);
  }
}

function AddLinksModal({
  org,
  item,
  opened,
  onClose,
  onSaved,
}: {
  org: string;
  item: EvidenceDetail;
  opened: boolean;
  onClose: () => void;
  onSaved: (saved: EvidenceDetail) => void;
}) {
  const link = useLinkEvidence(org, item.id);
  const [selection, setSelection] = useState<LinkSelection>(emptySelection);
  return (
    <Modal opened={opened} onClose={onClose} title="Link to more" size="xl" centered>
      <form
        noValidate
        aria-label="Link to more"
        onSubmit={(e) => {
          e.preventDefault();
          link.mutate(toLinkTargets(selection), { onSuccess: onSaved });
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Choose the controls, requirements, risks, AI systems and AI objectives {item.ref} also supports. Existing links stay as they
            are.
          </Text>
          {link.error &&
          !fieldError(link.error, 'controls') &&
          !fieldError(link.error, 'requirements') &&
          !fieldError(link.error, 'risks') &&
          !fieldError(link.error, 'systems') &&
          !fieldError(link.error, 'objectives') ? (
            <ErrorAlert error={link.error} title="Could not link" />
          ) : null}
          <LinkTargetsPicker org={org} value={selection} onChange={setSelection} errorOf={(f) => fieldError(link.error, f)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={link.isPending} disabled={selectionCount(selection) === 0}>
              Add links
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export interface LinksSectionProps {
  org: string;
  item: EvidenceDetail;
  mayWrite: boolean;
  onChanged: (message: string) => void;
}

/** What the evidence supports, by kind of target; editors add and remove links. */
export function LinksSection({ org, item, mayWrite, onChanged }: LinksSectionProps) {
  const [adding, setAdding] = useState(false);
  const unlink = useUnlinkEvidence(org, item.id);
  return (
    <Section
      id="links"
      title="What it supports"
      description="The controls and requirements this evidence shows are in place, and the risks, AI systems and AI objectives it is about. The SoA counts a control’s evidence from these links."
      actions={
        mayWrite ? (
          <Button variant="default" onClick={() => setAdding(true)}>
            Add links
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={unlink.error} title="Could not remove the link" onClose={() => unlink.reset()} />
      {item.links.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          Not linked to anything yet.
        </Text>
      ) : (
        <Stack gap="md">
          {types.map((type) => {
            const links = item.links.filter((l) => l.type === type);
            if (links.length === 0) return null;
            return (
              <Stack key={type} gap={4} component="section" aria-label={targetTypeLabels[type]}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {targetTypeLabels[type]}
                </Text>
                <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {links.map((l) => (
                    <Box component="li" key={`${l.framework}|${l.target}`} py={3} data-link={`${l.type}:${l.ref ?? l.target}`}>
                      <Group gap="xs" wrap="nowrap" justify="space-between">
                        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                          <Anchor component={Link} to={pathOf(org, l)} size="sm" lineClamp={1}>
                            <Text span ff="monospace" fw={600} size="sm">
                              {l.ref ?? l.target}
                            </Text>{' '}
                            {l.title ?? (
                              <Text span c="dimmed" size="sm" fs="italic">
                                (no longer exists)
                              </Text>
                            )}
                          </Anchor>
                          {l.type === 'control' && l.framework === OWN_CONTROLS ? (
                            <Text size="xs" c="dimmed">
                              own control
                            </Text>
                          ) : null}
                        </Group>
                        {mayWrite ? (
                          <Tooltip label="Remove this link" withArrow openDelay={300}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Remove the link to ${linkName(l)}`}
                              disabled={unlink.isPending}
                              onClick={() =>
                                unlink.mutate(targetsOfLink(l), { onSuccess: () => onChanged(`The link to ${linkName(l)} was removed.`) })
                              }
                            >
                              <svg
                                width={16}
                                height={16}
                                viewBox="0 0 24 24"
                                fill="none"
                                stroke="currentColor"
                                strokeWidth={2}
                                aria-hidden="true"
                              >
                                <path d="M6 6l12 12M18 6L6 18" />
                              </svg>
                            </ActionIcon>
                          </Tooltip>
                        ) : null}
                      </Group>
                    </Box>
                  ))}
                </Box>
              </Stack>
            );
          })}
        </Stack>
      )}
      {adding ? (
        <AddLinksModal
          org={org}
          item={item}
          opened={adding}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            const added = saved.links.length - item.links.length;
            onChanged(added > 0 ? `${added} ${added === 1 ? 'link was' : 'links were'} added.` : 'Those links existed already.');
          }}
        />
      ) : null}
    </Section>
  );
}
