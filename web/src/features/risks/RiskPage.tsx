import { Alert, Anchor, Badge, Button, DataList, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { RecordUnavailable } from '../../lib/components/RecordUnavailable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CatalogBreadcrumbs } from '../catalog/CatalogBreadcrumbs.tsx';
import { DueDate } from '../inventory/InventoryBadges.tsx';
import { Field } from '../inventory/Fields.tsx';
import { flashState, useFlashFromNavigation } from '../inventory/flash-state.ts';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { AcceptanceSection } from './AcceptanceSection.tsx';
import {
  riskPaths,
  useCriteriaVersions,
  useDeleteRisk,
  useRisk,
  useRiskCriteria,
  type Risk,
  type RiskCriteria,
  type RiskCriteriaContent,
} from './api.ts';
import { canDeleteRisks, canWriteRisks, criteriaName } from './labels.ts';
import { RecordHistory } from './RecordHistory.tsx';
import { LevelBadge, StatusBadge } from './RiskBadges.tsx';
import { EditRiskModal } from './RiskFormModal.tsx';
import { RiskSourceText } from './RiskSource.tsx';
import { Section } from './Section.tsx';
import { TreatmentSection } from './TreatmentSection.tsx';

function RiskHeader({ risk, actions }: { risk: Risk; actions: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg">
      <Stack gap={6}>
        <Group gap="sm" align="center">
          <Text ff="monospace" fw={700} size="lg" c="teal.8" data-testid="risk-ref">
            {risk.ref}
          </Text>
          <LevelBadge level={risk.inherentLevel} prefix="Inherent" size="md" />
          <LevelBadge level={risk.treatment.residualLevel} prefix="Residual" emptyLabel="not estimated" size="md" />
          <StatusBadge status={risk.status} size="md" />
          {risk.needsAttention ? (
            <Tooltip label="Above the acceptance threshold, and its residual risk is not accepted" withArrow multiline w={260}>
              <Badge size="md" radius="sm" color="red" tt="none" data-testid="needs-attention">
                Needs attention
              </Badge>
            </Tooltip>
          ) : null}
          {risk.acceptance ? (
            <Badge size="md" radius="sm" color="teal" variant="light" tt="none">
              Residual risk accepted
            </Badge>
          ) : null}
        </Group>
        <Title order={1} size="h2">
          {risk.title}
        </Title>
      </Stack>
      <Group gap="sm" wrap="nowrap">
        {actions}
      </Group>
    </Group>
  );
}

function scaleText(scale: { label: string }[], value: number | null): string {
  if (value === null) return '';
  const step = scale[value - 1];
  return step ? `${value} · ${step.label}` : String(value);
}

function IdentificationSection({
  org,
  risk,
  criteria,
  scoredWith,
  mayWrite,
  onEdit,
}: {
  org: string;
  risk: Risk;
  criteria: RiskCriteria;
  /** The criteria the risk's scores were made with (for the labels of its steps). */
  scoredWith: RiskCriteriaContent;
  mayWrite: boolean;
  onEdit: () => void;
}) {
  const c = scoredWith;
  return (
    <Section
      id="identification"
      title="Identification & analysis"
      description="What the risk is, where it comes from, what it would lead to, and how likely and severe it is (ISO/IEC 42001 6.1.2)."
      actions={
        mayWrite ? (
          <Button variant="default" onClick={onEdit}>
            Edit
          </Button>
        ) : null
      }
    >
      {risk.criteriaNumber !== criteria.number ? (
        <Alert color="blue" variant="light" title="Scored with earlier risk criteria">
          This risk was scored with {criteriaName(risk.criteriaNumber)}; version {criteria.number} is in force now. Its levels stay as they
          were until someone scores it again (edit its likelihood or impact).
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <DataList labelWidth={150} gap="xs" withDivider>
          <Field label="Description">{risk.description}</Field>
          <Field label="Risk source">{risk.riskSource ? <RiskSourceText org={org} value={risk.riskSource} /> : ''}</Field>
          <Field label="AI systems">
            {risk.systems.length ? (
              <Stack gap={2}>
                {risk.systems.map((s) => (
                  <Anchor key={s.id} component={Link} to={riskPaths.system(org, s.id)} size="sm">
                    <Text span ff="monospace" size="sm">
                      {s.ref}
                    </Text>{' '}
                    {s.name}
                  </Anchor>
                ))}
              </Stack>
            ) : (
              ''
            )}
          </Field>
        </DataList>
        <DataList labelWidth={150} gap="xs" withDivider>
          <Field label="Likelihood">{scaleText(c.likelihood, risk.likelihood)}</Field>
          <Field label="Impact">{scaleText(c.impact, risk.impact)}</Field>
          <Field label="Inherent level">
            <LevelBadge level={risk.inherentLevel} />
          </Field>
          <Field label="Risk owner">{risk.owner}</Field>
          <Field label="Review date">{risk.reviewDue ? <DueDate day={risk.reviewDue} overdue={risk.reviewOverdue} /> : ''}</Field>
        </DataList>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        {(
          [
            ['Consequences to the organization', risk.consequencesOrganization],
            ['Consequences to individuals', risk.consequencesIndividuals],
            ['Consequences to society', risk.consequencesSociety],
          ] as const
        ).map(([label, text]) => (
          <Paper key={label} bg="gray.0" radius="sm" p="sm">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
              {label}
            </Text>
            {text ? (
              <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                {text}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" fs="italic">
                Not recorded
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </Section>
  );
}

function OriginSection({ org, risk }: { org: string; risk: Risk }) {
  const { origin } = risk;
  return (
    <Section id="origin" title="Origin" description="Where the risk came from and when it was recorded.">
      <DataList labelWidth={150} gap="xs" withDivider>
        <Field label="Origin">
          {origin.type === 'impact-assessment' && origin.id ? (
            <Group gap="xs">
              <Text size="sm">{origin.label}</Text>
              <Anchor component={Link} to={riskPaths.impactAssessment(org, origin.id)} size="sm">
                Open the impact assessment
              </Anchor>
            </Group>
          ) : (
            origin.label
          )}
        </Field>
        <Field label="Recorded">{formatDateTime(risk.createdAt)}</Field>
        <Field label="Last changed">{formatDateTime(risk.updatedAt)}</Field>
      </DataList>
    </Section>
  );
}

/** `/orgs/:org/risks/:id`: one risk with its identification and analysis, treatment, acceptance, origin and history. */
export function RiskPage() {
  const org = useCurrentOrg();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const risk = useRisk(org.slug, id);
  const criteria = useRiskCriteria(org.slug);
  const older = risk.data !== undefined && criteria.data !== undefined && risk.data.criteriaNumber !== criteria.data.number;
  const versions = useCriteriaVersions(org.slug, older);
  const remove = useDeleteRisk(org.slug);
  const { flash, show, clear } = useFlash();
  useFlashFromNavigation(show);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayWrite = canWriteRisks(org.role);
  const mayDelete = canDeleteRisks(org.role);
  useDocumentTitle(`${risk.data ? `${risk.data.ref} ${risk.data.title}` : 'Risk'} · Risks · Trellis`);

  const crumbs = [{ label: 'Risk register', to: riskPaths.register(org.slug) }, { label: risk.data?.ref ?? id }];

  if (risk.isPending || criteria.isPending || risk.isError || criteria.isError) {
    return (
      <>
        <CatalogBreadcrumbs crumbs={crumbs} />
        <RecordUnavailable
          pending={risk.isPending || criteria.isPending}
          error={risk.error ?? criteria.error}
          notFound={isApiError(risk.error, 'not_found')}
          noun="risk"
          back={{ to: riskPaths.register(org.slug), label: 'Back to the risk register' }}
        />
      </>
    );
  }

  const data = risk.data;
  const scoredWith = versions.data?.find((v) => v.number === data.criteriaNumber)?.content ?? criteria.data.content;
  const onDelete = () =>
    remove.mutate(data.id, {
      onSuccess: () => {
        setConfirmDelete(false);
        void navigate(riskPaths.register(org.slug), {
          state: flashState('success', `${data.ref} “${data.title}” was deleted.`, 'Risk deleted'),
        });
      },
    });

  return (
    <>
      <CatalogBreadcrumbs crumbs={crumbs} />
      <RiskHeader
        risk={data}
        actions={
          mayDelete ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              Delete
            </Button>
          ) : null
        }
      />
      <FlashMessage flash={flash} onClose={clear} />
      <Stack gap="lg">
        <IdentificationSection
          org={org.slug}
          risk={data}
          criteria={criteria.data}
          scoredWith={scoredWith}
          mayWrite={mayWrite}
          onEdit={() => setEditing(true)}
        />
        <TreatmentSection
          org={org.slug}
          risk={data}
          criteria={criteria.data.content}
          scoredWith={scoredWith}
          mayWrite={mayWrite}
          onSaved={(saved) =>
            show(
              'success',
              saved.treatment.residualLevel
                ? `The treatment of ${saved.ref} was saved; its residual level is ${saved.treatment.residualLevel.label}.`
                : `The treatment of ${saved.ref} was saved.`,
              'Treatment saved',
            )
          }
        />
        <AcceptanceSection
          org={org.slug}
          risk={data}
          criteria={criteria.data}
          role={org.role}
          onAccepted={(saved) =>
            show(
              'success',
              `The ${saved.acceptance?.level.label ?? ''} residual risk of ${saved.ref} was accepted.`,
              'Residual risk accepted',
            )
          }
        />
        <OriginSection org={org.slug} risk={data} />
        <RecordHistory org={org.slug} kind="risks" id={data.id} />
      </Stack>

      <EditRiskModal
        org={org.slug}
        risk={data}
        opened={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          show(
            'success',
            data.acceptance && !saved.acceptance
              ? `${saved.ref} was saved. Its new scores withdrew the acceptance of its residual risk.`
              : `${saved.ref} “${saved.title}” was saved.`,
            'Changes saved',
          );
        }}
      />
      <ConfirmModal
        opened={confirmDelete}
        title="Delete risk"
        confirmLabel="Delete risk"
        onConfirm={onDelete}
        onCancel={() => setConfirmDelete(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        <Stack gap="xs">
          <Text size="sm">
            Delete {data.ref} “{data.title}” from the register? Its treatment, controls and actions are deleted with it.
          </Text>
          <Text size="sm">
            If the risk no longer applies, consider setting its status to “Closed” instead: the record stays for audits.
          </Text>
          <Text size="xs" c="dimmed">
            The deletion is recorded in the audit log.
          </Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
