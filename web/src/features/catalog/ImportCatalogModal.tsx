import { Button, FileInput, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { catalogPaths, useImportCatalog, type CatalogImportResult } from './api.ts';
import { ImportError } from './ImportError.tsx';
import { ImportFormatHelp } from './ImportFormatHelp.tsx';
import { ImportResultView } from './ImportResultView.tsx';

/** The API takes up to 5,000,000 characters; a file of at most 5 MB (decimal) always fits. */
const MAX_BYTES = 5_000_000;
const ACCEPTED = /\.(ya?ml|json)$/i;
/** The name the API quotes in its messages for pasted text ("pasted:17: …"). */
const PASTED_NAME = 'pasted';

type Source = 'file' | 'paste';

export interface ImportCatalogModalProps {
  org: string;
  opened: boolean;
  onClose: () => void;
}

export function ImportCatalogModal({ org, opened, onClose }: ImportCatalogModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import a framework or crosswalk" size="xl" centered>
      {opened ? <ImportContent org={org} onClose={onClose} /> : null}
    </Modal>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function ImportContent({ org, onClose }: { org: string; onClose: () => void }) {
  const importCatalog = useImportCatalog(org);
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<File | null>(null);
  const [fileText, setFileText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [result, setResult] = useState<CatalogImportResult | null>(null);
  // What was sent, so an error's line can be quoted even after the text is edited.
  const [submitted, setSubmitted] = useState<string | null>(null);

  const startOver = () => {
    importCatalog.reset();
    setResult(null);
    setFile(null);
    setFileText('');
    setPasted('');
  };

  if (result) {
    return (
      <Stack gap="md">
        <ImportResultView result={result} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={startOver}>
            Import another
          </Button>
          {result.type === 'framework' ? (
            <Button variant="light" component={Link} to={catalogPaths.framework(org, result.id)} onClick={onClose}>
              Open the framework
            </Button>
          ) : null}
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const onFile = async (picked: File | null) => {
    importCatalog.reset();
    setFile(picked);
    setFileText('');
    setFileError(null);
    if (!picked) return;
    if (!ACCEPTED.test(picked.name)) {
      setFileError('Choose a .yaml, .yml or .json file.');
      return;
    }
    if (picked.size > MAX_BYTES) {
      setFileError(`The file is ${formatSize(picked.size)}; the limit is 5 MB.`);
      return;
    }
    try {
      setFileText(await picked.text());
    } catch {
      setFileError('The file could not be read. Try again, or paste its content instead.');
    }
  };

  const content = source === 'file' ? fileText : pasted;
  const ready = content.trim().length > 0 && (source === 'paste' || !fileError);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setSubmitted(content);
    importCatalog.mutate({ content, fileName: source === 'file' && file ? file.name : PASTED_NAME }, { onSuccess: setResult });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Load your own framework (internal rules, a customer&apos;s requirements, a sector standard) or a crosswalk that links two
          frameworks. Only your organization sees what you import, and every import is recorded in the audit log.
        </Text>
        <SegmentedControl
          aria-label="How to provide the file"
          value={source}
          onChange={(value) => {
            importCatalog.reset();
            setSource(value === 'paste' ? 'paste' : 'file');
          }}
          data={[
            { value: 'file', label: 'Upload a file' },
            { value: 'paste', label: 'Paste text' },
          ]}
          fullWidth
        />
        {source === 'file' ? (
          <FileInput
            label="File to import"
            description="YAML (.yaml, .yml) or JSON (.json), up to 5 MB. The file is read in your browser and sent as text."
            placeholder="Choose a file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            value={file}
            onChange={(picked) => void onFile(picked)}
            error={fileError}
            clearable
          />
        ) : (
          <Textarea
            label="Framework or crosswalk (YAML or JSON)"
            description="Paste the whole file. Line numbers in error messages count from the first line you paste."
            value={pasted}
            onChange={(e) => setPasted(e.currentTarget.value)}
            autosize
            minRows={10}
            maxRows={18}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            data-autofocus
          />
        )}
        {source === 'file' && file && fileText ? (
          <Text size="xs" c="dimmed">
            {file.name}: {formatSize(file.size)}, {lineCount(fileText)} lines, ready to import.
          </Text>
        ) : null}
        <ImportError error={importCatalog.error} content={submitted ?? undefined} />
        <ImportFormatHelp />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={importCatalog.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={importCatalog.isPending} disabled={!ready}>
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
