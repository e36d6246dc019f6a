import { Accordion, Code, Stack, Text } from '@mantine/core';

const frameworkExample = `id: acme-ai-rules
name: Acme internal AI rules
shortName: Acme rules
version: "1"
publisher: Acme AI governance board
description: Rules every Acme AI project follows.
licence: Written by Acme.
items:
  - id: R1
    kind: control
    title: Every AI system has a named owner
    summary: An accountable person is recorded for each AI system.`;

const crosswalkExample = `id: acme-ai-rules--iso42001-2023
from: acme-ai-rules
to: iso42001-2023
source: analysis (Acme)
links:
  - { from: R1, to: A.3.2, relationship: subset,
      rationale: Naming an owner is part of allocating AI roles. }`;

/** A short reminder of the two file formats the import accepts. */
export function ImportFormatHelp() {
  return (
    <Accordion variant="contained" radius="md">
      <Accordion.Item value="format">
        <Accordion.Control>What should the file look like?</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Text size="sm">
              A <b>framework</b> lists its items; each has an <Code>id</Code>, a <Code>kind</Code> (clause, objective, control, function,
              category, subcategory, article, annex-point or risk-source) and a <Code>title</Code>, and may have a <Code>parent</Code>,{' '}
              <Code>summary</Code>, <Code>guidance</Code> and more. Importing the same id with a higher <Code>version</Code> creates a new
              version and shows what changed.
            </Text>
            <Code block>{frameworkExample}</Code>
            <Text size="sm">
              A <b>crosswalk</b> links the items of two loaded frameworks; <Code>relationship</Code> is equal, subset, superset or
              intersects. An OSCAL 1.0.6 catalog (JSON) is accepted too.
            </Text>
            <Code block>{crosswalkExample}</Code>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
