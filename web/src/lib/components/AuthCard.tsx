import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { TrellisMark } from './TrellisMark.tsx';

/** The centred card used by the pages shown before signing in (login, invitation). */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Box bg="gray.0" mih="100vh" py={64} px="md">
      <Center>
        <Stack gap="lg" w="100%" maw={440}>
          <Group gap="xs" justify="center">
            <TrellisMark size={32} />
            <Text fw={700} size="xl" c="dark.7">
              Trellis
            </Text>
          </Group>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={1} size="h3">
                  {title}
                </Title>
                {subtitle ? (
                  <Text size="sm" c="dimmed">
                    {subtitle}
                  </Text>
                ) : null}
              </Stack>
              {children}
            </Stack>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            AI management system for ISO/IEC 42001
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
