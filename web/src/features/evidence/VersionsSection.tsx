import { Anchor, Badge, Button, Code, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { abbreviate, formatDateTime } from '../../lib/format.ts';
import { Section } from '../risks/Section.tsx';
import { useAddVersion, useUploadVersion, type EvidenceDetail, type EvidenceVersion, type UploadProgress } from './api.ts';
import { FileDrop } from './FileDrop.tsx';
import { fieldError, fileProblem } from './form-errors.ts';
import { formatBytes } from './labels.ts';

function cut(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** What one version holds: a file, a link, a note or a record snapshot. */
function VersionContent({ version }: { version: EvidenceVersion }) {
  if (version.fileName !== null) {
    return (
      <Stack gap={0}>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {version.fileName}
        </Text>
        <Text size="xs" c="dimmed">
          {formatBytes(version.size)}
          {version.sha256 ? (
            <>
              {' · SHA-256 '}
              <Tooltip label={version.sha256} withArrow>
                <Code fz="xs">{abbreviate(version.sha256)}</Code>
              </Tooltip>
            </>
          ) : null}
        </Text>
      </Stack>
    );
  }
  if (version.url !== null) {
    return (
      <Anchor href={version.url} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
        {version.url}
      </Anchor>
    );
  }
  if (version.note !== null) return <Text size="sm">{cut(version.note)}</Text>;
  if (version.record !== null) {
    return (
      <Text size="sm">
        Record {version.record.type} <Code fz="xs">{version.record.id}</Code>
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

function NewVersionModal({
  org,
  item,
  opened,
  onClose,
  onSaved,
}: {
  org: string;
  item: EvidenceDetail;
  opened: boolean;
  onClose: () => void;
  onSaved: (saved: EvidenceDetail) => void;
}) {
  const upload = useUploadVersion(org, item.id);
  const add = useAddVersion(org, item.id);
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState(item.current.url ?? '');
  const [note, setNote] = useState(item.current.note ?? '');
  const [comment, setComment] = useState('');
  const [reviewDue, setReviewDue] = useState(item.reviewDue ?? '');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const isFile = item.kind === 'file';
  const error = isFile ? upload.error : add.error;
  const pending = upload.isPending || add.isPending;
  const fileError = missingFile ? 'Choose the file of the new version.' : isFile ? fileProblem(upload.error) : undefined;
  const err = (f: string) => fieldError(error, f);

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const dates = reviewDue !== (item.reviewDue ?? '') ? { reviewDue: reviewDue || null } : {};
    const common = { comment: comment.trim(), version: item.version, ...dates };
    if (isFile) {
      if (!file) {
        setMissingFile(true);
        return;
      }
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ loaded: 0, total: file.size });
      upload.mutate(
        { file, metadata: common, onProgress: setProgress, signal: controller.signal },
        { onSuccess: onSaved, onError: () => setProgress(null) },
      );
      return;
    }
    add.mutate(item.kind === 'link' ? { ...common, url: url.trim() } : { ...common, note: note.trim() }, { onSuccess: onSaved });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={isFile ? 'Upload a new version' : 'Add a new version'}
      size="lg"
      centered
      closeOnClickOutside={!pending}
    >
      <form onSubmit={submit} noValidate aria-label="New version">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Version {item.currentVersion + 1} becomes the current one. The earlier versions are kept{isFile ? ' and stay downloadable' : ''}
            .
          </Text>
          {isApiError(error, 'version_conflict') ? (
            <ErrorAlert
              error={
                new Error('Someone else changed this evidence meanwhile. Close this window to see the current version, then try again.')
              }
              title="Changed by someone else"
            />
          ) : error && !fileError ? (
            <ErrorAlert error={error} title="Could not add the version" />
          ) : null}
          {fileError && error instanceof ApiError ? (
            <ErrorAlert error={new Error(`${fileError} Nothing was stored.`)} title="The file was not accepted" />
          ) : null}
          {isFile ? (
            <FileDrop
              file={file}
              onFile={(f) => {
                setFile(f);
                setMissingFile(false);
                upload.reset();
              }}
              progress={progress}
              disabled={pending}
              error={missingFile ? fileError : fileError ? 'Not accepted: choose another file.' : undefined}
              label="File of the new version"
            />
          ) : item.kind === 'link' ? (
            <TextInput
              label="Address (URL)"
              type="url"
              withAsterisk
              maxLength={2000}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={err('url')}
            />
          ) : (
            <Textarea
              label="Note"
              withAsterisk
              autosize
              minRows={4}
              maxRows={14}
              maxLength={100_000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={err('note')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Comment"
              description="What changed, e.g. “Q4 rerun”"
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={err('comment')}
            />
            <TextInput
              label="Review date"
              description="Move it on when the renewal holds longer"
              type="date"
              value={reviewDue}
              onChange={(e) => setReviewDue(e.currentTarget.value)}
              error={err('reviewDue')}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {isFile ? 'Upload version' : 'Add version'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export interface VersionsSectionProps {
  org: string;
  item: EvidenceDetail;
  mayWrite: boolean;
  onSaved: (saved: EvidenceDetail) => void;
}

/** Every version, newest first, each file downloadable; a new version keeps the old ones. */
export function VersionsSection({ org, item, mayWrite, onSaved }: VersionsSectionProps) {
  const [adding, setAdding] = useState(false);
  const canAdd = mayWrite && item.kind !== 'record';
  return (
    <Section
      id="versions"
      title="Versions"
      description="Evidence is renewed, not overwritten: each version is kept, newest first."
      actions={
        canAdd ? (
          <Button variant="default" onClick={() => setAdding(true)}>
            {item.kind === 'file' ? 'Upload new version' : 'Add new version'}
          </Button>
        ) : null
      }
    >
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" withTableBorder aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Version</Table.Th>
              <Table.Th>Content</Table.Th>
              <Table.Th>Comment</Table.Th>
              <Table.Th w={170}>Added</Table.Th>
              {item.kind === 'file' ? <Table.Th w={120}>File</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.versions.map((v) => (
              <Table.Tr key={v.number} data-version={v.number} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {v.number}
                    </Text>
                    {v.number === item.currentVersion ? (
                      <Badge size="xs" radius="sm" variant="light" color="teal" tt="none">
                        Current
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <VersionContent version={v} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={v.comment ? undefined : 'dimmed'}>
                    {v.comment || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(v.createdAt)}
                  </Text>
                </Table.Td>
                {item.kind === 'file' ? (
                  <Table.Td>
                    {v.contentUrl ? (
                      <Button
                        component="a"
                        href={v.contentUrl}
                        download={v.fileName ?? true}
                        variant="light"
                        size="xs"
                        aria-label={`Download version ${v.number}`}
                      >
                        Download
                      </Button>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {adding ? (
        <NewVersionModal
          org={org}
          item={item}
          opened={adding}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            onSaved(saved);
          }}
        />
      ) : null}
    </Section>
  );
}
