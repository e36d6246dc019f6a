import { Alert, Code, Group, List, Stack, Text } from '@mantine/core';
import { ApiError } from '../../lib/api.ts';
import { messageOf } from '../../lib/components/ErrorAlert.tsx';

interface ImportIssue {
  path: string;
  message: string;
  line: number | null;
  entry: string | null;
}

/** The problems of a rejected file, as the API lists them (`details.issues`, with line numbers). */
function importIssues(error: ApiError): ImportIssue[] {
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = (details as { issues: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues
    .filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null && typeof i.message === 'string')
    .map((i) => ({
      path: typeof i.path === 'string' ? i.path : '',
      message: String(i.message),
      line: typeof i.line === 'number' ? i.line : null,
      entry: typeof i.entry === 'string' ? i.entry : null,
    }));
}

const titles: Record<string, string> = {
  validation_failed: 'The file was not imported: it has a problem',
  conflict: 'The file was not imported: it clashes with what is loaded',
  forbidden: 'You may not import',
};

/** Why an import failed: the API's message word for word (file:line: entry (path) problem), then any further problems. */
export function ImportError({ error, content }: { error: unknown; content?: string }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <Alert color="red" variant="light" title="The file was not imported" role="alert">
        {messageOf(error)}
      </Alert>
    );
  }
  const issues = importIssues(error);
  const more = issues.slice(1);
  const firstLine = issues[0]?.line;
  const lineText = firstLine && content !== undefined ? content.split(/\r?\n/)[firstLine - 1] : undefined;
  return (
    <Alert color="red" variant="light" title={titles[error.code] ?? 'The file was not imported'} role="alert">
      <Stack gap="xs">
        {firstLine ? (
          <Group gap="sm" wrap="nowrap" align="baseline">
            <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
              Line {firstLine}
            </Text>
            {lineText?.trim() ? (
              <Code style={{ whiteSpace: 'pre', overflow: 'hidden', textOverflow: 'ellipsis' }}>{lineText.trim()}</Code>
            ) : null}
          </Group>
        ) : null}
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="import-error-message">
          {error.message}
        </Code>
        {more.length > 0 ? (
          <>
            <Text size="sm">{more.length === 1 ? 'One more problem:' : `${more.length} more problems:`}</Text>
            <List size="sm" spacing={2}>
              {more.map((issue, index) => (
                <List.Item key={index}>
                  {issue.line ? `Line ${issue.line}: ` : ''}
                  {issue.entry ? `${issue.entry} ` : ''}
                  {issue.path ? `(${issue.path}) ` : ''}
                  {issue.message}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
        {error.code === 'validation_failed' ? (
          <Text size="xs" c="dimmed">
            Nothing was changed. Correct the file and import it again.
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
