import { Anchor, Badge, Box, Checkbox, Group, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AnswerValue, TemplateField } from './api.ts';
import { RequirementRef } from './ImpactBadges.tsx';
import { answerText, isAnswered, questionDomId } from './labels.ts';

/** More single-choice options than this are offered in a list instead of radio buttons. */
const MAX_RADIOS = 6;

export interface AnswerFieldProps {
  org: string;
  field: TemplateField;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  error?: string | undefined;
}

function Help({ field }: { field: TemplateField }) {
  return (
    <Text span size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
      {field.help}
    </Text>
  );
}

/** The input of one template question, by its type. */
function Input({ field, value, onChange, error }: Omit<AnswerFieldProps, 'org'>) {
  const options = field.options ?? [];
  const label = field.label;
  const description = field.help ? <Help field={field} /> : undefined;
  const common = { label, description, error, withAsterisk: field.required };
  switch (field.type) {
    case 'text':
      return (
        <TextInput
          {...common}
          maxLength={20000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'textarea':
      return (
        <Textarea
          {...common}
          maxLength={20000}
          autosize
          minRows={2}
          maxRows={12}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          styles={{ wrapper: { maxWidth: 220 } }}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'yes-no':
      return (
        <Radio.Group
          label={label}
          description={description}
          error={error}
          withAsterisk={field.required}
          value={value === true ? 'yes' : value === false ? 'no' : null}
          onChange={(v) => onChange(v === 'yes')}
        >
          <Group gap="xl" mt={6}>
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
            {typeof value === 'boolean' ? (
              <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => onChange(undefined)}>
                Clear the answer
              </Anchor>
            ) : null}
          </Group>
        </Radio.Group>
      );
    case 'single':
      return options.length > MAX_RADIOS ? (
        <Select
          {...common}
          placeholder="Choose one"
          data={options.map((o) => ({ value: o.value, label: o.label }))}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          searchable
          clearable
          maw={560}
        />
      ) : (
        <Radio.Group
          label={label}
          description={description}
          error={error}
          withAsterisk={field.required}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={(v) => onChange(v)}
        >
          <Stack gap={6} mt={6}>
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} />
            ))}
            {typeof value === 'string' && value !== '' ? (
              <Anchor component="button" type="button" size="xs" c="dimmed" ta="left" onClick={() => onChange(undefined)}>
                Clear the answer
              </Anchor>
            ) : null}
          </Stack>
        </Radio.Group>
      );
    case 'multi':
      return (
        <Checkbox.Group
          label={label}
          description={
            <>
              {description}
              {field.help ? ' ' : null}
              <Text span size="xs" c="dimmed">
                Tick every option that applies.
              </Text>
            </>
          }
          error={error}
          withAsterisk={field.required}
          value={Array.isArray(value) ? value : []}
          onChange={(next) => onChange(next.length ? next : undefined)}
        >
          <Stack gap={6} mt={6}>
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
  }
}

/** A question row: the input, and beside it the requirement it answers. */
function Row({ org, field, children }: { org: string; field: TemplateField; children: ReactNode }) {
  return (
    <Group
      align="flex-start"
      justify="space-between"
      gap="md"
      wrap="nowrap"
      data-field={field.id}
      style={{ scrollMarginTop: 88 }}
      id={questionDomId(field.id)}
    >
      <Box style={{ flex: 1, minWidth: 0 }}>{children}</Box>
      <Box w={104} ta="right" style={{ flexShrink: 0 }} pt={2}>
        {field.ref ? <RequirementRef org={org} refId={field.ref} /> : null}
      </Box>
    </Group>
  );
}

/** One template question, editable. */
export function AnswerField({ org, field, value, onChange, error }: AnswerFieldProps) {
  return (
    <Row org={org} field={field}>
      <Input field={field} value={value} onChange={onChange} error={error} />
    </Row>
  );
}

/** One template question with its answer, read-only. */
export function AnswerView({
  org,
  field,
  value,
  missingHint,
}: {
  org: string;
  field: TemplateField;
  value: unknown;
  missingHint?: boolean;
}) {
  const answered = isAnswered(value);
  const text = answerText(field, value);
  return (
    <Row org={org} field={field}>
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {field.label}
          {field.required ? (
            <Text span c="red.7" aria-label="required">
              {' *'}
            </Text>
          ) : null}
        </Text>
        {!answered ? (
          <Text size="sm" c={missingHint && field.required ? 'orange.8' : 'dimmed'} fs="italic">
            {missingHint && field.required ? 'Not answered (required for approval)' : 'Not answered'}
          </Text>
        ) : field.type === 'multi' && Array.isArray(value) ? (
          <Group gap={4}>
            {value.map((v) => (
              <Badge key={String(v)} size="sm" radius="sm" variant="default" tt="none" fw={500}>
                {field.options?.find((o) => o.value === v)?.label ?? String(v)}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {text}
          </Text>
        )}
      </Stack>
    </Row>
  );
}
