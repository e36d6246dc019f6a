import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a list shows when it has nothing in it yet. */
export function EmptyMessage({ title, description, children }: { title: string; description?: ReactNode; children?: ReactNode }) {
  return (
    <EmptyState size="sm" title={title} description={description} py="xl">
      {children}
    </EmptyState>
  );
}
