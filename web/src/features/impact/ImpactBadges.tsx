import { Anchor, Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { catalogPaths, ISO_42001 } from '../catalog/api.ts';
import { EU_AI_ACT } from '../inventory/api.ts';
import type { ImpactStatus, ImpactTemplate } from './api.ts';
import { statusColors, statusDescriptions, statusLabels } from './labels.ts';

export function ImpactStatusBadge({ status, size = 'sm' }: { status: ImpactStatus; size?: BadgeProps['size'] }) {
  return (
    <Tooltip label={statusDescriptions[status]} multiline w={260} withArrow openDelay={200}>
      <Badge
        size={size}
        radius="sm"
        variant={status === 'superseded' ? 'outline' : 'light'}
        color={statusColors[status]}
        tt="none"
        data-status={status}
      >
        {statusLabels[status]}
      </Badge>
    </Tooltip>
  );
}

export function TemplateOriginBadge({ origin, size = 'sm' }: { origin: ImpactTemplate['origin']; size?: BadgeProps['size'] }) {
  return (
    <Tooltip
      label={origin === 'built-in' ? 'Ships with Trellis' : 'Added by your organization'}
      multiline
      w={220}
      withArrow
      openDelay={150}
    >
      <Badge
        size={size}
        variant={origin === 'built-in' ? 'outline' : 'light'}
        color={origin === 'built-in' ? 'gray' : 'violet'}
        radius="sm"
        tt="none"
      >
        {origin === 'built-in' ? 'Built-in' : 'Your organization'}
      </Badge>
    </Tooltip>
  );
}

/** The catalog page a requirement reference points to: an ISO/IEC 42001 clause or control, or an EU AI Act article. */
function catalogTarget(ref: string): { framework: string; item: string } | null {
  if (/^(A\.)?\d+(\.\d+)*$/.test(ref)) return { framework: ISO_42001, item: ref };
  const article = /^Art\. (\d+)/.exec(ref);
  if (article) return { framework: EU_AI_ACT, item: `Art. ${article[1]}` };
  return null;
}

/**
 * The requirement a question or template answers ("A.5.2", "Art. 27(1)(a)"), as a small monospace
 * label; it links to the catalog (in a new tab, so unsaved answers stay) when the catalog has it.
 */
export function RequirementRef({ org, refId, size = 'sm' }: { org: string; refId: string; size?: BadgeProps['size'] }) {
  const target = catalogTarget(refId);
  const badge = (
    <Badge
      size={size}
      radius="sm"
      variant="default"
      tt="none"
      fw={600}
      ff="monospace"
      style={{ cursor: target ? 'pointer' : undefined, flexShrink: 0 }}
      data-ref={refId}
    >
      {refId}
    </Badge>
  );
  if (!target) return badge;
  return (
    <Anchor
      href={catalogPaths.item(org, target.framework, target.item)}
      target="_blank"
      rel="noopener"
      underline="never"
      title={`${refId}: open in the catalog (new tab)`}
      style={{ lineHeight: 1 }}
    >
      {badge}
    </Anchor>
  );
}
