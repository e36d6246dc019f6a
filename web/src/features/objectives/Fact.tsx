import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value of a record page. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}
