import { Alert, Anchor, Badge, Button, Divider, Group, Radio, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { catalogPaths, ISO_42001 } from '../catalog/api.ts';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { fieldErrorOf, focusFirstInvalid, FormError, FormSection } from '../inventory/form-helpers.tsx';
import { useRisk, useUpdateTreatment, type Risk, type RiskCriteriaContent, type TreatmentOption } from './api.ts';
import { ActionsEditor, type ActionRow } from './ActionsEditor.tsx';
import { ControlPicker, frameworkLabel, type ControlLink } from './ControlPicker.tsx';
import { isAboveThreshold, levelAt, treatmentDescriptions, treatmentLabels, treatmentOptions } from './labels.ts';
import { LevelBadge } from './RiskBadges.tsx';
import { ScoreFields } from './ScoreFields.tsx';
import { Section } from './Section.tsx';

interface TreatmentValues {
  option: TreatmentOption | null;
  plan: string;
  controls: ControlLink[];
  actions: ActionRow[];
  residualLikelihood: number | null;
  residualImpact: number | null;
}

function valuesFrom(risk: Risk): TreatmentValues {
  const t = risk.treatment;
  return {
    option: t.option,
    plan: t.plan,
    controls: t.controls.map((c) => ({ framework: c.framework, control: c.control, note: c.note })),
    actions: t.actions.map((a) => ({ key: a.id, id: a.id, title: a.title, owner: a.owner, due: a.due ?? '', done: a.done })),
    residualLikelihood: t.residualLikelihood,
    residualImpact: t.residualImpact,
  };
}

const FIELDS = ['option', 'plan', 'controls', 'actions', 'residualLikelihood', 'residualImpact'] as const;

function scaleLabel(scale: RiskCriteriaContent['likelihood'], value: number | null): string {
  if (value === null) return '';
  const step = scale[value - 1];
  return step ? `${value} · ${step.label}` : String(value);
}

// ---------- Reading ----------

function TreatmentView({ org, risk, scoredWith }: { org: string; risk: Risk; scoredWith: RiskCriteriaContent }) {
  const t = risk.treatment;
  const mustTreat = risk.aboveThreshold && t.option === null;
  return (
    <Stack gap="md">
      {mustTreat ? (
        <Alert color="red" variant="light" title="Treatment needed">
          This risk is {risk.inherentLevel ? `${risk.inherentLevel.label}, above` : 'above'} the acceptance threshold: decide how to treat
          it (6.1.3) before its residual risk is accepted.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Treatment option
          </Text>
          {t.option ? (
            <>
              <Text fw={600} data-testid="treatment-option">
                {treatmentLabels[t.option]}
              </Text>
              <Text size="sm" c="dimmed">
                {treatmentDescriptions[t.option]}
              </Text>
            </>
          ) : (
            <Text size="sm" fs="italic" c="dimmed">
              Not decided yet
            </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Residual risk
          </Text>
          <Group gap="xs">
            <LevelBadge level={t.residualLevel} emptyLabel="Not estimated" size="md" />
          </Group>
          {t.residualLikelihood !== null || t.residualImpact !== null ? (
            <Text size="sm">
              Likelihood {scaleLabel(scoredWith.likelihood, t.residualLikelihood) || '—'}, impact{' '}
              {scaleLabel(scoredWith.impact, t.residualImpact) || '—'}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              Estimate what likelihood and impact remain once the treatment is in place.
            </Text>
          )}
        </Stack>
      </SimpleGrid>

      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          Treatment plan
        </Text>
        {t.plan ? (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {t.plan}
          </Text>
        ) : (
          <Text size="sm" fs="italic" c="dimmed">
            Not recorded
          </Text>
        )}
      </Stack>

      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Controls ({t.controls.length})
        </Text>
        {t.controls.length === 0 ? (
          <Text size="sm" fs="italic" c="dimmed">
            No controls chosen
          </Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Controls">
            {t.controls.map((c) => (
              <li key={`${c.framework}|${c.control}`} data-control={c.control}>
                <Group gap="xs" wrap="nowrap" align="baseline">
                  <Badge size="sm" radius="sm" variant="light" color={c.framework === ISO_42001 ? 'teal' : 'violet'} tt="none">
                    {frameworkLabel(c.framework)}
                  </Badge>
                  <Anchor component={Link} to={catalogPaths.item(org, c.framework, c.control)} size="sm">
                    <Text span ff="monospace" fw={600} size="sm">
                      {c.control}
                    </Text>{' '}
                    {c.title ?? ''}
                  </Anchor>
                </Group>
                {c.note ? (
                  <Text size="sm" c="dimmed" ml={4} mt={2} style={{ whiteSpace: 'pre-line' }}>
                    {c.note}
                  </Text>
                ) : null}
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Actions ({t.actions.filter((a) => a.done).length} of {t.actions.length} done)
        </Text>
        {t.actions.length === 0 ? (
          <Text size="sm" fs="italic" c="dimmed">
            No actions planned
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Treatment actions" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Action</Table.Th>
                  <Table.Th w={180}>Owner</Table.Th>
                  <Table.Th w={170}>Due</Table.Th>
                  <Table.Th w={90}>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {t.actions.map((a) => (
                  <Table.Tr key={a.id} data-overdue={a.overdue || undefined}>
                    <Table.Td>
                      <Text size="sm" td={a.done ? 'line-through' : undefined} c={a.done ? 'dimmed' : undefined}>
                        {a.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.owner || '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <DueDate day={a.due} overdue={a.overdue} />
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" radius="sm" variant="light" color={a.done ? 'teal' : a.overdue ? 'red' : 'gray'} tt="none">
                        {a.done ? 'Done' : 'Open'}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}

// ---------- Editing ----------

interface TreatmentFormProps {
  org: string;
  risk: Risk;
  criteria: RiskCriteriaContent;
  onDone: (saved: Risk) => void;
  onCancel: () => void;
}

function TreatmentForm({ org, risk, criteria, onDone, onCancel }: TreatmentFormProps) {
  const save = useUpdateTreatment(org);
  const latest = useRisk(org, risk.id);
  const [base, setBase] = useState<Risk>(risk);
  const [values, setValues] = useState<TreatmentValues>(() => valuesFrom(risk));
  const [tried, setTried] = useState(false);
  const set = <K extends keyof TreatmentValues>(key: K, value: TreatmentValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const error = save.error;
  const err = (path: string) => (error instanceof ApiError ? error.fieldError(path) : undefined);
  const inherent = levelAt(criteria, risk.likelihood, risk.impact) ?? risk.inherentLevel;

  const reload = async () => {
    const fresh = await latest.refetch();
    if (fresh.data) {
      save.reset();
      setBase(fresh.data);
      setValues(valuesFrom(fresh.data));
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (values.actions.some((a) => !a.title.trim())) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    save.mutate(
      {
        id: base.id,
        version: base.version,
        option: values.option,
        plan: values.plan.trim(),
        controls: values.controls.map((c) => ({ ...c, note: c.note.trim() })),
        actions: values.actions.map((a) => ({
          ...(a.id ? { id: a.id } : {}),
          title: a.title.trim(),
          owner: a.owner.trim(),
          due: a.due || null,
          done: a.done,
        })),
        residualLikelihood: values.residualLikelihood,
        residualImpact: values.residualImpact,
      },
      { onSuccess: onDone },
    );
  };

  const conflict = (
    <Alert color="yellow" variant="light" title="Someone else changed this risk" role="alert">
      <Stack gap="sm">
        <Text size="sm">
          It was saved by someone else after you started editing, so your treatment was not saved (it would have overwritten their changes).
          Load the current version and make your changes again.
        </Text>
        <Group>
          <Button size="xs" variant="light" color="yellow" onClick={() => void reload()} loading={latest.isFetching}>
            Discard my changes and load the current version
          </Button>
        </Group>
      </Stack>
    </Alert>
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Treatment">
      <Stack gap="lg">
        <FormError error={error} fields={FIELDS} conflict={conflict} title="Could not save the treatment" />

        <Radio.Group
          label="Treatment option"
          description="How your organization responds to this risk (ISO/IEC 42001 6.1.3)"
          value={values.option ?? ''}
          onChange={(v) => set('option', v === '' ? null : (v as TreatmentOption))}
          error={fieldErrorOf(error, 'option')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
            {treatmentOptions.map((option) => (
              <Radio key={option} value={option} label={treatmentLabels[option]} description={treatmentDescriptions[option]} />
            ))}
            <Radio value="" label="Not decided yet" description="The treatment is still to be chosen." />
          </SimpleGrid>
        </Radio.Group>

        <Textarea
          label="Treatment plan"
          description="What will be done, by when, and how you will know it worked (6.1.3 e, 8.3)"
          maxLength={8000}
          autosize
          minRows={3}
          maxRows={10}
          value={values.plan}
          onChange={(e) => set('plan', e.currentTarget.value)}
          error={err('plan')}
        />

        <Divider />
        <FormSection
          title="Controls"
          description="The controls needed to implement the treatment: Annex A controls and your own. They feed the Statement of Applicability (6.1.3 c–d)."
        >
          <ControlPicker
            org={org}
            value={values.controls}
            onChange={(v) => set('controls', v)}
            errorAt={(i) => err(`controls.${i}`) ?? err(`controls.${i}.control`) ?? err(`controls.${i}.framework`)}
          />
        </FormSection>

        <Divider />
        <FormSection title="Actions" description="The steps of the treatment plan, each with an owner and a due date.">
          <ActionsEditor
            value={values.actions}
            onChange={(v) => set('actions', v)}
            errorAt={(i, field) => err(`actions.${i}.${field}`)}
            showMissing={tried}
          />
        </FormSection>

        <Divider />
        <FormSection
          title="Residual risk"
          description="The likelihood and impact you expect once the treatment is in place. Its level is the one to be accepted."
        >
          <ScoreFields
            criteria={criteria}
            likelihood={values.residualLikelihood}
            impact={values.residualImpact}
            onChange={(s) => setValues((prev) => ({ ...prev, residualLikelihood: s.likelihood, residualImpact: s.impact }))}
            likelihoodLabel="Residual likelihood"
            impactLabel="Residual impact"
            levelLabel="Residual level"
            likelihoodError={err('residualLikelihood')}
            impactError={err('residualImpact')}
          />
          {risk.likelihood !== null && risk.impact !== null ? (
            <Group gap="xs">
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => setValues((prev) => ({ ...prev, residualLikelihood: risk.likelihood, residualImpact: risk.impact }))}
              >
                Use the inherent scores
              </Button>
              <Text size="xs" c="dimmed">
                Inherent level:
              </Text>
              <LevelBadge level={inherent} size="xs" />
              {values.option === 'retain' ? (
                <Text size="xs" c="dimmed">
                  A retained risk usually keeps its inherent scores.
                </Text>
              ) : null}
            </Group>
          ) : null}
          {values.option !== null &&
          values.option !== 'retain' &&
          isAboveThreshold(criteria, inherent) &&
          values.residualLikelihood === null ? (
            <Text size="xs" c="orange.8">
              Estimate the residual likelihood and impact: the residual risk of a treated risk above the threshold cannot be accepted
              without them.
            </Text>
          ) : null}
        </FormSection>

        {base.acceptance ? (
          <Alert color="yellow" variant="light" title="Saving withdraws the acceptance">
            The residual risk was accepted by {base.acceptance.acceptedBy}. Any change to the treatment or the residual scores withdraws
            that acceptance, and the residual risk must be accepted again.
          </Alert>
        ) : null}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save treatment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export interface TreatmentSectionProps {
  org: string;
  risk: Risk;
  criteria: RiskCriteriaContent;
  /** The criteria the risk's scores were made with (for the labels of its steps). */
  scoredWith: RiskCriteriaContent;
  mayWrite: boolean;
  onSaved: (risk: Risk) => void;
}

/** Risk treatment (6.1.3, 8.3): the option, the plan, the controls, the actions, and the residual risk. */
export function TreatmentSection({ org, risk, criteria, scoredWith, mayWrite, onSaved }: TreatmentSectionProps) {
  const [editing, setEditing] = useState(false);
  return (
    <Section
      id="treatment"
      title="Treatment"
      description="How the risk is treated (ISO/IEC 42001 6.1.3 and 8.3): the option chosen, the plan, the controls, the actions and what risk remains."
      actions={
        mayWrite && !editing ? (
          <Button variant="default" onClick={() => setEditing(true)}>
            {risk.treatment.option === null && risk.treatment.actions.length === 0 ? 'Plan treatment' : 'Edit treatment'}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <TreatmentForm
          org={org}
          risk={risk}
          criteria={criteria}
          onCancel={() => setEditing(false)}
          onDone={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
        />
      ) : (
        <TreatmentView org={org} risk={risk} scoredWith={scoredWith} />
      )}
    </Section>
  );
}
