import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  /** Full text for a shortened label. */
  title?: string;
  to?: string;
}

/** Where a catalog page sits: Catalog › framework › the items above. The last crumb is the current page. */
export function CatalogBreadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb">
      <Breadcrumbs separator="›" separatorMargin={6} mb="sm" style={{ flexWrap: 'wrap', rowGap: 4 }}>
        {crumbs.map((crumb, index) =>
          crumb.to && index < crumbs.length - 1 ? (
            <Anchor key={index} component={Link} to={crumb.to} size="sm" title={crumb.title} maw={320} truncate="end">
              {crumb.label}
            </Anchor>
          ) : (
            <Text key={index} size="sm" c="dimmed" title={crumb.title} maw={320} truncate="end" aria-current="page">
              {crumb.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}
