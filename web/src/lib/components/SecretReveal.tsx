import { Alert, Button, CopyButton, Group, Stack, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SecretRevealProps {
  /** Label of the value, e.g. "Invitation link". */
  label: string;
  value: string;
  /** What the reader must know: it is shown once, how to use it. */
  note: ReactNode;
}

/** Shows a value that the server returns only once, with a copy button and a clear note. */
export function SecretReveal({ label, value, note }: SecretRevealProps) {
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Textarea
          label={label}
          value={value}
          readOnly
          autosize
          minRows={1}
          maxRows={4}
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, wordBreak: 'break-all' } }}
          style={{ flex: 1 }}
        />
        <CopyButton value={value} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
              miw={96}
              aria-label={`Copy ${label.toLowerCase()}`}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Alert color="yellow" variant="light" title="Shown only once">
        {note}
      </Alert>
    </Stack>
  );
}
