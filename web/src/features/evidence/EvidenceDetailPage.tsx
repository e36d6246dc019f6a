import { Alert, Anchor, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { roleLabels } from '../../lib/roles.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { withArticle } from '../inventory/labels.ts';
import { formatDay } from '../risks/labels.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { evidencePaths, useDeleteEvidence, useEvidence, type EvidenceDetail } from './api.ts';
import { EvidenceStateBadge, KindBadge } from './EvidenceBadges.tsx';
import { EvidenceFieldsSection } from './EvidenceFieldsSection.tsx';
import { EvidenceHistory } from './EvidenceHistory.tsx';
import { canDeleteEvidence, canWriteEvidence, formatBytes } from './labels.ts';
import { LinksSection } from './LinksSection.tsx';
import { VersionsSection } from './VersionsSection.tsx';

/** The current content at a glance: download the file, open the link, read the note. */
function CurrentContent({ item }: { item: EvidenceDetail }) {
  const v = item.current;
  if (v.contentUrl) {
    return (
      <Group gap="sm">
        <Button component="a" href={v.contentUrl} download={v.fileName ?? true} variant="light" size="xs">
          Download current version
        </Button>
        <Text size="sm" c="dimmed">
          {v.fileName} · {formatBytes(v.size)} · version {item.currentVersion}
        </Text>
      </Group>
    );
  }
  if (v.url) {
    return (
      <Anchor href={v.url} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
        {v.url}
      </Anchor>
    );
  }
  if (v.note) {
    return (
      <Paper bg="gray.0" radius="sm" p="sm" maw={880}>
        <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {v.note}
        </Text>
      </Paper>
    );
  }
  return null;
}

/** `/orgs/:org/evidence/:id`: one evidence item with its details, versions, links and history. */
export function EvidenceDetailPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const evidence = useEvidence(org.slug, id);
  const remove = useDeleteEvidence(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayWrite = canWriteEvidence(org.role);
  const mayDelete = canDeleteEvidence(org.role);
  const tab = params.get('tab') === 'history' ? 'history' : 'details';
  useDocumentTitle(`${evidence.data ? `${evidence.data.ref} ${evidence.data.title}` : 'Evidence'} · Evidence · Trellis`);

  const crumbs = [{ label: 'Evidence', to: evidencePaths.list(org.slug) }, { label: evidence.data?.ref ?? id }];

  if (evidence.isPending || evidence.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={evidence.isPending}
          error={evidence.error}
          noun="evidence"
          back={{ to: evidencePaths.list(org.slug), label: 'Back to the evidence' }}
        />
      </>
    );
  }

  const item = evidence.data;
  const onDelete = () =>
    remove.mutate(item.id, {
      onSuccess: () => {
        setConfirmDelete(false);
        void navigate(evidencePaths.list(org.slug), {
          state: flashState('success', `${item.ref} “${item.title}” was deleted.`, 'Evidence deleted'),
        });
      },
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <Group justify="space-between" align="flex-start" gap="md" mb="lg">
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="evidence-ref">
              {item.ref}
            </Text>
            <KindBadge kind={item.kind} size="md" />
            <EvidenceStateBadge state={item.state} reviewDue={item.reviewDue} size="md" />
          </Group>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {item.title}
          </Title>
          <CurrentContent item={item} />
        </Stack>
        {mayDelete ? (
          <Button
            variant="subtle"
            color="red"
            onClick={() => {
              remove.reset();
              setConfirmDelete(true);
            }}
          >
            Delete
          </Button>
        ) : null}
      </Group>
      <FlashMessage flash={flash} onClose={clear} />
      {item.state === 'expired' ? (
        <Alert color="red" variant="light" title="Expired" mb="md" data-testid="expired-banner">
          The review date ({formatDay(item.reviewDue)}) has passed. An auditor will not accept this evidence until it is renewed
          {mayWrite ? ': upload a new version, or set a later review date.' : '.'}
        </Alert>
      ) : item.state === 'expiring' ? (
        <Alert color="yellow" variant="light" title="Expiring soon" mb="md">
          The review date is {formatDay(item.reviewDue)}. Renew the evidence before then.
        </Alert>
      ) : null}
      {!mayWrite ? (
        <Alert variant="light" color="gray" mb="md">
          As {withArticle(roleLabels[org.role])} you can read this evidence and download its files. Contributors, AIMS managers and owners
          change it.
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(v) => setParams(v === 'history' ? { tab: 'history' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <Stack gap="lg">
            <EvidenceFieldsSection
              org={org.slug}
              item={item}
              mayWrite={mayWrite}
              onSaved={(saved) => show('success', `${saved.ref} was saved.`, 'Changes saved')}
            />
            <VersionsSection
              org={org.slug}
              item={item}
              mayWrite={mayWrite}
              onSaved={(saved) =>
                show('success', `Version ${saved.currentVersion} of ${saved.ref} is now the current one.`, 'Version added')
              }
            />
            <LinksSection
              org={org.slug}
              item={item}
              mayWrite={mayWrite}
              onChanged={(message) => show('success', message, 'Links changed')}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <EvidenceHistory org={org.slug} id={item.id} links={item.links} />
        </Tabs.Panel>
      </Tabs>

      <ConfirmModal
        opened={confirmDelete}
        title="Delete evidence"
        confirmLabel="Delete evidence"
        onConfirm={onDelete}
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete {item.ref} “{item.title}” with all {item.versions.length === 1 ? 'its version' : `${item.versions.length} versions`} and
            its links?
          </Text>
          <Text size="sm">If it is out of date, consider uploading a new version instead: auditors may ask for the earlier ones.</Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
