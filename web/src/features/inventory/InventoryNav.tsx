import { Box, Group, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { inventoryPaths } from './api.ts';
import { kindLabels } from './labels.ts';

export type InventorySection = 'system' | 'supplier' | 'dataset' | 'model';

const sections: readonly InventorySection[] = ['system', 'supplier', 'dataset', 'model'];

function pathOf(org: string, section: InventorySection): string {
  return section === 'system' ? inventoryPaths.home(org) : inventoryPaths.list(org, section);
}

/** The inventory's four lists, as tabs that are links (each list has its own address). */
export function InventoryNav({ org, current }: { org: string; current: InventorySection }) {
  return (
    <Box component="nav" aria-label="Inventory" mb="lg" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {sections.map((section) => {
          const active = section === current;
          return (
            <li key={section}>
              <UnstyledButton
                component={Link}
                to={pathOf(org, section)}
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
                {kindLabels[section].many}
              </UnstyledButton>
            </li>
          );
        })}
      </Group>
    </Box>
  );
}
