import { Badge, Button, Checkbox, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { dayOrNull, fieldErrorOf, focusFirstInvalid, FormError } from '../inventory/form-helpers.tsx';
import {
  useCreateImpactAssessment,
  useImpactTemplates,
  useSystemById,
  type ImpactAssessment,
  type ImpactTemplate,
  type ImpactTrigger,
} from './api.ts';
import { TemplateOriginBadge } from './ImpactBadges.tsx';
import { impactTriggers, plural, templateFields, triggerDescriptions, triggerLabels } from './labels.ts';
import { SystemSelect, type SystemChoice } from './SystemSelect.tsx';

const FIELDS = ['systemId', 'templateId', 'title', 'triggers', 'reviewDue'] as const;

/** A short name for the default title: "FRIA", "Impact assessment", or the template's own name. */
function shortName(template: ImpactTemplate): string {
  if (template.id === 'eu-fria-art27') return 'FRIA';
  if (template.id === 'aisia-42001') return 'Impact assessment';
  return template.name;
}

function defaultTitle(template: ImpactTemplate | undefined, system: SystemChoice | null): string {
  if (!template || !system) return '';
  return `${shortName(template)}: ${system.name}`;
}

function TemplateCard({ template }: { template: ImpactTemplate }) {
  const questions = templateFields(template).length;
  return (
    <Radio.Card value={template.id} radius="md" p="sm" aria-label={template.name} data-template={template.id}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {template.name}
            </Text>
            <Text size="xs" c="dimmed">
              version {template.version}
            </Text>
            <TemplateOriginBadge origin={template.origin} size="xs" />
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {template.description}
          </Text>
          <Group gap={4}>
            {template.basis.map((b) => (
              <Badge key={b} size="xs" radius="sm" variant="default" tt="none" ff="monospace" fw={600}>
                {b}
              </Badge>
            ))}
            <Text size="xs" c="dimmed" ml={4}>
              {plural(template.sections.length, 'section')} · {plural(questions, 'question')} ·{' '}
              {plural(template.impactAreas.length, 'impact area')}
            </Text>
          </Group>
        </Stack>
      </Group>
    </Radio.Card>
  );
}

interface StartFormProps {
  org: string;
  initialSystemId: string | null;
  onCancel: () => void;
  onCreated: (assessment: ImpactAssessment) => void;
}

function StartForm({ org, initialSystemId, onCancel, onCreated }: StartFormProps) {
  const templates = useImpactTemplates(org);
  const create = useCreateImpactAssessment(org);
  const preset = useSystemById(org, initialSystemId);
  const [system, setSystem] = useState<SystemChoice | null>(null);
  const [presetTaken, setPresetTaken] = useState(false);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [triggers, setTriggers] = useState<ImpactTrigger[]>([]);
  const [reviewDue, setReviewDue] = useState('');
  const [tried, setTried] = useState(false);

  // The AI system handed over by the system page, once it has loaded.
  if (initialSystemId && !presetTaken && preset.data) {
    setPresetTaken(true);
    setSystem({ id: preset.data.id, ref: preset.data.ref, name: preset.data.name });
  }
  // The first template (the ISO/IEC 42001 assessment) is chosen to begin with.
  const firstTemplate = templates.data?.[0];
  if (templateId === null && firstTemplate) setTemplateId(firstTemplate.id);

  const template = templates.data?.find((t) => t.id === templateId);
  const shownTitle = titleTouched ? title : defaultTitle(template, system);
  const err = (field: (typeof FIELDS)[number]) => fieldErrorOf(create.error, field);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!system || !template || !shownTitle.trim()) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    create.mutate(
      {
        systemId: system.id,
        templateId: template.id,
        title: shownTitle.trim(),
        triggers,
        answers: {},
        impacts: [],
        reviewDue: dayOrNull(reviewDue),
      },
      { onSuccess: onCreated },
    );
  };

  if (templates.isPending) return <LoadingState label="Loading the templates…" />;
  if (templates.isError) return <ErrorAlert error={templates.error} title="Could not load the templates" />;

  return (
    <form onSubmit={submit} noValidate aria-label="Start impact assessment">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          An impact assessment (ISO/IEC 42001 6.1.4, 8.4) looks at the consequences an AI system can have for individuals, groups and
          society. The questions the AI system record already answers (purpose, intended use, affected persons, automation …) are filled in
          from the inventory.
        </Text>
        <FormError error={create.error} fields={FIELDS} title="Could not start the assessment" />
        <SystemSelect
          org={org}
          value={system}
          onChange={setSystem}
          required
          autoFocus={!initialSystemId}
          error={tried && !system ? 'Choose the AI system to assess' : err('systemId')}
        />
        <Radio.Group
          label="Template"
          description="What the assessment asks. Built-in templates ship with Trellis; owners and AIMS managers can add your organization’s own."
          value={templateId}
          onChange={setTemplateId}
          required
          error={tried && !template ? 'Choose a template' : err('templateId')}
        >
          <Stack gap="xs" mt="xs">
            {templates.data.map((t) => (
              <TemplateCard key={t.id} template={t} />
            ))}
          </Stack>
        </Radio.Group>
        {template ? (
          <Paper bg="gray.0" radius="sm" p="sm" aria-label="About the chosen template">
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
              About this template
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {template.description || 'No description.'}
            </Text>
            {template.basis.length ? (
              <Text size="xs" c="dimmed" mt={6}>
                Basis: {template.basis.join(', ')}
              </Text>
            ) : null}
          </Paper>
        ) : null}
        <TextInput
          label="Title"
          required
          maxLength={300}
          value={shownTitle}
          onChange={(e) => {
            setTitleTouched(true);
            setTitle(e.currentTarget.value);
          }}
          error={tried && !shownTitle.trim() ? 'Give the assessment a title' : err('title')}
        />
        <Checkbox.Group
          label="Why it is carried out"
          description="The triggers that call for this assessment (ISO/IEC 42001 A.5.2): tick every one that applies."
          value={triggers}
          onChange={(v) => setTriggers(impactTriggers.filter((t) => v.includes(t)))}
          error={err('triggers')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" mt="xs">
            {impactTriggers.map((t) => (
              <Checkbox key={t} value={t} label={triggerLabels[t]} description={triggerDescriptions[t]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <TextInput
          label="Review due"
          description="When the assessment should be looked at again (optional)"
          type="date"
          styles={{ wrapper: { maxWidth: 220 } }}
          value={reviewDue}
          onChange={(e) => setReviewDue(e.currentTarget.value)}
          error={err('reviewDue')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Start assessment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export interface StartAssessmentModalProps {
  org: string;
  opened: boolean;
  /** The AI system to assess, when the form is opened from its page. */
  systemId: string | null;
  onClose: () => void;
  onCreated: (assessment: ImpactAssessment) => void;
}

export function StartAssessmentModal({ org, opened, systemId, onClose, onCreated }: StartAssessmentModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Start an impact assessment" size="xl" centered>
      {opened ? <StartForm org={org} initialSystemId={systemId} onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}
