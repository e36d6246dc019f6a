import { Button, Grid, Group, Modal, Radio, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrorOf, focusFirstInvalid, FormError } from '../inventory/form-helpers.tsx';
import { useCreateAssessment, type RiskAssessment, type RiskAssessmentInput, type SystemRef } from './api.ts';
import { today } from './labels.ts';
import { SystemMultiSelect } from './SystemMultiSelect.tsx';

export interface AssessmentFormValues {
  title: string;
  scope: 'aims' | 'systems';
  systems: SystemRef[];
  participants: string[];
  method: string;
  performedOn: string;
}

export function emptyAssessmentForm(): AssessmentFormValues {
  const day = today();
  return {
    title: `AI risk assessment ${day.slice(0, 4)}`,
    scope: 'aims',
    systems: [],
    participants: [],
    method: '',
    performedOn: day,
  };
}

export function assessmentFormFrom(a: RiskAssessment): AssessmentFormValues {
  return {
    title: a.title,
    scope: a.scope,
    systems: a.systems.map((s) => ({ ...s })),
    participants: [...a.participants],
    method: a.method,
    performedOn: a.performedOn,
  };
}

export function assessmentInputFrom(values: AssessmentFormValues): Omit<RiskAssessmentInput, 'summary'> {
  return {
    title: values.title.trim(),
    scope: values.scope,
    systemIds: values.scope === 'systems' ? values.systems.map((s) => s.id) : [],
    participants: values.participants,
    method: values.method.trim(),
    performedOn: values.performedOn,
  };
}

const FIELDS = ['title', 'scope', 'systemIds', 'participants', 'method', 'performedOn'] as const;

export interface AssessmentFormProps {
  org: string;
  initial: AssessmentFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  conflict?: ReactNode;
  onSubmit: (values: AssessmentFormValues) => void;
  onCancel: () => void;
}

/** The frame of a risk assessment run (8.2): what it covers, who took part, how, and when. */
export function AssessmentForm({ org, initial, submitLabel, pending, error, conflict, onSubmit, onCancel }: AssessmentFormProps) {
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof AssessmentFormValues>(key: K, value: AssessmentFormValues[K]) =>
    setValues((prev) => ({ ...prev, [key]: value }));
  const err = (field: (typeof FIELDS)[number]) => fieldErrorOf(error, field);
  const titleMissing = tried && !values.title.trim();
  const dateMissing = tried && !values.performedOn;
  const systemsMissing = tried && values.scope === 'systems' && values.systems.length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!values.title.trim() || !values.performedOn || (values.scope === 'systems' && values.systems.length === 0)) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Risk assessment">
      <Stack gap="md">
        <FormError error={error} fields={FIELDS} conflict={conflict} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Title"
              required
              maxLength={300}
              value={values.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={titleMissing ? 'Give the assessment a title' : err('title')}
              data-autofocus
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Performed on"
              type="date"
              required
              value={values.performedOn}
              onChange={(e) => set('performedOn', e.currentTarget.value)}
              error={dateMissing ? 'Say when it was performed' : err('performedOn')}
            />
          </Grid.Col>
        </Grid>
        <Radio.Group
          label="Scope"
          description="What the assessment covers; its results are the open risks in that scope"
          value={values.scope}
          onChange={(v) => set('scope', v === 'systems' ? 'systems' : 'aims')}
          error={err('scope')}
        >
          <Group gap="xl" mt="xs">
            <Radio value="aims" label="The whole AIMS" description="Every open risk in the register" />
            <Radio value="systems" label="Chosen AI systems" description="The open risks of these AI systems" />
          </Group>
        </Radio.Group>
        {values.scope === 'systems' ? (
          <SystemMultiSelect
            org={org}
            value={values.systems}
            onChange={(v) => set('systems', v)}
            required
            error={systemsMissing ? 'Choose at least one AI system' : err('systemIds')}
          />
        ) : null}
        <TagsInput
          label="Participants"
          description="Who took part: names or roles. Press Enter after each."
          placeholder={values.participants.length === 0 ? 'e.g. Head of data science' : undefined}
          value={values.participants}
          onChange={(v) => set('participants', [...new Set(v.map((p) => p.trim()).filter(Boolean))])}
          maxTags={50}
          clearable
          error={err('participants')}
        />
        <Textarea
          label="Method"
          description="How the assessment was done: workshops, interviews, the sources of risk considered"
          maxLength={8000}
          autosize
          minRows={3}
          maxRows={8}
          value={values.method}
          onChange={(e) => set('method', e.currentTarget.value)}
          error={err('method')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export interface StartAssessmentModalProps {
  org: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (assessment: RiskAssessment) => void;
}

export function StartAssessmentModal({ org, opened, onClose, onCreated }: StartAssessmentModalProps) {
  const create = useCreateAssessment(org);
  return (
    <Modal opened={opened} onClose={onClose} title="Start a risk assessment" size="lg" centered>
      {opened ? (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A risk assessment (ISO/IEC 42001 8.2) is a dated review of the register for a scope. While it is a draft its results follow the
            register; approving it freezes them as the record of the assessment.
          </Text>
          <AssessmentForm
            org={org}
            initial={emptyAssessmentForm()}
            submitLabel="Start assessment"
            pending={create.isPending}
            error={create.error}
            onCancel={onClose}
            onSubmit={(values) => create.mutate({ ...assessmentInputFrom(values), summary: '' }, { onSuccess: onCreated })}
          />
        </Stack>
      ) : null}
    </Modal>
  );
}
