import { Alert, Button, Code, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { formatBytes } from '../evidence/labels.ts';
import { flashState } from '../inventory/flash-state.ts';
import { monitoringPaths, useUploadRun, type MonitoringPlan, type RunFileField, type UploadProgress } from './api.ts';
import { DataFileInput } from './DataFileInput.tsx';
import { allOnFields, fieldError } from './form-errors.ts';
import { verdictText } from './outcomes.ts';

/** The columns a run of the plan reads, by the spec field that names them (a missing one is reported under that field). */
function specColumns(plan: MonitoringPlan): { field: string; label: string; columns: string[] }[] {
  const spec = plan.spec;
  switch (spec.metric) {
    case 'fairness':
    case 'performance':
      return [
        { field: 'label', label: 'True label', columns: [spec.label] },
        { field: 'prediction', label: 'Prediction', columns: [spec.prediction] },
        ...(spec.sensitive.length > 0 ? [{ field: 'sensitive', label: 'Sensitive features', columns: spec.sensitive }] : []),
        ...(spec.score ? [{ field: 'score', label: 'Score', columns: [spec.score] }] : []),
        ...(spec.positive ? [{ field: 'positive', label: 'Positive class', columns: [spec.positive] }] : []),
      ];
    case 'drift':
      return [
        { field: 'columns', label: 'Columns compared', columns: spec.columns ?? [] },
        ...(spec.categorical.length > 0 ? [{ field: 'categorical', label: 'Read as categories', columns: spec.categorical }] : []),
      ];
  }
}

/**
 * "New run" from data files: one file, or reference and current for drift.
 * The server computes the metric, judges the thresholds and keeps the run as evidence; the files
 * themselves are not kept. Problems come back naming a file or a column, and are shown there.
 */
export function RunUploadForm({ org, plan }: { org: string; plan: MonitoringPlan }) {
  const navigate = useNavigate();
  const upload = useUploadRun(org, plan.id);
  const fields: RunFileField[] = plan.metric === 'drift' ? ['reference', 'current'] : ['data'];
  const [files, setFiles] = useState<Partial<Record<RunFileField, File>>>({});
  const [missing, setMissing] = useState<RunFileField[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const columns = specColumns(plan);
  const error = upload.error;
  const known = [...fields, ...columns.map((c) => c.field)];
  const general = error && !(error instanceof ApiError && allOnFields(error, known));
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  const columnProblems = columns.some((c) => fieldError(error, c.field));

  const choose = (field: RunFileField) => (file: File | null) => {
    upload.reset();
    setMissing((m) => m.filter((f) => f !== field));
    setFiles((prev) => {
      const next = { ...prev };
      if (file) next[field] = file;
      else delete next[field];
      return next;
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const absent = fields.filter((f) => !files[f]);
    setMissing(absent);
    if (absent.length > 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ loaded: 0, total: fields.reduce((n, f) => n + (files[f]?.size ?? 0), 0) });
    upload.mutate(
      { files, onProgress: setProgress, signal: controller.signal },
      {
        onSuccess: (run) => {
          setProgress(null);
          void navigate(monitoringPaths.run(org, run.ref), {
            state: flashState(run.status === 'breached' ? 'warning' : 'success', verdictText(run), 'Run recorded'),
          });
        },
        onError: () => setProgress(null),
      },
    );
  };

  const fileLabels: Record<RunFileField, { label: string; description: string }> = {
    data: {
      label: 'Data',
      description: 'One row per prediction, with the columns below. Read once and removed; the run keeps its SHA-256.',
    },
    reference: { label: 'Reference data', description: 'The data the AI system was built or validated on.' },
    current: { label: 'Current data', description: 'Recent data the AI system has seen in operation.' },
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New run">
      <Stack gap="md">
        <Text size="sm" c="dimmed" maw={820}>
          Upload the data to measure now. Trellis computes the metric, checks the thresholds, and keeps the run as evidence; a breach opens
          an alert. CSV or Parquet.
        </Text>
        {general ? <ErrorAlert error={error} title="The run was not recorded" /> : null}
        {!general && error ? (
          <Alert color="red" variant="light" title="The run was not recorded" role="alert" data-testid="run-refused">
            {columnProblems ? 'The data does not have what the plan reads: see below.' : 'See the file marked in red.'} Nothing was stored.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: fields.length }} spacing="md">
          {fields.map((f) => (
            <DataFileInput
              key={f}
              field={f}
              label={fileLabels[f].label}
              description={fileLabels[f].description}
              file={files[f] ?? null}
              onFile={choose(f)}
              disabled={upload.isPending}
              error={missing.includes(f) ? 'Choose a file.' : fieldError(error, f)}
            />
          ))}
        </SimpleGrid>
        {columns.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Columns this plan reads
            </Text>
            <Table withTableBorder aria-label="Columns this plan reads" maw={820}>
              <Table.Tbody>
                {columns.map((c) => {
                  const problem = fieldError(error, c.field);
                  return (
                    <Table.Tr key={c.field} data-spec-field={c.field}>
                      <Table.Td w={180}>
                        <Text size="sm">{c.label}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {c.columns.length > 0 ? (
                            c.columns.map((name) => <Code key={name}>{name}</Code>)
                          ) : (
                            <Text size="sm" c="dimmed">
                              every column both files share
                            </Text>
                          )}
                        </Group>
                        {problem ? (
                          <Text size="sm" c="red.7" role="alert" data-testid={`spec-error-${c.field}`}>
                            {problem}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : null}
        {progress ? (
          <Stack gap={4}>
            <Progress value={percent} size="md" radius="xl" animated aria-label="Upload progress" />
            <Text size="xs" c="dimmed" role="status" aria-live="polite" data-testid="upload-progress">
              {percent < 100
                ? `Uploading… ${percent}% (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})`
                : 'Uploaded; computing the metrics and checking the thresholds…'}
            </Text>
          </Stack>
        ) : null}
        <Group justify="flex-end">
          {upload.isPending ? (
            <Button variant="default" onClick={() => abort.current?.abort()}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={upload.isPending}>
            Run the plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
