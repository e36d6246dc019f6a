import { Anchor, Paper } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { catalogPaths } from './api.ts';

/** A framework or item that is not in this organization's catalog, with the way back. */
export function CatalogNotFound({ org, title, description }: { org: string; title: string; description: string }) {
  return (
    <Paper withBorder radius="md">
      <EmptyMessage title={title} description={description}>
        <Anchor component={Link} to={catalogPaths.home(org)} size="sm">
          Back to the catalog
        </Anchor>
      </EmptyMessage>
    </Paper>
  );
}
