import {
  Accordion,
  Alert,
  Anchor,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { PageHeader } from '../../lib/components/PageHeader.tsx';
import { useCurrentOrg } from '../organizations/current-org.tsx';
import { useAddTemplate, useImpactTemplates, type ImpactTemplate } from './api.ts';
import { RequirementRef, TemplateOriginBadge } from './ImpactBadges.tsx';
import { ImpactNav } from './ImpactNav.tsx';
import { canApproveImpact, fieldTypeLabels, plural, templateFields } from './labels.ts';

/** The template as the API takes it: its content without `origin`. */
function contentOf(template: ImpactTemplate): Omit<ImpactTemplate, 'origin'> {
  const { origin: _origin, ...content } = template;
  return content;
}

function TemplateStructure({ org, template }: { org: string; template: ImpactTemplate }) {
  return (
    <Stack gap="md">
      {template.sections.map((section, i) => (
        <Stack key={section.id} gap={6}>
          <Text size="sm" fw={600}>
            {i + 1}. {section.title}{' '}
            <Text span size="xs" c="dimmed" ff="monospace">
              {section.id}
            </Text>
          </Text>
          {section.help ? (
            <Text size="xs" c="dimmed">
              {section.help}
            </Text>
          ) : null}
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing={6} horizontalSpacing="sm" withTableBorder aria-label={`Questions of ${section.title}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Question</Table.Th>
                  <Table.Th w={130}>Type</Table.Th>
                  <Table.Th w={90}>Required</Table.Th>
                  <Table.Th w={120}>Requirement</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section.fields.map((f) => (
                  <Table.Tr key={f.id} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Text size="sm">{f.label}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {f.id}
                      </Text>
                      {f.options?.length ? (
                        <Text size="xs" c="dimmed">
                          Options: {f.options.map((o) => o.label).join(' · ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{fieldTypeLabels[f.type]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.required ? 'Yes' : '—'}</Text>
                    </Table.Td>
                    <Table.Td>{f.ref ? <RequirementRef org={org} refId={f.ref} /> : <Text size="sm">—</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Impact areas
        </Text>
        <Box component="ul" m={0} pl="md">
          {template.impactAreas.map((area) => (
            <Text component="li" size="sm" key={area.id}>
              <Text span fw={500}>
                {area.label}
              </Text>
              {area.help ? (
                <Text span c="dimmed" size="sm">
                  {' '}
                  — {area.help}
                </Text>
              ) : null}
            </Text>
          ))}
        </Box>
      </Stack>
    </Stack>
  );
}

/** Why the API refused a template: each problem with its JSON path (`sections.0.fields.2.options`). */
function TemplateError({ error }: { error: unknown }) {
  if (!error) return null;
  if (!(error instanceof ApiError) || error.issues.length === 0) return <ErrorAlert error={error} title="The template was not added" />;
  return (
    <Alert color="red" variant="light" title="The template was not added" role="alert" data-testid="template-errors">
      <Stack gap={6}>
        <Text size="sm">
          {error.issues.length === 1 ? 'One problem' : `${error.issues.length} problems`}, by where they are in the JSON:
        </Text>
        <Box component="ul" m={0} pl="md">
          {error.issues.map((i, n) => (
            <Text component="li" size="sm" key={n}>
              <Code>{i.path || '(the whole template)'}</Code> {i.message}
            </Text>
          ))}
        </Box>
      </Stack>
    </Alert>
  );
}

function AddTemplateForm({
  org,
  example,
  onCancel,
  onAdded,
}: {
  org: string;
  example: ImpactTemplate | undefined;
  onCancel: () => void;
  onAdded: (template: ImpactTemplate) => void;
}) {
  const add = useAddTemplate(org);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const exampleJson = example ? JSON.stringify(contentOf(example), null, 2) : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.reset();
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (cause) {
      setParseError(`This is not valid JSON: ${cause instanceof Error ? cause.message : 'it could not be read'}.`);
      return;
    }
    setParseError(null);
    add.mutate(content, { onSuccess: onAdded });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add template">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A template decides what every assessment started from it asks. Paste it as JSON in the format of the built-in templates:{' '}
          <Code>id</Code>, <Code>name</Code>, <Code>version</Code>, <Code>description</Code>, <Code>basis</Code>, <Code>sections</Code> with
          their <Code>fields</Code> (types: text, textarea, yes-no, single, multi, date) and <Code>impactAreas</Code>. A new version under
          an existing id becomes that template’s newest version; assessments already started keep theirs.
        </Text>
        {example ? (
          <Group gap="sm">
            <CopyButton value={exampleJson} timeout={2500}>
              {({ copied, copy }) => (
                <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? 'Copied' : `Copy the “${example.name}” template as an example`}
                </Button>
              )}
            </CopyButton>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() =>
                setText(
                  JSON.stringify(
                    { ...contentOf(example), id: 'our-impact-assessment', name: `${example.name} (our version)`, version: '1.0' },
                    null,
                    2,
                  ),
                )
              }
            >
              Start from it
            </Anchor>
          </Group>
        ) : null}
        <Textarea
          label="Template (JSON)"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={12}
          maxRows={22}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          error={parseError}
          data-autofocus
        />
        <TemplateError error={add.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={add.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!text.trim()}>
            Add template
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `/orgs/:org/impact-assessments/templates`: the built-in and the organization's templates, their structure, and adding one. */
export function ImpactTemplatesPage() {
  const org = useCurrentOrg();
  const templates = useImpactTemplates(org.slug);
  const { flash, show, clear } = useFlash();
  const [adding, setAdding] = useState(false);
  const mayAdd = canApproveImpact(org.role);
  const example = templates.data?.find((t) => t.id === 'aisia-42001') ?? templates.data?.[0];

  return (
    <>
      <PageHeader
        title="Impact assessment templates"
        description="What an impact assessment asks: its sections and questions, the requirement each answers, and the areas its impacts are classed under. Each assessment keeps a copy of the template version it was started from."
        actions={mayAdd ? <Button onClick={() => setAdding(true)}>Add template</Button> : null}
      />
      <ImpactNav org={org.slug} current="templates" />
      <FlashMessage flash={flash} onClose={clear} />
      {templates.isPending ? (
        <Paper withBorder radius="md">
          <LoadingState label="Loading the templates…" />
        </Paper>
      ) : templates.isError ? (
        <ErrorAlert error={templates.error} title="Could not load the templates" />
      ) : templates.data.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyMessage title="No templates" />
        </Paper>
      ) : (
        <Accordion variant="separated" radius="md" multiple chevronPosition="left">
          {templates.data.map((t) => (
            <Accordion.Item key={`${t.origin}:${t.id}`} value={`${t.origin}:${t.id}`} data-template={t.id}>
              <Accordion.Control aria-label={`${t.name}, version ${t.version}`}>
                <Stack gap={4}>
                  <Group gap="xs">
                    <Title order={2} size="h5">
                      {t.name}
                    </Title>
                    <Text size="xs" c="dimmed">
                      version {t.version}
                    </Text>
                    <TemplateOriginBadge origin={t.origin} size="xs" />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {plural(t.sections.length, 'section')} · {plural(templateFields(t).length, 'question')} (
                    {templateFields(t).filter((f) => f.required).length} required) · {plural(t.impactAreas.length, 'impact area')}:{' '}
                    {t.impactAreas.map((a) => a.label).join(', ')}
                  </Text>
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }} maw={900}>
                    {t.description}
                  </Text>
                  {t.basis.length ? (
                    <Group gap={4}>
                      <Text size="xs" c="dimmed" mr={4}>
                        Basis
                      </Text>
                      {t.basis.map((b) => (
                        <RequirementRef key={b} org={org.slug} refId={b} />
                      ))}
                    </Group>
                  ) : null}
                  <TemplateStructure org={org.slug} template={t} />
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">
                      Template id <Code>{t.id}</Code>
                    </Text>
                    <CopyButton value={JSON.stringify(contentOf(t), null, 2)} timeout={2500}>
                      {({ copied, copy }) => (
                        <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : undefined} onClick={copy}>
                          {copied ? 'JSON copied' : 'Copy as JSON'}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {!mayAdd ? (
        <Alert variant="light" color="gray" mt="md">
          Owners and AIMS managers add your organization’s own templates.
        </Alert>
      ) : null}

      <Modal opened={adding} onClose={() => setAdding(false)} title="Add an impact assessment template" size="xl" centered>
        {adding ? (
          <AddTemplateForm
            org={org.slug}
            example={example}
            onCancel={() => setAdding(false)}
            onAdded={(t) => {
              setAdding(false);
              show('success', `“${t.name}” version ${t.version} was added. New assessments can be started from it.`, 'Template added');
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}
