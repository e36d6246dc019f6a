import { Anchor, Box, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { seg } from '../../lib/api.ts';
import { formatDay } from '../risks/labels.ts';
import { RelationshipBadge } from '../catalog/CatalogBadges.tsx';
import type { ItemDetail, Relationship } from '../catalog/api.ts';
import { useFrameworks } from '../catalog/api.ts';
import { Section } from '../risks/Section.tsx';
import { controlPaths, type ControlImplementationDetail, type SoaRow } from './api.ts';
import { EvidenceStateBadge } from './ControlBadges.tsx';
import { plural } from './labels.ts';

/** The catalog's summary of the control, in plain words, with what an auditor asks for. */
export function AboutSection({
  org,
  item,
  framework,
  failed,
}: {
  org: string;
  item: ItemDetail['item'] | undefined;
  framework: string;
  /** True when the catalog entry could not be loaded. */
  failed: boolean;
}) {
  return (
    <Section id="about" title="About this control" description="From the catalog, in plain words.">
      {item ? (
        <Stack gap="sm">
          {item.summary ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }} lh={1.6}>
              {item.summary}
            </Text>
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              The catalog has no summary of this control.
            </Text>
          )}
          {item.auditorAsks?.length ? (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                What an auditor asks to see
              </Text>
              <List size="sm" spacing={2}>
                {item.auditorAsks.map((ask) => (
                  <List.Item key={ask}>{ask}</List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          <Anchor component={Link} to={controlPaths.catalogItem(org, framework, item.id)} size="sm">
            Guidance and mappings in the catalog
          </Anchor>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {failed ? 'The catalog entry of this control could not be loaded.' : 'Loading the catalog entry…'}
        </Text>
      )}
    </Section>
  );
}

/** The open risks whose treatment names the control: the reason it is needed. */
export function RisksSection({ org, impl }: { org: string; impl: ControlImplementationDetail }) {
  return (
    <Section
      id="risks"
      title="Risks that need it"
      description="Open risks whose treatment names this control. They make it applicable and justify it in the SoA (6.1.3)."
    >
      {impl.riskCount === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          No open risk’s treatment names this control.
        </Text>
      ) : (
        <Stack gap={6}>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Risks that need it">
            {impl.risks.map((risk) => (
              <Box component="li" key={risk.id} py={2}>
                <Anchor component={Link} to={controlPaths.risk(org, risk.ref)} size="sm">
                  <Text span ff="monospace" fw={600} size="sm">
                    {risk.ref}
                  </Text>{' '}
                  {risk.title}
                </Anchor>
              </Box>
            ))}
          </Box>
          {impl.riskCount > impl.risks.length ? (
            <Text size="xs" c="dimmed">
              Showing {impl.risks.length} of {plural(impl.riskCount, 'risk')}.
            </Text>
          ) : null}
        </Stack>
      )}
    </Section>
  );
}

/** The evidence linked to the control, as the SoA lists it, with a way to add more. */
export function EvidenceSection({
  org,
  row,
  framework,
  control,
  mayWrite,
}: {
  org: string;
  row: SoaRow | undefined;
  framework: string;
  control: string;
  mayWrite: boolean;
}) {
  const linked = new URLSearchParams({ control: framework === 'iso42001-2023' ? control : `${framework}:${control}` });
  return (
    <Section
      id="evidence"
      title="Evidence"
      description="Documented information showing the control is in place and works. Expired evidence is flagged in the SoA."
      actions={
        mayWrite ? (
          <Button
            component={Link}
            to={`/orgs/${seg(org)}/evidence/new?${new URLSearchParams({ framework, control }).toString()}`}
            variant="default"
          >
            Add evidence
          </Button>
        ) : null
      }
    >
      {!row ? (
        <Text size="sm" c="dimmed">
          Loading the evidence…
        </Text>
      ) : row.evidenceCount === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          No evidence is linked to this control yet.
        </Text>
      ) : (
        <Stack gap={6}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" withTableBorder aria-label="Evidence">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Ref</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th w={100}>Kind</Table.Th>
                  <Table.Th w={130}>Review or expiry</Table.Th>
                  <Table.Th w={100}>State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {row.evidence.map((e) => (
                  <Table.Tr key={e.id} data-evidence={e.ref}>
                    <Table.Td>
                      <Anchor component={Link} to={controlPaths.evidence(org, e.ref)} size="sm" ff="monospace">
                        {e.ref}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={controlPaths.evidence(org, e.ref)} size="sm">
                        {e.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.kind}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDay(e.reviewDue)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <EvidenceStateBadge state={e.state} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {row.evidenceCurrent} current, {row.evidenceExpired} expired
              {row.evidenceCount > row.evidence.length ? ` · showing ${row.evidence.length} of ${row.evidenceCount}` : ''}
            </Text>
            <Anchor component={Link} to={`/orgs/${seg(org)}/evidence?${linked.toString()}`} size="xs">
              Open in the evidence list
            </Anchor>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

/** Catalog items of other frameworks the control also supports, through the crosswalks. */
export function AlsoSupportsSection({ org, impl }: { org: string; impl: ControlImplementationDetail }) {
  const frameworks = useFrameworks(org);
  const nameOf = (id: string) => frameworks.data?.find((f) => f.id === id)?.shortName ?? id;
  const groups = new Map<string, ControlImplementationDetail['alsoSupports']>();
  for (const item of impl.alsoSupports) groups.set(item.framework, [...(groups.get(item.framework) ?? []), item]);
  return (
    <Section
      id="also-supports"
      title="Also supports"
      description="Implementing this control also counts toward these requirements of other frameworks (from the catalog’s crosswalks)."
    >
      {groups.size === 0 ? (
        <Text size="sm" c="dimmed" fs="italic">
          No crosswalk links this control to another framework.
        </Text>
      ) : (
        <Stack gap="md">
          {[...groups.entries()].map(([framework, items]) => (
            <Stack key={framework} gap={4} component="section" aria-label={nameOf(framework)}>
              <Text size="sm" fw={600}>
                {nameOf(framework)}
              </Text>
              <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {items.map((item) => (
                  <Box component="li" key={item.item} py={3}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <RelationshipBadge relationship={item.relationship as Relationship} />
                      <Anchor component={Link} to={controlPaths.catalogItem(org, framework, item.item)} size="sm" lineClamp={2}>
                        <Text span ff="monospace" fw={600} size="sm">
                          {item.item}
                        </Text>{' '}
                        {item.title}
                      </Anchor>
                    </Group>
                  </Box>
                ))}
              </Box>
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}
