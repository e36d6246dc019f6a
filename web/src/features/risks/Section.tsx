import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SectionProps {
  id: string;
  title: string;
  /** One line on what the section records, with the clause it answers. */
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled card of a record page; its heading names the region for assistive technology. */
export function Section({ id, title, description, actions, children }: SectionProps) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`section-${id}`} id={id} style={{ scrollMarginTop: 72 }}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4" id={`section-${id}`}>
              {title}
            </Title>
            {description ? (
              <Text size="sm" c="dimmed" maw={760}>
                {description}
              </Text>
            ) : null}
          </Stack>
          {actions ? (
            <Group gap="sm" wrap="nowrap">
              {actions}
            </Group>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
