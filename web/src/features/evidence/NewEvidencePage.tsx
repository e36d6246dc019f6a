import { Alert, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { flashState } from '../inventory/flash-state.ts';
import { objectivePaths } from '../objectives/api.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { evidencePaths, useCreateEvidence, useUploadEvidence, type EvidenceDetail, type UploadProgress } from './api.ts';
import { FileDrop } from './FileDrop.tsx';
import { allOnFields, fieldError, fileProblem } from './form-errors.ts';
import { canWriteEvidence, kindDescriptions, kindLabels, todayUtc } from './labels.ts';
import { LinkTargetsPicker } from './LinkTargetsPicker.tsx';
import { usePrefilledRecords, type PrefilledRecords } from './prefill.ts';
import { controlFromParam, requirementFromParam, selectionCount, toLinkTargets, type LinkSelection } from './targets.ts';

type NewKind = 'file' | 'link' | 'note';

const FIELDS = ['title', 'description', 'owner', 'effectiveDate', 'reviewDue', 'url', 'note', 'links', 'file'] as const;

/** The links named in the address: ?framework=…&control=…&requirement=…&risk=…&system=…&objective=… (each may repeat). */
function linksFromAddress(params: URLSearchParams): LinkSelection {
  const framework = params.get('framework');
  return {
    controls: params.getAll('control').map((c) => {
      const parsed = controlFromParam(c);
      return framework && !c.includes(':') ? { framework, control: c } : parsed;
    }),
    requirements: params.getAll('requirement').map(requirementFromParam),
    risks: [],
    systems: [],
    objectives: [],
  };
}

/** `/orgs/:org/evidence/new`: add a file, a link or a note as evidence, linked to what it supports. */
export function NewEvidencePage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle('Add evidence · Evidence · Trellis');
  const create = useCreateEvidence(org.slug);
  const upload = useUploadEvidence(org.slug);
  const [kind, setKind] = useState<NewKind>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(todayUtc());
  const [reviewDue, setReviewDue] = useState('');
  const [links, setLinks] = useState<LinkSelection>(() => linksFromAddress(params));
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  // Risks and AI systems named in the address (by id or ref) join the links once they are found.
  const addLinks = useCallback(
    (found: PrefilledRecords) =>
      setLinks((prev) => ({
        ...prev,
        risks: [...prev.risks, ...found.risks],
        systems: [...prev.systems, ...found.systems],
        objectives: [...prev.objectives, ...found.objectives],
      })),
    [],
  );
  const prefilled = usePrefilledRecords(org.slug, params, addLinks);

  const pending = create.isPending || upload.isPending;
  const error = kind === 'file' ? upload.error : create.error;
  const err = (f: string) => fieldError(error, f);
  const fileError = localError ?? (kind === 'file' ? fileProblem(upload.error) : undefined);
  const fromControl = links.controls.length === 1 && params.get('control') ? links.controls[0] : undefined;
  const fromObjective = params.get('objective');
  const back = fromControl
    ? evidencePaths.control(org.slug, fromControl.framework, fromControl.control)
    : fromObjective
      ? objectivePaths.objective(org.slug, fromObjective)
      : evidencePaths.list(org.slug);

  const done = (saved: EvidenceDetail) => {
    setProgress(null);
    void navigate(evidencePaths.item(org.slug, saved.ref), {
      state: flashState(
        'success',
        `${saved.ref} “${saved.title}” was added${saved.links.length ? ` and linked to ${saved.links.length} ${saved.links.length === 1 ? 'item' : 'items'}` : ''}.`,
        'Evidence added',
      ),
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setLocalError(null);
    const common = {
      description: description.trim(),
      owner: owner.trim(),
      ...(effectiveDate ? { effectiveDate } : {}),
      reviewDue: reviewDue || null,
      links: toLinkTargets(links),
    };
    if (kind === 'file') {
      if (!file) {
        setLocalError('Choose the file to upload.');
        return;
      }
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ loaded: 0, total: file.size });
      upload.mutate(
        {
          file,
          metadata: { ...common, ...(title.trim() ? { title: title.trim() } : {}) },
          onProgress: setProgress,
          signal: controller.signal,
        },
        { onSuccess: done, onError: () => setProgress(null) },
      );
      return;
    }
    const input =
      kind === 'link'
        ? { kind, url: url.trim(), title: title.trim(), ...common }
        : { kind, note: note.trim(), title: title.trim(), ...common };
    create.mutate(input, { onSuccess: done });
  };

  if (!canWriteEvidence(org.role)) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={[{ label: 'Evidence', to: evidencePaths.list(org.slug) }, { label: 'Add evidence' }]} />
        <Alert color="gray" variant="light" title="You cannot add evidence">
          Contributors, AIMS managers and owners add evidence. Your role lets you read it.
        </Alert>
      </>
    );
  }

  return (
    <>
      <CatalogBreadcrumbs crumbs={[{ label: 'Evidence', to: evidencePaths.list(org.slug) }, { label: 'Add evidence' }]} />
      <Stack gap={4} mb="lg">
        <Title order={1} size="h2">
          Add evidence
        </Title>
        <Text c="dimmed" size="sm" maw={720}>
          Documented information an auditor can check: a file, a link or a note, with the date it holds from, when it must be reviewed, and
          what it supports.
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate aria-label="Add evidence">
        <Stack gap="lg" maw={960}>
          {error && !fileError ? (
            isApiError(error, 'validation_failed') && allOnFields(error, FIELDS) ? (
              <Alert color="red" variant="light" title="Could not add the evidence" role="alert">
                Check the fields marked in red.
              </Alert>
            ) : (
              <ErrorAlert error={error} title="Could not add the evidence" />
            )
          ) : null}
          {prefilled && prefilled.missing.length > 0 ? (
            <Alert color="yellow" variant="light" title="Some links could not be made">
              Not found: {prefilled.missing.join(', ')}. Choose them below if they exist under another reference.
            </Alert>
          ) : null}
          {fileError && error instanceof ApiError ? (
            <Alert color="red" variant="light" title="The file was not accepted" role="alert" data-testid="upload-refused">
              {fileError} Nothing was stored.
            </Alert>
          ) : null}

          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="what-heading">
            <Stack gap="md">
              <Title order={2} size="h4" id="what-heading">
                The evidence
              </Title>
              <Stack gap={6}>
                <Text size="sm" fw={500} id="kind-label">
                  Kind
                </Text>
                <SegmentedControl
                  aria-labelledby="kind-label"
                  value={kind}
                  onChange={(v) => setKind(v as NewKind)}
                  data={(['file', 'link', 'note'] as const).map((k) => ({ value: k, label: kindLabels[k] }))}
                  disabled={pending}
                  maw={420}
                />
                <Text size="xs" c="dimmed">
                  {kindDescriptions[kind]}
                </Text>
              </Stack>
              {kind === 'file' ? (
                <FileDrop
                  file={file}
                  onFile={(f) => {
                    setFile(f);
                    setLocalError(null);
                    upload.reset();
                  }}
                  progress={progress}
                  disabled={pending}
                  error={localError ?? (fileError ? 'Not accepted: choose another file.' : undefined)}
                />
              ) : kind === 'link' ? (
                <TextInput
                  label="Address (URL)"
                  description="An http:// or https:// address, without a user name or password in it"
                  placeholder="https://wiki.example.com/model-card"
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
                  description="What was observed, decided or checked, in your own words"
                  withAsterisk
                  autosize
                  minRows={4}
                  maxRows={16}
                  maxLength={100_000}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  error={err('note')}
                />
              )}
              <TextInput
                label="Title"
                description={kind === 'file' ? 'Leave empty to use the file name' : undefined}
                withAsterisk={kind !== 'file'}
                maxLength={300}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={err('title')}
              />
              <Textarea
                label="Description"
                description="What it shows, and anything an auditor should know about it"
                autosize
                minRows={2}
                maxRows={8}
                maxLength={8000}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={err('description')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                <TextInput
                  label="Owner"
                  description="Who keeps it current"
                  maxLength={200}
                  value={owner}
                  onChange={(e) => setOwner(e.currentTarget.value)}
                  error={err('owner')}
                />
                <TextInput
                  label="Effective date"
                  description="From when it holds"
                  type="date"
                  value={effectiveDate}
                  onChange={(e) => setEffectiveDate(e.currentTarget.value)}
                  error={err('effectiveDate')}
                />
                <TextInput
                  label="Review date"
                  description="When it expires or must be reviewed; empty: it does not expire"
                  type="date"
                  value={reviewDue}
                  onChange={(e) => setReviewDue(e.currentTarget.value)}
                  error={err('reviewDue')}
                />
              </SimpleGrid>
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="links-heading">
            <Stack gap="md">
              <Stack gap={2}>
                <Title order={2} size="h4" id="links-heading">
                  What it supports
                </Title>
                <Text size="sm" c="dimmed">
                  Link it to the controls, requirements, risks and AI systems it shows are in place. The SoA counts a control’s evidence
                  from these links. {selectionCount(links) > 0 ? `${selectionCount(links)} chosen.` : 'You can also link it later.'}
                </Text>
              </Stack>
              <LinkTargetsPicker org={org.slug} value={links} onChange={setLinks} errorOf={(f) => err(`links.${f}`)} />
            </Stack>
          </Paper>

          <Group justify="flex-end" gap="sm">
            <Button variant="default" component={Link} to={back} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Add evidence
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
