import { Alert, Button, Code, FileInput, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { formatBytes } from '../evidence/labels.ts';
import { flashState } from '../inventory/flash-state.ts';
import { monitoringPaths, useCountsRun, type EvaluationSpec } from './api.ts';
import {
  countsHeader,
  countsTemplate,
  csvLine,
  describeProblem,
  MAX_COUNT_ROWS,
  parseCounts,
  problemOfIssue,
  type CountsProblem,
} from './counts-csv.ts';
import { plural } from './labels.ts';
import { verdictText } from './outcomes.ts';

export type FairnessSpec = Extract<EvaluationSpec, { metric: 'fairness' }>;

/** The API takes bodies up to 16 MiB; 100,000 rows of counts fit in far less. */
const MAX_BYTES = 16 * 1024 * 1024;
/** Placeholder values of the example row, one per sensitive feature. */
const exampleValues = ['A', 'B', 'C', 'D', 'E'];

interface Refusal {
  title: string;
  problems: CountsProblem[];
  more: number;
}

function downloadTemplate(name: string, sensitive: string[]): void {
  const url = URL.createObjectURL(new Blob([countsTemplate(sensitive)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** What the table must look like: its header, an example row, and a template to fill in. */
function ExpectedTable({ planRef, sensitive }: { planRef: string; sensitive: string[] }) {
  const header = csvLine(countsHeader(sensitive));
  const example = csvLine([...sensitive.map((_, i) => exampleValues[i] ?? 'X'), '12', '3', '40', '5']);
  const placeholders = sensitive.map((s, i) => `${exampleValues[i] ?? 'X'} is a value of ${s}`).join(', ');
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0" maw={820} data-testid="counts-format">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Text size="sm" fw={500}>
            The table this plan takes
          </Text>
          <Button variant="default" size="xs" onClick={() => downloadTemplate(`${planRef}-counts.csv`, sensitive)}>
            Download a template
          </Button>
        </Group>
        <Code block data-testid="counts-header">
          {`${header}\n${example}`}
        </Code>
        <Text size="xs" c="dimmed">
          A header line, then one line per combination of values with its counts of true positives (tp), false positives (fp), true
          negatives (tn) and false negatives (fn). In the example, {placeholders}. Leave a value empty where it is missing. Up to{' '}
          {MAX_COUNT_ROWS.toLocaleString('en-US')} lines.
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * "New run" from confusion counts a team computed in its own pipeline: a small CSV (or the API's
 * JSON) chosen or pasted, read and checked in the browser, then posted as JSON. Problems name the
 * line and the column, the server's included.
 */
export function CountsRunForm({ org, plan }: { org: string; plan: { id: string; ref: string; spec: FairnessSpec } }) {
  const navigate = useNavigate();
  const run = useCountsRun(org, plan.id);
  const spec = plan.spec;
  const [file, setFile] = useState<File | null>(null);
  const [fileText, setFileText] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sentLines, setSentLines] = useState<number[] | null>(null);

  const countsSpec = useMemo(
    () => ({ sensitive: spec.sensitive, intersect: spec.intersect, minGroupSize: spec.minGroupSize }),
    [spec.sensitive, spec.intersect, spec.minGroupSize],
  );
  const text = file ? fileText : pasted.trim() === '' ? null : pasted;
  const parsed = useMemo(() => (text === null ? null : parseCounts(text, countsSpec, file?.name)), [text, countsSpec, file]);

  const changed = () => {
    run.reset();
    setRefusal(null);
  };

  const onFile = async (picked: File | null) => {
    changed();
    setFile(picked);
    setFileText(null);
    setFileError(null);
    if (!picked) return;
    if (picked.size > MAX_BYTES) {
      setFileError(
        `The file is ${formatBytes(picked.size)}: too large for counts, which take one line per combination of values. To send the rows themselves, choose “Data file” above.`,
      );
      return;
    }
    try {
      setFileText(await picked.text());
    } catch {
      setFileError('The file could not be read. Try again, or paste its content below.');
    }
  };

  // The server's complaints, in words, on the line of the table they came from.
  const serverProblems = run.error instanceof ApiError ? run.error.issues.map((i) => problemOfIssue(i.path, i.message, sentLines)) : [];
  const shown: Refusal | null =
    refusal ??
    (serverProblems.length > 0
      ? { title: 'The run was not recorded: the server refused these counts', problems: serverProblems, more: 0 }
      : null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run.reset();
    if (fileError) return;
    if (!parsed) {
      setRefusal({
        title: 'Nothing to run',
        problems: [{ line: null, column: null, message: 'Choose a file of counts, or paste the table below.' }],
        more: 0,
      });
      return;
    }
    if (!parsed.ok) {
      setRefusal({ title: 'The counts were not read; nothing was sent', problems: parsed.problems, more: parsed.more });
      return;
    }
    setRefusal(null);
    setSentLines(parsed.lines);
    run.mutate(parsed.body, {
      onSuccess: (saved) =>
        void navigate(monitoringPaths.run(org, saved.ref), {
          state: flashState(saved.status === 'breached' ? 'warning' : 'success', verdictText(saved), 'Run recorded'),
        }),
    });
  };

  const ready = parsed?.ok ? parsed.body : null;
  const predictions = Array.isArray(ready?.cells)
    ? ready.cells.reduce((n, c) => n + (Number(c.tp) || 0) + (Number(c.fp) || 0) + (Number(c.tn) || 0) + (Number(c.fn) || 0), 0)
    : null;

  return (
    <form onSubmit={submit} noValidate aria-label="New run from counts">
      <Stack gap="md">
        <Text size="sm" c="dimmed" maw={820}>
          Counts let the rows of personal data stay with your team: your pipeline counts the right and wrong predictions of each group, and
          Trellis computes the same fairness report from those counts as from the rows. It checks the thresholds and keeps the run as
          evidence, as for a data file.
        </Text>
        <ExpectedTable planRef={plan.ref} sensitive={spec.sensitive} />
        <FileInput
          label="Counts file"
          description="CSV, or JSON in the API’s own format. Read in your browser; only the counts are sent."
          placeholder="Choose a CSV or JSON file"
          accept=".csv,.json,.txt,text/csv,application/json"
          value={file}
          onChange={(picked) => void onFile(picked)}
          error={fileError}
          clearable
          disabled={run.isPending}
          maw={820}
          data-testid="counts-file"
        />
        {file ? null : (
          <Textarea
            label="Or paste the table"
            description="Line numbers in messages count from the first line pasted."
            placeholder={csvLine(countsHeader(spec.sensitive))}
            value={pasted}
            onChange={(e) => {
              changed();
              setPasted(e.currentTarget.value);
            }}
            disabled={run.isPending}
            autosize
            minRows={4}
            maxRows={14}
            spellCheck={false}
            maw={820}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
        )}
        {ready && Array.isArray(ready.cells) && !shown ? (
          <Text size="sm" c="teal.8" role="status" data-testid="counts-ready">
            {plural(ready.cells.length, 'row')} of counts
            {predictions !== null && predictions > 0 ? `, ${plural(predictions, 'prediction')} in all` : ''}: ready to run.
          </Text>
        ) : null}
        {shown ? (
          <Alert color="red" variant="light" title={shown.title} role="alert" maw={820} data-testid="counts-refused">
            <List size="sm" spacing={2}>
              {shown.problems.map((p, i) => (
                <List.Item key={i}>{describeProblem(p)}</List.Item>
              ))}
            </List>
            {shown.more > 0 ? (
              <Text size="sm" mt={4}>
                And {plural(shown.more, 'more problem')}.
              </Text>
            ) : null}
          </Alert>
        ) : run.error ? (
          <ErrorAlert error={run.error} title="The run was not recorded" />
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={run.isPending}>
            Run the plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
