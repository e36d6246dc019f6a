import { Anchor, Checkbox, Divider, Group, Paper, Radio, Select, Stack, Text, type ComboboxData } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { catalogPaths } from '../catalog/api.ts';
import { EU_AI_ACT, type AnswerValue, type Question } from './api.ts';

/** The checkbox value that stands for an explicit "none of these" (an empty list). */
const NONE = '__none__';
/** More single-choice options than this are offered in a searchable list instead of radio buttons. */
const MAX_RADIOS = 8;

type Option = NonNullable<Question['options']>[number];

/** Whether a question has a usable answer: a list (possibly empty) for multi, a known option for single. */
export function isAnswered(question: Question, value: AnswerValue | undefined): boolean {
  switch (question.type) {
    case 'yes-no':
      return typeof value === 'boolean';
    case 'single':
      return typeof value === 'string' && (question.options ?? []).some((o) => o.value === value);
    case 'multi':
      return Array.isArray(value) && value.every((v) => (question.options ?? []).some((o) => o.value === v));
  }
}

/** A link to the catalog page of an article, opened in a new tab so the answers stay. */
function CatalogRef({ org, refId }: { org: string; refId: string }) {
  return (
    <Anchor href={catalogPaths.item(org, EU_AI_ACT, refId)} target="_blank" rel="noopener" size="xs" ff="monospace">
      {refId}
    </Anchor>
  );
}

function OptionDescription({ org, option }: { org: string; option: Option }) {
  return (
    <>
      {option.help}
      {option.help && option.ref ? ' · ' : null}
      {option.ref ? <CatalogRef org={org} refId={option.ref} /> : null}
    </>
  );
}

/** Options in questionnaire order, under their group headings (ungrouped ones first). */
function grouped(options: Option[]): { group: string | null; options: Option[] }[] {
  const groups: { group: string | null; options: Option[] }[] = [];
  for (const option of options) {
    const group = option.group ?? null;
    const existing = groups.find((g) => g.group === group);
    if (existing) existing.options.push(option);
    else groups.push({ group, options: [option] });
  }
  return groups;
}

export interface QuestionFieldProps {
  org: string;
  question: Question;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  error?: string | undefined;
  /** 1-based number within the step, for orientation. */
  number: number;
}

/** One question of the classification questionnaire, with its help and the articles it rests on. */
export function QuestionField({ org, question, value, onChange, error, number }: QuestionFieldProps) {
  const options = question.options ?? [];
  const label = (
    <Text span fw={600} size="sm">
      {number}. {question.text}
    </Text>
  );
  const description: ReactNode = question.help ? (
    <Text span size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
      {question.help}
    </Text>
  ) : undefined;

  let field: ReactNode;
  switch (question.type) {
    case 'yes-no':
      field = (
        <Radio.Group
          label={label}
          description={description}
          value={value === true ? 'yes' : value === false ? 'no' : null}
          onChange={(v) => onChange(v === 'yes')}
          error={error}
        >
          <Group gap="xl" mt="xs">
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
      );
      break;
    case 'single':
      field =
        options.length > MAX_RADIOS ? (
          <Select
            label={label}
            description={description}
            placeholder="Choose one"
            data={grouped(options).flatMap((g): ComboboxData<string> =>
              g.group === null
                ? g.options.map((o) => ({ value: o.value, label: o.label }))
                : [{ group: g.group, items: g.options.map((o) => ({ value: o.value, label: o.label })) }],
            )}
            value={typeof value === 'string' ? value : null}
            onChange={(v: string | null) => onChange(v ?? undefined)}
            searchable
            nothingFoundMessage="Nothing matches"
            error={error}
            maw={560}
          />
        ) : (
          <Radio.Group
            label={label}
            description={description}
            value={typeof value === 'string' ? value : null}
            onChange={(v) => onChange(v)}
            error={error}
          >
            <Stack gap="xs" mt="xs">
              {options.map((o) => (
                <Radio
                  key={o.value}
                  value={o.value}
                  label={o.label}
                  description={o.help || o.ref ? <OptionDescription org={org} option={o} /> : undefined}
                />
              ))}
            </Stack>
          </Radio.Group>
        );
      break;
    case 'multi': {
      const chosen = Array.isArray(value) ? value : null;
      const groupValue = chosen === null ? [] : chosen.length === 0 ? [NONE] : chosen;
      field = (
        <Checkbox.Group
          label={label}
          description={
            <>
              {description}
              {description ? ' ' : null}
              <Text span size="sm" c="dimmed">
                Tick every option that applies, or “None of these”.
              </Text>
            </>
          }
          value={groupValue}
          onChange={(next) => {
            const pickedNone = next.includes(NONE) && !groupValue.includes(NONE);
            if (pickedNone) onChange([]);
            else {
              const real = next.filter((v) => v !== NONE);
              onChange(real.length ? real : undefined);
            }
          }}
          error={error}
        >
          <Stack gap="xs" mt="xs">
            {grouped(options).map((g) => (
              <Fragment key={g.group ?? '(none)'}>
                {g.group ? (
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt={4} style={{ letterSpacing: '0.03em' }}>
                    {g.group}
                  </Text>
                ) : null}
                {g.options.map((o) => (
                  <Checkbox
                    key={o.value}
                    value={o.value}
                    label={o.label}
                    description={o.help || o.ref ? <OptionDescription org={org} option={o} /> : undefined}
                  />
                ))}
              </Fragment>
            ))}
            <Divider my={2} />
            <Checkbox value={NONE} label="None of these" data-testid={`none-${question.id}`} />
          </Stack>
        </Checkbox.Group>
      );
      break;
    }
  }

  return (
    <Paper withBorder radius="md" p="md" id={`question-${question.id}`} data-question={question.id}>
      <Stack gap="xs">
        {field}
        {question.refs?.length ? (
          <Text size="xs" c="dimmed">
            Based on{' '}
            {question.refs.map((r, i) => (
              <Fragment key={r}>
                {i > 0 ? ', ' : null}
                <CatalogRef org={org} refId={r} />
              </Fragment>
            ))}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
