import { Button, Menu } from '@mantine/core';
import { ChevronDownIcon } from '../../lib/components/icons.tsx';
import { soaExportUrl, type SoaExportFormat } from './api.ts';

const formats: readonly { format: SoaExportFormat; label: string; description: string }[] = [
  { format: 'xlsx', label: 'Excel workbook (XLSX)', description: 'For review and filtering' },
  { format: 'pdf', label: 'PDF', description: 'To hand to the certification body' },
  { format: 'docx', label: 'Word document (DOCX)', description: 'To edit or annotate' },
  { format: 'oscal', label: 'OSCAL JSON', description: 'For tools that read OSCAL' },
];

/** Downloads the SoA (live, or an approved version) in each export format. */
export function ExportMenu({ org, version }: { org: string; version?: number }) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={260}>
      <Menu.Target>
        <Button variant="default" rightSection={<ChevronDownIcon size={14} />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{version === undefined ? 'Export the live SoA' : `Export version ${version}`}</Menu.Label>
        {formats.map((f) => (
          <Menu.Item key={f.format} component="a" href={soaExportUrl(org, f.format, version)} download data-format={f.format}>
            {f.label}
            <br />
            <span style={{ fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>{f.description}</span>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
