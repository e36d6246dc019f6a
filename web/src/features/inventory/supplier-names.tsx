import { Anchor, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { inventoryPaths, useRecords } from './api.ts';

/** Supplier names by id, for lists that show a data set's or model's supplier. */
export function useSupplierNames(): Map<string, string> {
  const org = useCurrentOrg();
  const suppliers = useRecords(org.slug, 'supplier');
  return useMemo(() => new Map((suppliers.data ?? []).map((s) => [s.id, s.name])), [suppliers.data]);
}

/** A supplier's name (a link to its page when asked), "In-house" when there is none. */
export function SupplierName({ id, link = false, org }: { id: string | null; link?: boolean; org?: string }) {
  const names = useSupplierNames();
  if (!id) {
    return (
      <Text size="sm" c="dimmed">
        In-house
      </Text>
    );
  }
  const name = names.get(id);
  if (link && org) {
    return (
      <Anchor component={Link} to={inventoryPaths.record(org, 'supplier', id)} size="sm">
        {name ?? 'Supplier'}
      </Anchor>
    );
  }
  return <Text size="sm">{name ?? '…'}</Text>;
}
