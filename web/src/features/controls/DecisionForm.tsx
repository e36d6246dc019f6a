import { ActionIcon, Alert, Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { fieldErrorOf, FormSection } from '../inventory/form-helpers.tsx';
import {
  useImplementation,
  useSaveImplementation,
  type ControlImplementationDetail,
  type ImplementationStatus,
  type InclusionReasonKind,
} from './api.ts';
import {
  applicabilityOf,
  implementationStatuses,
  inclusionReasonKinds,
  plural,
  reasonLabels,
  statusDescriptions,
  statusLabels,
  type Applicability,
} from './labels.ts';

interface ReasonRow {
  key: number;
  kind: InclusionReasonKind;
  text: string;
}

interface DecisionValues {
  applicability: Applicability;
  reasons: ReasonRow[];
  exclusionJustification: string;
  status: ImplementationStatus;
  owner: string;
  description: string;
  reviewDue: string;
}

let nextKey = 1;

function valuesFrom(impl: ControlImplementationDetail): DecisionValues {
  return {
    applicability: applicabilityOf(impl.applicable),
    reasons: impl.inclusionReasons.map((r) => ({ key: nextKey++, kind: r.kind, text: r.text })),
    exclusionJustification: impl.exclusionJustification ?? '',
    status: impl.status,
    owner: impl.owner,
    description: impl.description,
    reviewDue: impl.reviewDue ?? '',
  };
}

/** The fields the API may name in its answer; anything else is shown above the form. */
const FIELDS = ['applicable', 'inclusionReasons', 'exclusionJustification', 'status', 'owner', 'description', 'reviewDue'];

/** The statuses an included or undecided control may have: not-applicable belongs to excluded controls only. */
const openStatuses = implementationStatuses.filter((s) => s !== 'not-applicable');

export interface DecisionFormProps {
  org: string;
  impl: ControlImplementationDetail;
  /** The form's accessible name, e.g. "Decision" or "Decision for AIS-0002". */
  label: string;
  onSaved: (saved: ControlImplementationDetail) => void;
  onCancel: () => void;
}

/**
 * Records a control's decision and implementation (6.1.3): whether it applies and why, or why it
 * is excluded; its status, owner, how it is implemented and when it is reviewed. The exclusion
 * rule is the server's: its answer is shown on the field it names.
 */
export function DecisionForm({ org, impl, label, onSaved, onCancel }: DecisionFormProps) {
  const save = useSaveImplementation(org);
  const latest = useImplementation(org, impl.framework, impl.control, impl.system?.id);
  const [base, setBase] = useState(impl);
  const [values, setValues] = useState<DecisionValues>(() => valuesFrom(impl));
  const set = <K extends keyof DecisionValues>(key: K, value: DecisionValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const error = save.error;
  const err = (path: string) => fieldErrorOf(error, path);
  const excluded = values.applicability === 'excluded';
  const shownStatus: ImplementationStatus = excluded
    ? 'not-applicable'
    : values.status === 'not-applicable'
      ? 'not-started'
      : values.status;
  const idPrefix = `decision-${impl.system?.id ?? 'org'}`;

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
    const applicable = values.applicability === 'included' ? true : excluded ? false : null;
    save.mutate(
      {
        framework: base.framework,
        control: base.control,
        systemId: base.system?.id ?? null,
        input: {
          applicable,
          inclusionReasons: values.reasons.map((r) => ({ kind: r.kind, text: r.text.trim() })),
          exclusionJustification: excluded ? values.exclusionJustification.trim() : null,
          // An excluded control takes the status not-applicable from the server.
          ...(excluded ? {} : { status: shownStatus }),
          owner: values.owner.trim(),
          description: values.description.trim(),
          reviewDue: values.reviewDue || null,
          ...(base.version === null ? {} : { version: base.version }),
        },
      },
      { onSuccess: onSaved },
    );
  };

  const fieldIssues =
    error instanceof ApiError ? error.issues.filter((i) => FIELDS.some((f) => i.path === f || i.path.startsWith(`${f}.`))) : [];
  const allOnFields = error instanceof ApiError && error.issues.length > 0 && fieldIssues.length === error.issues.length;

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="lg">
        {isApiError(error, 'version_conflict') ? (
          <Alert color="yellow" variant="light" title="Changed by someone else" role="alert">
            <Stack gap="sm">
              <Text size="sm">
                Someone else saved this control after you started editing, so your changes were not saved (they would have overwritten
                theirs). Reload the current version and make your changes again.
              </Text>
              <Group>
                <Button size="xs" variant="light" color="yellow" onClick={() => void reload()} loading={latest.isFetching}>
                  Discard my changes and reload
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : allOnFields ? (
          <Alert color="red" variant="light" title="Could not save the decision" role="alert">
            Check the {fieldIssues.length === 1 ? 'field' : 'fields'} marked in red.
          </Alert>
        ) : error ? (
          <ErrorAlert error={error} title="Could not save the decision" />
        ) : null}

        <Radio.Group
          label="Applicability"
          description="Does this control apply to your AIMS? An excluded control needs a justification (6.1.3 d)."
          value={values.applicability}
          onChange={(v) => set('applicability', v as Applicability)}
          error={err('applicable')}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="xs">
            <Radio value="included" label="Applicable" description="Included in the AIMS" />
            <Radio value="excluded" label="Excluded" description="Not needed, with a justification" />
            <Radio value="undecided" label="Not decided" description="To be decided" />
          </SimpleGrid>
        </Radio.Group>

        {excluded ? (
          <Textarea
            id={`${idPrefix}-exclusion`}
            label="Exclusion justification"
            description="Why your organization does not need this control: for example, the activity it covers does not happen."
            withAsterisk
            autosize
            minRows={3}
            maxRows={10}
            maxLength={4000}
            value={values.exclusionJustification}
            onChange={(e) => set('exclusionJustification', e.currentTarget.value)}
            error={err('exclusionJustification')}
          />
        ) : (
          <FormSection
            title="Reasons for including it"
            description={
              base.riskCount > 0
                ? `Besides the ${plural(base.riskCount, 'risk')} whose treatment names it (listed automatically): legal or contractual requirements, interested parties' needs.`
                : 'The risks whose treatment names this control are listed automatically. Add legal or contractual requirements and interested parties’ needs.'
            }
          >
            {values.reasons.length ? (
              <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Reasons">
                {values.reasons.map((reason, i) => (
                  <Paper key={reason.key} component="li" withBorder radius="sm" p="xs">
                    <Group align="flex-start" gap="xs" wrap="nowrap">
                      <Select
                        aria-label={`Kind of reason ${i + 1}`}
                        data={inclusionReasonKinds.map((k) => ({ value: k, label: reasonLabels[k] }))}
                        value={reason.kind}
                        onChange={(v) =>
                          v &&
                          set(
                            'reasons',
                            values.reasons.map((r) => (r.key === reason.key ? { ...r, kind: v as InclusionReasonKind } : r)),
                          )
                        }
                        allowDeselect={false}
                        w={210}
                        error={err(`inclusionReasons.${i}.kind`)}
                      />
                      <Textarea
                        aria-label={`Reason ${i + 1}`}
                        placeholder="e.g. EU AI Act Art. 26: deployers keep the logs"
                        autosize
                        minRows={1}
                        maxRows={5}
                        maxLength={2000}
                        style={{ flex: 1 }}
                        value={reason.text}
                        onChange={(e) => {
                          const text = e.currentTarget.value;
                          set(
                            'reasons',
                            values.reasons.map((r) => (r.key === reason.key ? { ...r, text } : r)),
                          );
                        }}
                        error={err(`inclusionReasons.${i}.text`) ?? err(`inclusionReasons.${i}`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        aria-label={`Remove reason ${i + 1}`}
                        onClick={() =>
                          set(
                            'reasons',
                            values.reasons.filter((r) => r.key !== reason.key),
                          )
                        }
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  </Paper>
                ))}
              </Stack>
            ) : null}
            <Group>
              <Button
                variant="light"
                size="compact-sm"
                onClick={() => set('reasons', [...values.reasons, { key: nextKey++, kind: 'legal', text: '' }])}
                disabled={values.reasons.length >= 20}
              >
                Add reason
              </Button>
            </Group>
          </FormSection>
        )}

        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            label="Implementation status"
            description={statusDescriptions[shownStatus]}
            data={(excluded ? implementationStatuses : openStatuses).map((s) => ({ value: s, label: statusLabels[s] }))}
            value={shownStatus}
            onChange={(v) => v && set('status', v as ImplementationStatus)}
            allowDeselect={false}
            disabled={excluded}
            error={err('status')}
          />
          <TextInput
            label="Owner"
            description="Who is accountable for the control"
            maxLength={200}
            value={values.owner}
            onChange={(e) => set('owner', e.currentTarget.value)}
            error={err('owner')}
          />
          <TextInput
            label="Review date"
            description="When the control is next reviewed"
            type="date"
            value={values.reviewDue}
            onChange={(e) => set('reviewDue', e.currentTarget.value)}
            error={err('reviewDue')}
          />
        </SimpleGrid>

        <Textarea
          label="How it is implemented"
          description="The policy, procedure, tool or practice that puts the control in place, and where it is documented."
          autosize
          minRows={3}
          maxRows={12}
          maxLength={8000}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={err('description')}
        />

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
