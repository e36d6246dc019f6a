import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { AddControlModal } from './AddControlModal.tsx';
import { catalogPaths, useFrameworks } from './api.ts';
import { CatalogSearch } from './CatalogSearch.tsx';
import { FrameworkList } from './FrameworkList.tsx';
import { ImportCatalogModal } from './ImportCatalogModal.tsx';
import { canManageCatalog } from './labels.ts';

/** `/orgs/:org/catalog`: the frameworks, a search across all of them, and (for managers) import. */
export function CatalogHomePage() {
  const org = useCurrentOrg();
  const frameworks = useFrameworks(org.slug);
  const [params, setParams] = useSearchParams();
  const { flash, show, clear } = useFlash();
  const [importing, setImporting] = useState(false);
  const [addingControl, setAddingControl] = useState(false);
  const mayManage = canManageCatalog(org.role);

  const query = params.get('q') ?? '';
  const onQueryChange = useCallback(
    (q: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (q) next.set('q', q);
          else next.delete('q');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <>
      <PageHeader
        title="Standards catalog"
        description="The frameworks your AI management system answers to: ISO/IEC 42001 and the standards and laws mapped to it. Open a framework to read its requirements, what an auditor asks for and how each maps to the others."
        actions={
          <>
            <Button variant="default" component={Link} to={catalogPaths.coverage(org.slug)}>
              Coverage
            </Button>
            {mayManage ? (
              <>
                <Button variant="default" onClick={() => setAddingControl(true)}>
                  Add own control
                </Button>
                <Button onClick={() => setImporting(true)}>Import framework or crosswalk</Button>
              </>
            ) : null}
          </>
        }
      />
      <FlashMessage flash={flash} onClose={clear} />
      <Stack gap="xl">
        <Paper withBorder radius="md" p="md">
          <CatalogSearch org={org.slug} query={query} onQueryChange={onQueryChange} />
        </Paper>

        <Stack gap="sm" component="section" aria-labelledby="catalog-frameworks">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4" id="catalog-frameworks">
              Frameworks
            </Title>
            {frameworks.data ? (
              <Text size="sm" c="dimmed">
                {frameworks.data.length} loaded
              </Text>
            ) : null}
          </Group>
          {frameworks.isPending ? (
            <Paper withBorder radius="md">
              <LoadingState label="Loading frameworks…" />
            </Paper>
          ) : frameworks.isError ? (
            <ErrorAlert error={frameworks.error} title="Could not load the frameworks" />
          ) : frameworks.data.length === 0 ? (
            <Paper withBorder radius="md">
              <EmptyMessage title="No frameworks loaded" description="The built-in frameworks ship with Trellis; check the server log." />
            </Paper>
          ) : (
            <FrameworkList org={org.slug} frameworks={frameworks.data} />
          )}
        </Stack>
      </Stack>

      <ImportCatalogModal org={org.slug} opened={importing} onClose={() => setImporting(false)} />
      <AddControlModal
        org={org.slug}
        orgName={org.name}
        opened={addingControl}
        onClose={() => setAddingControl(false)}
        onAdded={(control, result) => {
          setAddingControl(false);
          show('success', `${control.id} “${control.title}” was added to your own controls (version ${result.version}).`, 'Control added');
        }}
      />
    </>
  );
}
