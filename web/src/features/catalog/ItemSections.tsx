import { Anchor, Badge, Box, Divider, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import type { ItemDetail } from './api.ts';
import { ItemLinkRow } from './ItemLinkRow.tsx';
import { paragraphsOf } from './legal-text.ts';

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** "2 August 2026", for a calendar date (yyyy-mm-dd) in local time. */
function formatCalendarDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00`);
  return Number.isNaN(parsed.getTime()) ? date : longDate.format(parsed);
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={`section-${id}`}>
      <Title order={2} size="h5" id={`section-${id}`}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Prose({ children }: { children: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-line' }} lh={1.6}>
      {children}
    </Text>
  );
}

/** Where a long official text is cut until the reader asks for all of it. */
const LONG_TEXT = 1500;

function OfficialText({ text, reference }: { text: string; reference: string | undefined }) {
  const [open, setOpen] = useState(false);
  const formatted = paragraphsOf(text);
  const long = formatted.length > LONG_TEXT;
  return (
    <Paper bg="gray.0" p="md" radius="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}>
      <Stack gap="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-line' }} lh={1.6} lineClamp={long && !open ? 14 : undefined} id="official-text">
          {formatted}
        </Text>
        {long ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls="official-text"
            style={{ alignSelf: 'flex-start' }}
          >
            {open ? 'Show less' : 'Show the full text'}
          </Anchor>
        ) : null}
        {reference ? (
          <Text size="xs" c="dimmed">
            Source: {reference}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function KeyDates({ dates }: { dates: NonNullable<ItemDetail['item']['keyDates']> }) {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Table withTableBorder verticalSpacing="xs" aria-label="Key dates">
      <Table.Tbody>
        {[...dates]
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((d) => (
            <Table.Tr key={`${d.date}-${d.what}`}>
              <Table.Td w={170} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                <Stack gap={2} align="flex-start">
                  <Text size="sm" fw={600}>
                    {formatCalendarDate(d.date)}
                  </Text>
                  <Badge size="xs" variant="light" color={d.date <= today ? 'gray' : 'orange'}>
                    {d.date <= today ? 'Applies' : 'Upcoming'}
                  </Badge>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.what}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

function Children({ org, frameworkId, rows }: { org: string; frameworkId: string; rows: ItemDetail['children'] }) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {rows.map((row) => (
        <ItemLinkRow key={row.id} org={org} frameworkId={frameworkId} row={row} py={4} align="flex-start" />
      ))}
    </Box>
  );
}

/** The body of a requirement page: every section the item has, in a reading order for non-experts. */
export function ItemSections({ org, detail }: { org: string; detail: ItemDetail }) {
  const { item } = detail;
  const sections: { id: string; title: string; body: ReactNode }[] = [];
  if (item.summary) sections.push({ id: 'summary', title: 'Summary', body: <Prose>{item.summary}</Prose> });
  if (item.text) {
    sections.push({ id: 'text', title: 'Official text', body: <OfficialText text={item.text} reference={item.reference} /> });
  }
  if (item.documentedInformation?.length) {
    sections.push({
      id: 'documented',
      title: 'Documented information',
      body: (
        <>
          <Text size="xs" c="dimmed">
            The records and documents this calls for.
          </Text>
          <List size="sm" spacing={4}>
            {item.documentedInformation.map((entry) => (
              <List.Item key={entry}>{entry}</List.Item>
            ))}
          </List>
        </>
      ),
    });
  }
  if (item.auditorAsks?.length) {
    sections.push({
      id: 'auditor',
      title: 'What an auditor asks to see',
      body: (
        <List size="sm" spacing={4}>
          {item.auditorAsks.map((entry) => (
            <List.Item key={entry}>{entry}</List.Item>
          ))}
        </List>
      ),
    });
  }
  if (item.guidance) sections.push({ id: 'guidance', title: 'Implementation guidance', body: <Prose>{item.guidance}</Prose> });
  if (item.example) {
    sections.push({
      id: 'example',
      title: 'Example',
      body: (
        <Paper bg="teal.0" p="md" radius="sm">
          <Prose>{item.example}</Prose>
        </Paper>
      ),
    });
  }
  if (item.keyDates?.length) sections.push({ id: 'dates', title: 'Key dates', body: <KeyDates dates={item.keyDates} /> });
  if (detail.children.length > 0) {
    sections.push({
      id: 'children',
      title: `Contains (${detail.children.length})`,
      body: <Children org={org} frameworkId={detail.frameworkId} rows={detail.children} />,
    });
  }

  return (
    <Paper withBorder radius="md" p="lg">
      {sections.length === 0 ? (
        <Text size="sm" c="dimmed">
          This item has no summary or guidance yet; its title is all the catalog holds.
        </Text>
      ) : (
        <Stack gap="lg">
          {sections.map((section, index) => (
            <Fragment key={section.id}>
              {index > 0 ? <Divider /> : null}
              <Section id={section.id} title={section.title}>
                {section.body}
              </Section>
            </Fragment>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
