import { Badge, Box, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';

/** The AIMS areas still to be built, in ISO/IEC 42001 vocabulary. Shown, but not links. */
const plannedAreas = [
  'Context & scope',
  'AI systems',
  'Risks',
  'Impact assessments',
  'Controls & SoA',
  'Evidence',
  'Documents',
  'Objectives',
  'Internal audits',
  'Management reviews',
  'Nonconformities',
  'Catalog',
  'Readiness',
] as const;

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
          {plannedAreas.map((label) => (
            <Box component="li" key={label}>
              <NavLink
                component="div"
                label={label}
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
          ))}
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
