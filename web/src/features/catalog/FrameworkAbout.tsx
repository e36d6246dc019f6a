import { Anchor, Button, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { oscalUrl, type FrameworkDetail } from './api.ts';
import { FrameworkVersions } from './FrameworkVersions.tsx';
import { describeKinds } from './labels.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} size="h6" tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The side panel of a framework: what it is, what may be reproduced, versions and export. */
export function FrameworkAbout({ org, framework }: { org: string; framework: FrameworkDetail }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="aside" aria-label={`About ${framework.shortName}`}>
      <Stack gap="md">
        <Section title="About">
          <Text size="sm" lineClamp={expanded ? undefined : 6} id="framework-description">
            {framework.description}
          </Text>
          {framework.description.length > 300 ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => setExpanded((e) => !e)}
              aria-expanded={expanded}
              aria-controls="framework-description"
              style={{ alignSelf: 'flex-start' }}
            >
              {expanded ? 'Show less' : 'Read more'}
            </Anchor>
          ) : null}
        </Section>
        <Section title="Contents">
          <Text size="sm">
            {framework.requirementCount} items: {describeKinds(framework.kinds).join(', ')}.
          </Text>
        </Section>
        <Section title="Licence and wording">
          <Text size="xs" c="dimmed">
            {framework.licence}
          </Text>
          {framework.url ? (
            <Anchor href={framework.url} target="_blank" rel="noopener noreferrer" size="sm">
              Official source ↗
            </Anchor>
          ) : null}
        </Section>
        {framework.origin === 'organization' ? (
          <Section title="Versions">
            <FrameworkVersions org={org} framework={framework.id} />
          </Section>
        ) : null}
        <Divider />
        <Stack gap={4}>
          <Button component="a" href={oscalUrl(org, framework.id)} download={`${framework.id}.oscal.json`} variant="light" size="sm">
            Export as OSCAL (JSON)
          </Button>
          <Text size="xs" c="dimmed">
            The open NIST format for control catalogs, for GRC tools that read OSCAL.
          </Text>
        </Stack>
      </Stack>
    </Paper>
  );
}
