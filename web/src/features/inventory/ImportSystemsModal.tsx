import { Alert, Badge, Button, Code, FileInput, Group, List, Modal, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { useImportSystems, type SystemImportResult } from './api.ts';

/** The API takes files of up to 20 MB. */
const MAX_BYTES = 20 * 1024 * 1024;
const CSV_TYPE = 'text/csv';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type of a file by its extension (browsers report CSV files inconsistently). */
function contentTypeOf(file: File): string | null {
  if (/\.csv$/i.test(file.name)) return CSV_TYPE;
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  return null;
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A failed commit answers 400 with the same result (nothing changed); the errors say why. */
function resultOf(error: unknown): SystemImportResult | null {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return null;
  const result = (error.details as { result?: unknown }).result;
  return typeof result === 'object' && result !== null && 'errors' in result && 'preview' in result ? (result as SystemImportResult) : null;
}

const actionStyle: Record<SystemImportResult['preview'][number]['action'], { label: string; color: string }> = {
  create: { label: 'New', color: 'teal' },
  update: { label: 'Update', color: 'blue' },
  unchanged: { label: 'Unchanged', color: 'gray' },
  error: { label: 'Error', color: 'red' },
};

export interface ImportSystemsModalProps {
  org: string;
  opened: boolean;
  onClose: () => void;
  onImported: (result: SystemImportResult) => void;
}

export function ImportSystemsModal({ org, opened, onClose, onImported }: ImportSystemsModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import AI systems" size="xl" centered>
      {opened ? <ImportContent org={org} onClose={onClose} onImported={onImported} /> : null}
    </Modal>
  );
}

function FormatHelp() {
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          What the file looks like
        </Text>
        <List size="xs" spacing={2}>
          <List.Item>
            A CSV or Excel (.xlsx) file whose first row names the columns, as in an export: <Code fz="xs">ref</Code>,{' '}
            <Code fz="xs">name</Code>, <Code fz="xs">purpose</Code>, <Code fz="xs">stage</Code>, <Code fz="xs">owner</Code>,{' '}
            <Code fz="xs">business_unit</Code>, <Code fz="xs">eu_roles</Code>, <Code fz="xs">in_scope</Code>,{' '}
            <Code fz="xs">review_due</Code> and so on. Only <Code fz="xs">name</Code> is required.
          </List.Item>
          <List.Item>
            A row whose <Code fz="xs">ref</Code> matches an AI system updates it; a row with a new or empty ref adds one.
          </List.Item>
          <List.Item>
            Lists (roles, jurisdictions) are separated by semicolons; <Code fz="xs">in_scope</Code> is yes or no; dates are YYYY-MM-DD. Risk
            classes are not imported: they come from the classification questionnaire.
          </List.Item>
          <List.Item>Export your inventory to get a file in exactly this format.</List.Item>
        </List>
      </Stack>
    </Paper>
  );
}

function Summary({ result }: { result: SystemImportResult }) {
  const parts = [
    `${result.rows} ${result.rows === 1 ? 'row' : 'rows'}`,
    `${result.created} new`,
    `${result.updated} to update`,
    `${result.unchanged} unchanged`,
  ];
  return (
    <Text size="sm" role="status">
      {parts.join(' · ')}
      {result.errors.length > 0 ? (
        <Text span c="red.7" fw={600}>
          {' · '}
          {result.errors.length} {result.errors.length === 1 ? 'problem' : 'problems'}
        </Text>
      ) : null}
    </Text>
  );
}

function ErrorsTable({ errors }: { errors: SystemImportResult['errors'] }) {
  return (
    <Alert color="red" variant="light" title="Correct these problems in the file, then choose it again" role="alert">
      <ScrollArea.Autosize mah={220} type="auto">
        <Table verticalSpacing={4} horizontalSpacing="sm" aria-label="Problems in the file" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Row</Table.Th>
              <Table.Th w={160}>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((issue, index) => (
              <Table.Tr key={`${issue.row}-${issue.column ?? ''}-${index}`}>
                <Table.Td>{issue.row}</Table.Td>
                <Table.Td>
                  {issue.column ? (
                    <Code fz="xs">{issue.column}</Code>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {errors.length >= 1000 ? (
        <Text size="xs" mt={4}>
          Only the first 1,000 problems are listed.
        </Text>
      ) : null}
    </Alert>
  );
}

function PreviewTable({ result }: { result: SystemImportResult }) {
  if (result.preview.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        What would happen
        {result.rows > result.preview.length ? (
          <Text span size="xs" c="dimmed" fw={400}>
            {' '}
            (the first {result.preview.length} of {result.rows} rows)
          </Text>
        ) : null}
      </Text>
      <Paper withBorder radius="md">
        <ScrollArea.Autosize mah={280} type="auto">
          <Table verticalSpacing={4} horizontalSpacing="sm" stickyHeader aria-label="Import preview" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Row</Table.Th>
                <Table.Th w={110}>Action</Table.Th>
                <Table.Th w={130}>Ref</Table.Th>
                <Table.Th>Name</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.preview.map((row) => (
                <Table.Tr key={row.row} data-import-action={row.action}>
                  <Table.Td>{row.row}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" radius="sm" variant="light" color={actionStyle[row.action].color}>
                      {actionStyle[row.action].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {row.ref ??
                        (row.action === 'create' ? (
                          <Text span c="dimmed" size="xs" ff="inherit">
                            assigned
                          </Text>
                        ) : (
                          '—'
                        ))}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}

function ImportContent({ org, onClose, onImported }: Omit<ImportSystemsModalProps, 'opened'>) {
  const check = useImportSystems(org);
  const commit = useImportSystems(org);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<SystemImportResult | null>(null);

  const contentType = file ? contentTypeOf(file) : null;
  const failedCommit = resultOf(commit.error);
  // After a rejected commit its result is the latest word on the file.
  const result = failedCommit ?? check.data ?? resultOf(check.error);
  const toImport = result ? result.created + result.updated : 0;

  const onFile = (picked: File | null) => {
    check.reset();
    commit.reset();
    setFile(picked);
    setFileError(null);
    if (!picked) return;
    const type = contentTypeOf(picked);
    if (!type) {
      setFileError('Choose a .csv or .xlsx file.');
      return;
    }
    if (picked.size > MAX_BYTES) {
      setFileError(`The file is ${formatSize(picked.size)}; the limit is 20 MB.`);
      return;
    }
    check.mutate({ file: picked, contentType: type, dryRun: true });
  };

  const onCommit = () => {
    if (!file || !contentType) return;
    commit.mutate(
      { file, contentType, dryRun: false },
      {
        onSuccess: (committed) => {
          setDone(committed);
          onImported(committed);
        },
      },
    );
  };

  if (done) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" title="Import complete" role="status">
          {done.created} {done.created === 1 ? 'AI system was' : 'AI systems were'} added and {done.updated} updated
          {done.unchanged ? `; ${done.unchanged} ${done.unchanged === 1 ? 'row was' : 'rows were'} unchanged` : ''}. Every change is
          recorded in the audit log.
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const otherCheckError = check.error && !resultOf(check.error) ? check.error : null;
  const otherCommitError = commit.error && !failedCommit ? commit.error : null;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Add or update many AI systems at once from a spreadsheet. The file is checked first and nothing changes until you confirm; if any
        row has a problem, nothing is imported.
      </Text>
      <FileInput
        label="Spreadsheet"
        description="CSV (.csv) or Excel (.xlsx), up to 20 MB"
        placeholder="Choose a file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={onFile}
        error={fileError}
        clearable
        data-autofocus
      />
      {check.isPending ? (
        <Text size="sm" c="dimmed" role="status">
          Checking {file?.name}…
        </Text>
      ) : null}
      <ErrorAlert error={otherCheckError} title="The file could not be checked" />
      {result ? (
        <Stack gap="sm">
          <Summary result={result} />
          {result.errors.length > 0 ? <ErrorsTable errors={result.errors} /> : null}
          <PreviewTable result={result} />
        </Stack>
      ) : null}
      <ErrorAlert error={otherCommitError} title="The import failed" />
      {!file ? <FormatHelp /> : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={commit.isPending}>
          Cancel
        </Button>
        <Button
          onClick={onCommit}
          loading={commit.isPending}
          disabled={!result || result.errors.length > 0 || toImport === 0 || check.isPending}
          data-testid="import-commit"
        >
          {!result ? 'Import' : toImport === 0 ? 'Nothing to import' : `Import ${toImport} ${toImport === 1 ? 'system' : 'systems'}`}
        </Button>
      </Group>
    </Stack>
  );
}
