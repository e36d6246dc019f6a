import { Button, CloseButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useId, useRef, useState, type DragEvent } from 'react';
import type { UploadProgress } from './api.ts';
import { acceptedExtensions, formatBytes } from './labels.ts';

export interface FileDropProps {
  file: File | null;
  onFile: (file: File | null) => void;
  /** While uploading: how far it has got. */
  progress: UploadProgress | null;
  disabled?: boolean;
  error?: string | undefined;
  label?: string;
}

const accept = acceptedExtensions.map((e) => `.${e}`).join(',');

/** A file chosen by dropping it here or with the file picker, and the upload's progress. */
export function FileDrop({ file, onFile, progress, disabled = false, error, label = 'File' }: FileDropProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    <Stack gap={6}>
      <Text component="label" htmlFor={id} size="sm" fw={500}>
        {label}{' '}
        <Text span c="red" aria-hidden="true">
          *
        </Text>
      </Text>
      <Paper
        withBorder
        radius="md"
        p="lg"
        data-testid="file-drop"
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
          transition: 'background 120ms, border-color 120ms',
        }}
      >
        <input
          ref={input}
          id={id}
          type="file"
          accept={accept}
          hidden
          disabled={disabled}
          onChange={(e) => {
            onFile(e.currentTarget.files?.[0] ?? null);
            e.currentTarget.value = '';
          }}
        />
        {file ? (
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="chosen-file">
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
                  <CloseButton aria-label="Remove the chosen file" onClick={() => onFile(null)} />
                </Group>
              ) : null}
            </Group>
            {progress ? (
              <Stack gap={4}>
                <Progress value={percent} size="md" radius="xl" animated={percent < 100} aria-label="Upload progress" />
                <Text size="xs" c="dimmed" role="status" aria-live="polite" data-testid="upload-progress">
                  {percent < 100
                    ? `Uploading… ${percent}% (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})`
                    : 'Uploaded; the server is checking and storing the file…'}
                </Text>
              </Stack>
            ) : null}
          </Stack>
        ) : (
          <Stack gap={6} align="center" py="sm">
            <svg
              width={32}
              height={32}
              viewBox="0 0 24 24"
              fill="none"
              stroke="var(--mantine-color-teal-7)"
              strokeWidth={1.6}
              aria-hidden="true"
            >
              <path d="M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 001 1h14a1 1 0 001-1v-3" />
            </svg>
            <Text size="sm" fw={500}>
              Drop a file here, or{' '}
              <Button variant="subtle" size="compact-sm" onClick={() => input.current?.click()} disabled={disabled}>
                choose a file
              </Button>
            </Text>
            <Text size="xs" c="dimmed" ta="center" maw={520}>
              PDF, images (PNG, JPEG, GIF, WebP), text (TXT, Markdown, CSV, JSON, XML, YAML), Office and OpenDocument files, or ZIP
              archives. Programs, scripts and web pages are refused.
            </Text>
          </Stack>
        )}
      </Paper>
      {error ? (
        <Text size="sm" c="red.7" role="alert" data-testid="file-error">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
