import { Autocomplete, Button, Group, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { actionGroups, knownActions, knownEntityTypes } from './actions.ts';
import type { AuditFilters } from './api.ts';

export interface AuditFilterForm {
  action: string;
  entityType: string;
  /** yyyy-mm-dd, local time. */
  fromDate: string;
  toDate: string;
}

export const emptyFilterForm: AuditFilterForm = { action: '', entityType: '', fromDate: '', toDate: '' };

/** Turns the form into API filters: whole local days become ISO date-times. */
export function toApiFilters(form: AuditFilterForm): AuditFilters {
  const filters: AuditFilters = {};
  if (form.action.trim()) filters.action = form.action.trim();
  if (form.entityType.trim()) filters.entityType = form.entityType.trim();
  if (form.fromDate) filters.from = new Date(`${form.fromDate}T00:00:00`).toISOString();
  if (form.toDate) filters.to = new Date(`${form.toDate}T23:59:59.999`).toISOString();
  return filters;
}

const actionData = [
  { group: 'Action groups', items: actionGroups.map((g) => ({ value: g.value, label: g.value })) },
  { group: 'Actions', items: [...knownActions] },
];

export interface AuditLogFiltersProps {
  value: AuditFilterForm;
  onApply: (form: AuditFilterForm) => void;
}

/** Filters of the audit log, applied together when the form is submitted. */
export function AuditLogFilters({ value, onApply }: AuditLogFiltersProps) {
  const [form, setForm] = useState<AuditFilterForm>(value);
  const [dateError, setDateError] = useState<string | null>(null);
  const set = (patch: Partial<AuditFilterForm>) => setForm((prev) => ({ ...prev, ...patch }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (form.fromDate && form.toDate && form.fromDate > form.toDate) {
      setDateError('The end date is before the start date');
      return;
    }
    setDateError(null);
    onApply(form);
  };
  const reset = () => {
    setForm(emptyFilterForm);
    setDateError(null);
    onApply(emptyFilterForm);
  };
  const dirty = JSON.stringify(form) !== JSON.stringify(value);
  const active = JSON.stringify(value) !== JSON.stringify(emptyFilterForm);

  return (
    <Paper withBorder radius="md" p="md" mb="md" component="form" onSubmit={onSubmit} aria-label="Audit log filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Autocomplete
          label="Action"
          description="A group like member. or a full action"
          placeholder="Any action"
          data={actionData}
          value={form.action}
          onChange={(action) => set({ action })}
          maxLength={100}
          clearable
        />
        <Autocomplete
          label="Entity type"
          description="What the entry is about"
          placeholder="Any entity"
          data={[...knownEntityTypes]}
          value={form.entityType}
          onChange={(entityType) => set({ entityType })}
          maxLength={64}
          clearable
        />
        <TextInput
          label="From"
          description="On or after this day"
          type="date"
          value={form.fromDate}
          onChange={(e) => set({ fromDate: e.currentTarget.value })}
        />
        <TextInput
          label="To"
          description="On or before this day"
          type="date"
          value={form.toDate}
          onChange={(e) => set({ toDate: e.currentTarget.value })}
          error={dateError}
        />
      </SimpleGrid>
      <Group justify="flex-end" gap="sm" mt="md">
        <Button variant="default" onClick={reset} disabled={!active && !dirty}>
          Reset
        </Button>
        <Button type="submit" variant={dirty ? 'filled' : 'light'}>
          Apply filters
        </Button>
      </Group>
    </Paper>
  );
}
