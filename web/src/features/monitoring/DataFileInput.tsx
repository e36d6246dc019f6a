import { Button, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useId, useRef, useState, type DragEvent } from 'react';
import { formatBytes } from '../evidence/labels.ts';

export interface DataFileInputProps {
  /** The multipart field the file is sent as; also marks the element for tests (`data-field`). */
  field: string;
  label: string;
  description: string;
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
  error?: string | undefined;
}

/** One CSV or Parquet file, dropped here or chosen with the file picker, with the server's complaint about it below. */
export function DataFileInput({ field, label, description, file, onFile, disabled = false, error }: DataFileInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const errorId = `${id}-error`;

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (!disabled && dropped) onFile(dropped);
  };

  return (
    <Stack gap={4} data-field={field}>
      <Text component="label" htmlFor={id} size="sm" fw={500}>
        {label}{' '}
        <Text span c="red" aria-hidden="true">
          *
        </Text>
      </Text>
      <Text size="xs" c="dimmed">
        {description}
      </Text>
      <Paper
        withBorder
        radius="md"
        px="md"
        py="sm"
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: error ? 'var(--mantine-color-red-6)' : over ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-4)',
          background: over ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-gray-0)',
        }}
      >
        <input
          ref={input}
          id={id}
          type="file"
          name={field}
          accept=".csv,.parquet,.tsv,.txt,text/csv"
          hidden
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            onFile(e.currentTarget.files?.[0] ?? null);
            e.currentTarget.value = '';
          }}
        />
        {file ? (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid={`chosen-${field}`}>
                {file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(file.size)}
              </Text>
            </Stack>
            {!disabled ? (
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" size="xs" onClick={() => input.current?.click()}>
                  Choose another
                </Button>
                <CloseButton aria-label={`Remove the ${label.toLowerCase()} file`} onClick={() => onFile(null)} />
              </Group>
            ) : null}
          </Group>
        ) : (
          <Text size="sm">
            Drop a CSV or Parquet file here, or{' '}
            <Button variant="subtle" size="compact-sm" onClick={() => input.current?.click()} disabled={disabled}>
              choose a file
            </Button>
          </Text>
        )}
      </Paper>
      {error ? (
        <Text size="sm" c="red.7" id={errorId} role="alert" data-testid={`${field}-error`}>
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
