import { Box, Group, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { riskPaths } from './api.ts';

export type RisksSection = 'register' | 'assessments' | 'criteria';

const sections: readonly { id: RisksSection; label: string; path: (org: string) => string }[] = [
  { id: 'register', label: 'Risk register', path: (org) => riskPaths.register(org) },
  { id: 'assessments', label: 'Assessments', path: (org) => riskPaths.assessments(org) },
  { id: 'criteria', label: 'Risk criteria', path: (org) => riskPaths.criteria(org) },
];

/** The risk area's three pages, as tabs that are links (each page has its own address). */
export function RisksNav({ org, current }: { org: string; current: RisksSection }) {
  return (
    <Box component="nav" aria-label="Risk management" mb="lg" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
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
