import {
  ActionIcon,
  Alert,
  Button,
  ColorInput,
  Divider,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { ChevronDownIcon } from '../../lib/components/icons.tsx';
import { roleOptions, type Role } from '../../lib/roles.ts';
import { focusFirstInvalid, FormError, FormSection } from '../inventory/form-helpers.tsx';
import { useSaveCriteria, type RiskCriteria, type RiskCriteriaContent } from './api.ts';
import {
  addLevel,
  cloneContent,
  cycleCell,
  editLevel,
  editStep,
  levelSwatches,
  MAX_LEVELS,
  MAX_STEPS,
  MIN_LEVELS,
  MIN_STEPS,
  moveLevel,
  removeLevel,
  renameLevelId,
  resizeScale,
  slugify,
  uniqueId,
  type ScaleName,
} from './criteria-edit.ts';
import { MatrixGrid } from './MatrixGrid.tsx';

/** Roles that can write records, and so can accept a residual risk. */
const acceptingRoleValues: readonly Role[] = ['owner', 'aims-manager', 'contributor'];

const FIELDS = ['content', 'note'] as const;

function XIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  );
}

interface ScaleEditorProps {
  name: ScaleName;
  title: string;
  content: RiskCriteriaContent;
  onChange: (content: RiskCriteriaContent) => void;
  errorAt: (path: string) => string | undefined;
  showMissing: boolean;
}

function ScaleEditor({ name, title, content, onChange, errorAt, showMissing }: ScaleEditorProps) {
  const scale = content[name];
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Text fw={600} size="sm">
            {title} scale
          </Text>
          <NumberInput
            label="Steps"
            aria-label={`Number of ${name} steps`}
            min={MIN_STEPS}
            max={MAX_STEPS}
            clampBehavior="strict"
            allowDecimal={false}
            w={90}
            size="xs"
            value={scale.length}
            onChange={(v) => typeof v === 'number' && onChange(resizeScale(content, name, v))}
            error={errorAt(`content.${name}`)}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Step 1 is the lowest. Give each step a short label and a definition people can apply consistently.
        </Text>
        <Stack gap="xs">
          {scale.map((step, index) => {
            const missing = showMissing && !step.label.trim();
            return (
              <Grid key={step.value} gap="xs" align="flex-start">
                <Grid.Col span={{ base: 2, sm: 1 }}>
                  <Text size="sm" ff="monospace" fw={600} pt={6} ta="center">
                    {step.value}
                  </Text>
                </Grid.Col>
                <Grid.Col span={{ base: 10, sm: 4 }}>
                  <TextInput
                    aria-label={`${title} step ${step.value} label`}
                    size="xs"
                    maxLength={80}
                    value={step.label}
                    onChange={(e) => onChange(editStep(content, name, index, { label: e.currentTarget.value }))}
                    error={
                      missing
                        ? 'Give the step a label'
                        : (errorAt(`content.${name}.${index}.label`) ?? errorAt(`content.${name}.${index}.value`))
                    }
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 7 }}>
                  <Textarea
                    aria-label={`${title} step ${step.value} definition`}
                    placeholder="Definition"
                    size="xs"
                    autosize
                    minRows={1}
                    maxRows={4}
                    maxLength={1000}
                    value={step.definition}
                    onChange={(e) => onChange(editStep(content, name, index, { definition: e.currentTarget.value }))}
                    error={errorAt(`content.${name}.${index}.definition`)}
                  />
                </Grid.Col>
              </Grid>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}

export interface CriteriaEditorProps {
  org: string;
  current: RiskCriteria;
  onSaved: (saved: RiskCriteria) => void;
  onCancel: () => void;
}

/** Changes the risk criteria (6.1.1); saving records them as the next version. Owners and AIMS managers only. */
export function CriteriaEditor({ org, current, onSaved, onCancel }: CriteriaEditorProps) {
  const save = useSaveCriteria(org);
  const [content, setContent] = useState<RiskCriteriaContent>(() => cloneContent(current.content));
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  // Levels saved before keep their ids (risks refer to them); a new level's id follows its label.
  const savedIds = new Set(current.content.levels.map((l) => l.id));
  const error = save.error;
  const errorAt = (path: string) => (error instanceof ApiError ? error.fieldError(path) : undefined);
  const matrixErrors =
    error instanceof ApiError ? error.issues.filter((i) => /^content\.matrix(\.\d+)?$/.test(i.path)).map((i) => i.message) : [];

  const setLabel = (index: number, label: string) => {
    const level = content.levels[index];
    if (!level) return;
    let next = editLevel(content, index, { label });
    if (!savedIds.has(level.id) && label.trim()) {
      const taken = new Set(content.levels.filter((l) => l.id !== level.id).map((l) => l.id));
      next = renameLevelId(next, level.id, uniqueId(slugify(label), taken));
    }
    setContent(next);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    const invalid =
      content.likelihood.some((s) => !s.label.trim()) ||
      content.impact.some((s) => !s.label.trim()) ||
      content.levels.some((l) => !l.label.trim() || !(content.acceptance[l.id]?.length ?? 0));
    if (invalid) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const trimmed: RiskCriteriaContent = {
      ...content,
      likelihood: content.likelihood.map((s) => ({ ...s, label: s.label.trim(), definition: s.definition.trim() })),
      impact: content.impact.map((s) => ({ ...s, label: s.label.trim(), definition: s.definition.trim() })),
      levels: content.levels.map((l) => ({ ...l, label: l.label.trim(), description: l.description.trim() })),
    };
    save.mutate({ content: trimmed, note: note.trim() }, { onSuccess: onSaved });
  };

  const thresholdRank = content.levels.findIndex((l) => l.id === content.acceptanceThreshold);

  return (
    <form onSubmit={submit} noValidate aria-label="Edit risk criteria">
      <Stack gap="lg">
        <FormError error={error} fields={FIELDS} title="Could not save the risk criteria" />
        <Alert color="blue" variant="light">
          Saving records these criteria as version {current.number + 1}. Existing risks keep the levels they were scored with (and say which
          version that was) until they are scored again; new scores and acceptances use the new criteria.
        </Alert>

        <FormSection title="Scales" description="How likelihood and impact are estimated: 2 to 10 steps each.">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ScaleEditor
              name="likelihood"
              title="Likelihood"
              content={content}
              onChange={setContent}
              errorAt={errorAt}
              showMissing={tried}
            />
            <ScaleEditor name="impact" title="Impact" content={content} onChange={setContent} errorAt={errorAt} showMissing={tried} />
          </SimpleGrid>
        </FormSection>

        <Divider />
        <FormSection
          title="Levels"
          description="From the least to the most severe (2 to 7). For each, who may accept a residual risk of that level (6.1.3 f)."
        >
          {errorAt('content.levels') ? (
            <Text size="sm" c="red.7" role="alert">
              {errorAt('content.levels')}
            </Text>
          ) : null}
          <Stack gap="xs">
            {content.levels.map((level, index) => {
              const roles = content.acceptance[level.id] ?? [];
              const labelMissing = tried && !level.label.trim();
              const rolesMissing = tried && roles.length === 0;
              return (
                <Paper key={index} withBorder radius="sm" p="sm" data-level-row={level.id}>
                  <Grid gap="xs" align="flex-start">
                    <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
                      <ColorInput
                        label="Colour"
                        size="xs"
                        format="hex"
                        swatches={levelSwatches}
                        swatchesPerRow={5}
                        withEyeDropper={false}
                        value={level.colour}
                        onChange={(colour) => setContent(editLevel(content, index, { colour }))}
                        error={errorAt(`content.levels.${index}.colour`)}
                        aria-label={`Colour of level ${level.label || index + 1}`}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
                      <TextInput
                        label="Label"
                        size="xs"
                        maxLength={80}
                        value={level.label}
                        onChange={(e) => setLabel(index, e.currentTarget.value)}
                        error={
                          labelMissing
                            ? 'Give the level a label'
                            : (errorAt(`content.levels.${index}.label`) ?? errorAt(`content.levels.${index}.id`))
                        }
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                      <TextInput
                        label="What it means"
                        size="xs"
                        maxLength={1000}
                        placeholder="e.g. Treat; accepted by top management"
                        value={level.description}
                        onChange={(e) => setContent(editLevel(content, index, { description: e.currentTarget.value }))}
                        error={errorAt(`content.levels.${index}.description`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                      <MultiSelect
                        label="May accept"
                        size="xs"
                        data={roleOptions.map((r) => ({
                          ...r,
                          disabled: !acceptingRoleValues.includes(r.value) && !roles.includes(r.value),
                        }))}
                        value={roles}
                        onChange={(v) => setContent({ ...content, acceptance: { ...content.acceptance, [level.id]: v as Role[] } })}
                        placeholder={roles.length === 0 ? 'Choose roles' : undefined}
                        error={rolesMissing ? 'Name at least one role' : errorAt(`content.acceptance.${level.id}`)}
                        aria-label={`Roles that may accept a ${level.label || 'this'} residual risk`}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, lg: 2 }}>
                      <Group gap={4} justify="flex-end" pt={{ base: 0, lg: 20 }} wrap="nowrap">
                        <ActionIcon
                          variant="default"
                          aria-label={`Make ${level.label || 'this level'} less severe`}
                          disabled={index === 0}
                          onClick={() => setContent(moveLevel(content, index, -1))}
                        >
                          <ChevronDownIcon size={14} style={{ transform: 'rotate(180deg)' }} />
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          aria-label={`Make ${level.label || 'this level'} more severe`}
                          disabled={index === content.levels.length - 1}
                          onClick={() => setContent(moveLevel(content, index, 1))}
                        >
                          <ChevronDownIcon size={14} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove level ${level.label || index + 1}`}
                          disabled={content.levels.length <= MIN_LEVELS}
                          onClick={() => setContent(removeLevel(content, index))}
                        >
                          <XIcon />
                        </ActionIcon>
                      </Group>
                    </Grid.Col>
                  </Grid>
                  <Text size="xs" c="dimmed" mt={4}>
                    {index === 0
                      ? 'Least severe'
                      : index === content.levels.length - 1
                        ? 'Most severe'
                        : `Severity ${index + 1} of ${content.levels.length}`}
                    {index > thresholdRank ? ' · above the acceptance threshold: must be treated' : ''}
                  </Text>
                </Paper>
              );
            })}
          </Stack>
          <Group>
            <Button variant="light" size="xs" onClick={() => setContent(addLevel(content))} disabled={content.levels.length >= MAX_LEVELS}>
              Add level
            </Button>
            <Text size="xs" c="dimmed">
              Removing a level moves its matrix cells to the next lower level.
            </Text>
          </Group>
        </FormSection>

        <Divider />
        <FormSection
          title="Risk matrix, threshold and interval"
          description="Which level each combination of likelihood and impact has: click a cell for the next level (Shift+click for the previous). Then which levels must be treated, and how often risks are assessed."
        >
          <Grid gap="lg" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Paper withBorder radius="md" p="md">
                <MatrixGrid
                  criteria={content}
                  onCycle={(l, i, direction) => setContent(cycleCell(content, l, i, direction))}
                  errorAt={(l, i) => errorAt(`content.matrix.${l - 1}.${i - 1}`)}
                  caption="Risk matrix being edited: rows are likelihood, highest first; columns are impact, lowest first."
                />
              </Paper>
              {matrixErrors.length ? (
                <Text size="sm" c="red.7" role="alert" mt="xs">
                  {matrixErrors.join('; ')}
                </Text>
              ) : null}
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="md">
                <Select
                  label="Acceptance threshold"
                  description="The highest level that may be retained without treatment; risks above it must be treated before their residual risk is accepted"
                  data={content.levels.map((l) => ({ value: l.id, label: l.label || l.id }))}
                  value={content.acceptanceThreshold}
                  onChange={(v) => v && setContent({ ...content, acceptanceThreshold: v })}
                  allowDeselect={false}
                  error={errorAt('content.acceptanceThreshold')}
                />
                <NumberInput
                  label="Risk assessment interval (months)"
                  description="How often the risks are assessed again (8.2); significant changes to AI systems also call for an assessment"
                  min={1}
                  max={36}
                  clampBehavior="strict"
                  allowDecimal={false}
                  value={content.reviewIntervalMonths}
                  onChange={(v) => typeof v === 'number' && setContent({ ...content, reviewIntervalMonths: v })}
                  error={errorAt('content.reviewIntervalMonths')}
                />
              </Stack>
            </Grid.Col>
          </Grid>
        </FormSection>

        <Divider />
        <Textarea
          label="Note"
          description="What changed and why (kept with this version for auditors)"
          maxLength={2000}
          autosize
          minRows={2}
          maxRows={6}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errorAt('note')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save as version {current.number + 1}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
