import { Anchor, Badge, Box, CloseButton, Group, Highlight, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { catalogPaths, useCatalogSearch, type SearchHit } from './api.ts';
import { KindBadge } from './CatalogBadges.tsx';

const LIMIT = 50;

function SearchResult({ org, hit, terms }: { org: string; hit: SearchHit; terms: string[] }) {
  return (
    <Box
      component="li"
      px="md"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-hit={`${hit.frameworkId}/${hit.id}`}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge size="sm" variant="light" color="gray" radius="sm" mt={2} miw={104}>
          {hit.frameworkName}
        </Badge>
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
            <Anchor component={Link} to={catalogPaths.item(org, hit.frameworkId, hit.id)} size="sm" fw={500} lineClamp={2}>
              <Text span ff="monospace" size="sm" fw={600} mr={2}>
                {hit.id}
              </Text>{' '}
              {hit.title}
            </Anchor>
            <KindBadge kind={hit.kind} size="xs" />
          </Group>
          {hit.snippet ? (
            <Highlight highlight={terms} size="xs" c="dimmed" lineClamp={2}>
              {hit.snippet}
            </Highlight>
          ) : null}
        </Stack>
      </Group>
    </Box>
  );
}

export interface CatalogSearchProps {
  org: string;
  /** The query kept in the address, so Back returns to the same results. */
  query: string;
  onQueryChange: (query: string) => void;
}

/** Full-text search across every framework: ids, titles, summaries, guidance. */
export function CatalogSearch({ org, query, onQueryChange }: CatalogSearchProps) {
  const [input, setInput] = useState(query);
  const [debounced] = useDebouncedValue(input.trim(), 300);
  const search = useCatalogSearch(org, debounced, LIMIT);

  // Typing settles into the address; the address changing by itself (the Catalog link) resets the box.
  const [written, setWritten] = useState(query);
  useEffect(() => {
    // Only a settled value (not one still catching up with the box) is written.
    if (debounced === written || debounced !== input.trim()) return;
    setWritten(debounced);
    onQueryChange(debounced);
  }, [debounced, input, written, onQueryChange]);
  const [seen, setSeen] = useState(query);
  if (query !== seen) {
    setSeen(query);
    if (query !== written) {
      setWritten(query);
      setInput(query);
    }
  }

  const terms = debounced.split(/\s+/).filter((t) => t.length > 1);
  const hits = search.data ?? [];

  return (
    <Stack gap="sm">
      <TextInput
        label="Search the catalog"
        description="Across every framework: ids, titles, summaries and guidance"
        placeholder="e.g. impact assessment, A.6.2.4, GOVERN 1.1, Art. 27"
        type="search"
        value={input}
        onChange={(e) => setInput(e.currentTarget.value)}
        maxLength={200}
        size="md"
        rightSection={
          search.isFetching ? (
            <Loader size="xs" aria-label="Searching" />
          ) : input ? (
            <CloseButton aria-label="Clear search" onClick={() => setInput('')} />
          ) : null
        }
      />
      {debounced ? (
        <Paper withBorder radius="md" aria-live="polite" aria-busy={search.isFetching}>
          {search.isError ? (
            <Box p="md">
              <ErrorAlert error={search.error} title="The search failed" />
            </Box>
          ) : search.isPending ? (
            <Text size="sm" c="dimmed" p="md">
              Searching…
            </Text>
          ) : hits.length === 0 ? (
            <EmptyMessage
              title={`Nothing matches “${debounced}”`}
              description="Try fewer or other words, or an identifier such as 6.1.4."
            />
          ) : (
            <>
              <Text size="xs" c="dimmed" px="md" py={8}>
                {hits.length >= LIMIT ? `The first ${LIMIT} results` : `${hits.length} result${hits.length === 1 ? '' : 's'}`} for “
                {debounced}”
              </Text>
              <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Search results">
                {hits.map((hit) => (
                  <SearchResult key={`${hit.frameworkId}/${hit.id}`} org={org} hit={hit} terms={terms} />
                ))}
              </Box>
            </>
          )}
        </Paper>
      ) : null}
    </Stack>
  );
}
