import { Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { useCatalogItem } from '../catalog/api.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { Section } from '../risks/Section.tsx';
import { ANNEX_A, controlPaths, useImplementation, useSoa, type ControlImplementationDetail, type SoaRow } from './api.ts';
import { ApplicabilityBadge, FlagBadges, ImplementationStatusBadge } from './ControlBadges.tsx';
import { ControlHistory } from './ControlHistory.tsx';
import { AboutSection, AlsoSupportsSection, EvidenceSection, RisksSection } from './ControlSections.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { DecisionView } from './DecisionView.tsx';
import { applicabilityLabels, applicabilityOf, canWriteControls } from './labels.ts';
import { SystemImplementations } from './SystemImplementations.tsx';

function ControlHeader({ impl, row }: { impl: ControlImplementationDetail; row: SoaRow | undefined }) {
  return (
    <Stack gap={6} mb="lg">
      <Group gap="sm" align="center">
        <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="control-id">
          {impl.control}
        </Text>
        {row ? (
          <>
            <ApplicabilityBadge applicable={row.applicable} derived={row.derived} size="md" />
            <ImplementationStatusBadge status={row.status} size="md" />
          </>
        ) : null}
      </Group>
      <Title order={1} size="h2">
        {impl.title}
      </Title>
      <Text size="sm" c="dimmed">
        {impl.framework === ANNEX_A ? `ISO/IEC 42001 Annex A · ${impl.area} ${impl.areaTitle}` : `Your own control · ${impl.areaTitle}`}
      </Text>
      {row ? (
        <Group gap="xs" align="center" data-testid="control-flags">
          <Text size="sm" c="dimmed">
            In the SoA:
          </Text>
          <FlagBadges flags={row.flags} empty="no flags" />
        </Group>
      ) : null}
    </Stack>
  );
}

/** `/orgs/:org/controls/:framework/:control`: one control, its decision and implementation, and what ties it to the AIMS. */
export function ControlPage() {
  const org = useCurrentOrg();
  const { framework = '', control = '' } = useParams();
  const impl = useImplementation(org.slug, framework, control);
  const soa = useSoa(org.slug);
  const item = useCatalogItem(org.slug, framework, control);
  const row = soa.data?.rows.find((r) => r.framework === framework && r.control === control);
  const [editing, setEditing] = useState(false);
  const { flash, show, clear } = useFlash();
  const mayWrite = canWriteControls(org.role);
  useDocumentTitle(`${control} ${impl.data?.title ?? ''} · Controls & SoA · Trellis`);

  const crumbs = [{ label: 'Controls & SoA', to: controlPaths.soa(org.slug) }, { label: control }];

  if (impl.isPending || impl.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={impl.isPending}
          error={impl.error}
          noun="control"
          notFoundDescription={`There is no control “${control}” in the SoA.`}
          back={{ to: controlPaths.soa(org.slug), label: 'Back to the Statement of Applicability' }}
        />
      </>
    );
  }

  const data = impl.data;
  const onSaved = (saved: ControlImplementationDetail) => {
    const scope = saved.system ? ` for ${saved.system.ref}` : '';
    show(
      'success',
      `${saved.control}${scope} is now ${applicabilityLabels[applicabilityOf(saved.applicable)].toLowerCase()}.`,
      'Decision saved',
    );
  };

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <ControlHeader impl={data} row={row} />
      <FlashMessage flash={flash} onClose={clear} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Section
              id="decision"
              title="Decision"
              description="For the organization as a whole: whether the control applies and why, how far it is implemented, who owns it (6.1.3)."
              actions={
                mayWrite && !editing ? (
                  <Button variant="default" onClick={() => setEditing(true)}>
                    {data.id === null ? 'Record decision' : 'Edit decision'}
                  </Button>
                ) : null
              }
            >
              {editing ? (
                <DecisionForm
                  org={org.slug}
                  impl={data}
                  label="Decision"
                  onCancel={() => setEditing(false)}
                  onSaved={(saved) => {
                    setEditing(false);
                    onSaved(saved);
                  }}
                />
              ) : (
                <DecisionView impl={data} derived={row?.derived ?? false} />
              )}
            </Section>
            <RisksSection org={org.slug} impl={data} />
            <EvidenceSection org={org.slug} row={row} framework={framework} control={control} mayWrite={mayWrite} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <AboutSection org={org.slug} item={item.data?.item} framework={framework} failed={item.isError} />
            <AlsoSupportsSection org={org.slug} impl={data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <SystemImplementations org={org.slug} framework={framework} control={control} mayWrite={mayWrite} onSaved={onSaved} />
        </Grid.Col>
        <Grid.Col span={12}>
          <ControlHistory org={org.slug} framework={framework} control={control} />
        </Grid.Col>
      </Grid>
    </>
  );
}
