import { Badge, Box, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';

/**
 * The AIMS areas, in ISO/IEC 42001 vocabulary. Those with a path are built and link to
 * their pages (active on their sub-pages too); the others are shown, but not links.
 */
const aimsAreas: readonly { label: string; path?: string }[] = [
  { label: 'Readiness', path: 'readiness' },
  { label: 'Context & scope' },
  { label: 'AI systems', path: 'inventory' },
  { label: 'Risks', path: 'risks' },
  { label: 'Impact assessments', path: 'impact-assessments' },
  { label: 'Controls & SoA', path: 'controls' },
  { label: 'Evidence', path: 'evidence' },
  { label: 'Monitoring', path: 'monitoring' },
  { label: 'Documents' },
  { label: 'Objectives', path: 'objectives' },
  { label: 'Internal audits' },
  { label: 'Management reviews' },
  { label: 'Nonconformities' },
  { label: 'Catalog', path: 'catalog' },
];

const adminAreas = [
  { path: 'members', label: 'Members & roles' },
  { path: 'tokens', label: 'API tokens' },
  { path: 'audit-log', label: 'Audit log' },
  { path: 'settings', label: 'Organization settings' },
] as const;

function GroupLabel({ children, id }: { children: string; id: string }) {
  return (
    <Text id={id} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="md" pb={4} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

export interface NavigationProps {
  orgSlug: string;
  onNavigate?: () => void;
}

/** The left navigation of an organization: overview, the AIMS areas, administration. */
export function Navigation({ orgSlug, onNavigate }: NavigationProps) {
  const { pathname } = useLocation();
  const base = `/orgs/${orgSlug}`;
  const isActive = (path: string) => pathname === path || pathname === `${path}/`;
  const isWithin = (path: string) => isActive(path) || pathname.startsWith(`${path}/`);

  return (
    <ScrollArea type="scroll" h="100%" component="nav" aria-label="Organization">
      <Stack gap={0} p="xs">
        <NavLink
          component={Link}
          to={base}
          label="Overview"
          active={isActive(base)}
          onClick={onNavigate}
          aria-current={isActive(base) ? 'page' : undefined}
        />

        <GroupLabel id="nav-aims">AIMS</GroupLabel>
        <Box component="ul" aria-labelledby="nav-aims" m={0} p={0} style={{ listStyle: 'none' }}>
          {aimsAreas.map((area) => {
            if (area.path) {
              const to = `${base}/${area.path}`;
              const active = isWithin(to);
              return (
                <Box component="li" key={area.label}>
                  <NavLink
                    component={Link}
                    to={to}
                    label={area.label}
                    active={active}
                    onClick={onNavigate}
                    aria-current={isActive(to) ? 'page' : undefined}
                    py={5}
                    styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
                  />
                </Box>
              );
            }
            return (
              <Box component="li" key={area.label}>
                <NavLink
                  component="div"
                  label={area.label}
                  disabled
                  aria-disabled="true"
                  tabIndex={-1}
                  py={5}
                  styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
                  rightSection={
                    <Badge size="xs" variant="outline" color="gray" radius="sm">
                      planned
                    </Badge>
                  }
                  title="Planned: not available yet"
                />
              </Box>
            );
          })}
        </Box>

        <GroupLabel id="nav-admin">Administration</GroupLabel>
        {adminAreas.map((area) => {
          const to = `${base}/${area.path}`;
          const active = isActive(to);
          return (
            <NavLink
              key={area.path}
              component={Link}
              to={to}
              label={area.label}
              active={active}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
            />
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
