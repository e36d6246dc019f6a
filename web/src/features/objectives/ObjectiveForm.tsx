import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { FormError } from '../inventory/form-helpers.tsx';
import { fieldError } from '../monitoring/form-errors.ts';
import { objectiveStatusList, statusDescriptions, statusLabels } from './labels.ts';
import { MeasureFields } from './MeasureFields.tsx';
import type { ObjectiveFormState } from './objective-form.ts';
import { useAnnexCTopics } from './topics.ts';
import { PaperSection } from '../../lib/components/RecordParts.tsx';

const FIELDS = [
  'title',
  'description',
  'topics',
  'policyLink',
  'owner',
  'targetDate',
  'actions',
  'resources',
  'evaluation',
  'status',
  'measure',
] as const;

export interface ObjectiveFormProps {
  org: string;
  /** The form's accessible name. */
  label: string;
  initial: ObjectiveFormState;
  error: unknown;
  errorTitle: string;
  /** Shown instead of the error when someone else saved the objective meanwhile (409). */
  conflict?: ReactNode;
  pending: boolean;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (form: ObjectiveFormState) => void;
}

/**
 * An AI objective's fields as ISO/IEC 42001 6.2 asks for them — what, why, who, by when, with what,
 * how it is evaluated — and an optional measure by a monitoring plan. The API's complaints are shown
 * at the fields they name.
 */
export function ObjectiveForm({
  org,
  label,
  initial,
  error,
  errorTitle,
  conflict,
  pending,
  submitLabel,
  cancelTo,
  onSubmit,
}: ObjectiveFormProps) {
  const [form, setForm] = useState<ObjectiveFormState>(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof ObjectiveFormState>(key: K, value: ObjectiveFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (field: string) => fieldError(error, field);
  const topics = useAnnexCTopics(org);
  // Topics saved before the catalog changed still show as chosen.
  const topicData = [
    ...topics.options,
    ...form.topics.filter((t) => !topics.options.some((o) => o.value === t)).map((t) => ({ value: t, label: t })),
  ];
  const titleMissing = tried && !form.title.trim();
  const ownerMissing = tried && !form.owner.trim();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!form.title.trim() || !form.owner.trim()) return;
    onSubmit(form);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="lg" maw={980}>
        <FormError error={error} fields={FIELDS} title={errorTitle} conflict={conflict} />

        <PaperSection id="objective-what" title="The objective" description="What is to be achieved, and why.">
          <TextInput
            label="Title"
            description="The result in one line"
            placeholder="e.g. Shortlisting treats applicant groups alike"
            withAsterisk
            maxLength={300}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={titleMissing ? 'Give the objective a title' : err('title')}
          />
          <Textarea
            label="Description"
            description="What is to be achieved, and why it matters"
            autosize
            minRows={2}
            maxRows={10}
            maxLength={4000}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={err('description')}
          />
          <MultiSelect
            label="Topics"
            description="The objectives of Annex C this one serves"
            placeholder={form.topics.length === 0 ? (topics.isPending ? 'Loading the catalog…' : 'e.g. C.2.5 Fairness') : undefined}
            data={topicData}
            value={form.topics}
            onChange={(v) => set('topics', v)}
            searchable
            hidePickedOptions
            clearable
            maxValues={11}
            nothingFoundMessage={topics.isError ? 'Could not load the catalog' : 'No topic matches'}
            error={err('topics')}
            maxDropdownHeight={300}
          />
          <Textarea
            label="How it follows from the AI policy"
            description="The commitment of the AI policy this objective puts into practice"
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            value={form.policyLink}
            onChange={(e) => set('policyLink', e.currentTarget.value)}
            error={err('policyLink')}
          />
        </PaperSection>

        <PaperSection id="objective-plan" title="Planning" description="Who is responsible, by when, what will be done and with what.">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              label="Owner"
              description="Who is responsible for it"
              withAsterisk
              maxLength={200}
              value={form.owner}
              onChange={(e) => set('owner', e.currentTarget.value)}
              error={ownerMissing ? 'Name who is responsible' : err('owner')}
            />
            <TextInput
              label="Target date"
              description="When it is to be achieved"
              type="date"
              value={form.targetDate}
              onChange={(e) => set('targetDate', e.currentTarget.value)}
              error={err('targetDate')}
            />
            <Select
              label="Status"
              description={statusDescriptions[form.status]}
              data={objectiveStatusList.map((s) => ({ value: s, label: statusLabels[s] }))}
              value={form.status}
              onChange={(v) => v && set('status', v as ObjectiveFormState['status'])}
              allowDeselect={false}
              error={err('status')}
            />
          </SimpleGrid>
          <Textarea
            label="What will be done"
            description="The actions that lead to the result"
            autosize
            minRows={2}
            maxRows={10}
            maxLength={4000}
            value={form.actions}
            onChange={(e) => set('actions', e.currentTarget.value)}
            error={err('actions')}
          />
          <Textarea
            label="Resources"
            description="People, time, budget and tools it needs"
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            value={form.resources}
            onChange={(e) => set('resources', e.currentTarget.value)}
            error={err('resources')}
          />
        </PaperSection>

        <PaperSection
          id="objective-evaluation"
          title="How results are evaluated"
          description="A monitoring plan can measure the objective: each run is compared with the target. Otherwise, say how the result will be judged."
        >
          <Switch
            label="Measured by a monitoring plan"
            checked={form.measured}
            onChange={(e) => set('measured', e.currentTarget.checked)}
          />
          {form.measured ? (
            <MeasureFields
              org={org}
              form={form}
              onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
              // A complaint about the measure as a whole (e.g. the plan is gone) is shown at the plan.
              errorOf={(f) =>
                err(`measure.${f}`) ?? (f === 'planId' && error instanceof ApiError ? error.fieldError('measure') : undefined)
              }
            />
          ) : null}
          <Textarea
            label={form.measured ? 'Anything else about the evaluation' : 'How the results are evaluated'}
            description={
              form.measured
                ? 'Optional: who reviews the measurements, and when'
                : 'What evidence shows the objective is reached, and who judges it'
            }
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            value={form.evaluation}
            onChange={(e) => set('evaluation', e.currentTarget.value)}
            error={err('evaluation')}
          />
        </PaperSection>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={cancelTo} disabled={pending}>
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
