import { Box, Group, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { controlPaths } from './api.ts';
import { coveragePath } from './coverage-api.ts';

export type ControlsSection = 'soa' | 'versions' | 'coverage';

const sections: readonly { id: ControlsSection; label: string; path: (org: string) => string }[] = [
  { id: 'soa', label: 'Statement of Applicability', path: (org) => controlPaths.soa(org) },
  { id: 'versions', label: 'Approved versions', path: (org) => controlPaths.versions(org) },
  { id: 'coverage', label: 'Framework coverage', path: (org) => coveragePath(org) },
];

/** The controls area's pages, as tabs that are links (each page has its own address). */
export function ControlsNav({ org, current }: { org: string; current: ControlsSection }) {
  return (
    <Box component="nav" aria-label="Controls and SoA" mb="lg" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {sections.map((section) => {
          const active = section.id === current;
          return (
            <li key={section.id}>
              <UnstyledButton
                component={Link}
                to={section.path(org)}
                aria-current={active ? 'page' : undefined}
                px="md"
                py={8}
                fz="sm"
                fw={active ? 600 : 500}
                c={active ? 'teal.8' : 'dark.5'}
                style={{
                  display: 'block',
                  marginBottom: -1,
                  borderBottom: `2px solid ${active ? 'var(--mantine-color-teal-7)' : 'transparent'}`,
                }}
              >
                {section.label}
              </UnstyledButton>
            </li>
          );
        })}
      </Group>
    </Box>
  );
}
