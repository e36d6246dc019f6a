import { Anchor, Badge, Box, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ConfirmModal } from '../../lib/components/ConfirmModal.tsx';
import { EmptyMessage } from '../../lib/components/EmptyMessage.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { FlashMessage, useFlash } from '../../lib/components/FlashMessage.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import {
  inventoryPaths,
  useAddRelation,
  useAllSystems,
  useRecords,
  useRelations,
  useRemoveRelation,
  type InventoryKind,
  type Relation,
  type RelationKind,
} from './api.ts';
import { fieldErrorOf } from './form-helpers.tsx';
import { inSentence, kindLabels, relationEnds, relationKindList, relationLabels, withArticle } from './labels.ts';

type Direction = 'forward' | 'reverse';

interface Linked {
  relation: Relation;
  direction: Direction;
  other: { kind: InventoryKind; id: string; name: string };
}

/** A relation seen from one record: which way it points and the record at the other end. */
function fromPerspective(relation: Relation, id: string): Linked {
  const forward = relation.fromId === id;
  return {
    relation,
    direction: forward ? 'forward' : 'reverse',
    other: forward
      ? { kind: relation.toKind, id: relation.toId, name: relation.toName }
      : { kind: relation.fromKind, id: relation.fromId, name: relation.fromName },
  };
}

/** The relations a record of this kind can start, from either end. */
function choicesFor(
  kind: InventoryKind,
): { value: string; relation: RelationKind; direction: Direction; target: InventoryKind; label: string }[] {
  const choices = [];
  for (const relation of relationKindList) {
    const ends = relationEnds[relation];
    if (ends.from === kind) {
      choices.push({
        value: `${relation}:forward`,
        relation,
        direction: 'forward' as const,
        target: ends.to,
        label: relationLabels[relation].forward,
      });
    }
    if (ends.to === kind) {
      choices.push({
        value: `${relation}:reverse`,
        relation,
        direction: 'reverse' as const,
        target: ends.from,
        label: relationLabels[relation].reverse,
      });
    }
  }
  return choices;
}

function useTargets(org: string, kind: InventoryKind | null) {
  const systems = useAllSystems(org, kind === 'system');
  const suppliers = useRecords(org, 'supplier', kind === 'supplier');
  const datasets = useRecords(org, 'dataset', kind === 'dataset');
  const models = useRecords(org, 'model', kind === 'model');
  switch (kind) {
    case 'system':
      return {
        isPending: systems.isPending,
        error: systems.error,
        items: (systems.data?.items ?? []).map((s) => ({ id: s.id, label: `${s.ref} · ${s.name}` })),
      };
    case 'supplier':
      return {
        isPending: suppliers.isPending,
        error: suppliers.error,
        items: (suppliers.data ?? []).map((s) => ({ id: s.id, label: s.name })),
      };
    case 'dataset':
      return {
        isPending: datasets.isPending,
        error: datasets.error,
        items: (datasets.data ?? []).map((d) => ({ id: d.id, label: d.name })),
      };
    case 'model':
      return {
        isPending: models.isPending,
        error: models.error,
        items: (models.data ?? []).map((m) => ({ id: m.id, label: m.modelVersion ? `${m.name} (${m.modelVersion})` : m.name })),
      };
    case null:
      return { isPending: false, error: null, items: [] };
  }
}

interface AddRelationFormProps {
  org: string;
  kind: InventoryKind;
  id: string;
  existing: Linked[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

function AddRelationForm({ org, kind, id, existing, onDone, onCancel }: AddRelationFormProps) {
  const choices = useMemo(() => choicesFor(kind), [kind]);
  const add = useAddRelation(org);
  const [choiceValue, setChoiceValue] = useState<string | null>(choices.length === 1 ? (choices[0]?.value ?? null) : null);
  const [targetId, setTargetId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const choice = choices.find((c) => c.value === choiceValue) ?? null;
  const targets = useTargets(org, choice?.target ?? null);

  const taken = new Set(
    existing.filter((l) => choice && l.relation.relation === choice.relation && l.direction === choice.direction).map((l) => l.other.id),
  );
  const targetOptions = targets.items.filter((t) => t.id !== id && !taken.has(t.id)).map((t) => ({ value: t.id, label: t.label }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice || !targetId) return;
    const target = targets.items.find((t) => t.id === targetId);
    add.mutate(
      {
        relation: choice.relation,
        fromId: choice.direction === 'forward' ? id : targetId,
        toId: choice.direction === 'forward' ? targetId : id,
        note: note.trim(),
      },
      { onSuccess: () => onDone(`${choice.label}: ${target?.label ?? ''}.`) },
    );
  };

  const targetLabel = choice ? kindLabels[choice.target].one : 'Record';
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate aria-label="Add relation">
      <Stack gap="sm">
        <ErrorAlert error={add.error && !fieldErrorOf(add.error, 'note') ? add.error : null} title="Could not add the relation" />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Relation"
            placeholder="Choose how they relate"
            data={choices.map((c) => ({ value: c.value, label: c.label }))}
            value={choiceValue}
            onChange={(v) => {
              setChoiceValue(v);
              setTargetId(null);
              add.reset();
            }}
            allowDeselect={false}
            data-autofocus
          />
          <Select
            label={targetLabel}
            placeholder={
              !choice
                ? 'Choose the relation first'
                : targets.isPending
                  ? 'Loading…'
                  : targetOptions.length === 0
                    ? `No ${inSentence(kindLabels[choice.target].one)} left to link`
                    : `Choose ${withArticle(inSentence(kindLabels[choice.target].one))}`
            }
            data={targetOptions}
            value={targetId}
            onChange={setTargetId}
            disabled={!choice || targets.isPending || targetOptions.length === 0}
            searchable
            nothingFoundMessage="Nothing matches"
            error={targets.error ? 'Could not load the list' : undefined}
          />
          <TextInput
            label="Note (optional)"
            placeholder="e.g. training data, speech-to-text component"
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldErrorOf(add.error, 'note')}
          />
        </SimpleGrid>
        {choice && !targets.isPending && targets.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            There are no {inSentence(kindLabels[choice.target].many)} in the inventory yet.{' '}
            {choice.target !== 'system' ? (
              <Anchor component={Link} to={inventoryPaths.list(org, choice.target)} size="sm">
                Add one on the {kindLabels[choice.target].many} page
              </Anchor>
            ) : null}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={add.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!choice || !targetId}>
            Add relation
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export interface RelationsPanelProps {
  org: string;
  kind: InventoryKind;
  id: string;
  name: string;
  mayWrite: boolean;
  /** A line under the heading: what relations mean for this kind. */
  description?: string;
}

/** The records linked to this one, grouped by relation, with links to them; add and remove for writers. */
export function RelationsPanel({ org, kind, id, name, mayWrite, description }: RelationsPanelProps) {
  const relations = useRelations(org, kind, id);
  const remove = useRemoveRelation(org);
  const { flash, show, clear } = useFlash();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Linked | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);

  const linked = useMemo(() => (relations.data ?? []).map((r) => fromPerspective(r, id)), [relations.data, id]);
  const groups = useMemo(() => {
    const byLabel = new Map<string, Linked[]>();
    for (const l of linked) {
      const key = `${l.relation.relation}:${l.direction}`;
      byLabel.set(key, [...(byLabel.get(key) ?? []), l]);
    }
    // In the order of the relation kinds, forward before reverse, so the page reads the same every time.
    const rank = (key: string) => {
      const [relation = '', direction] = key.split(':');
      return relationKindList.indexOf(relation as RelationKind) * 2 + (direction === 'reverse' ? 1 : 0);
    };
    return [...byLabel.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]))
      .map(([key, items]) => {
        const first = items[0] as Linked;
        return {
          key,
          label: relationLabels[first.relation.relation][first.direction],
          items: [...items].sort((a, b) => a.other.name.localeCompare(b.other.name)),
        };
      });
  }, [linked]);
  const canStart = choicesFor(kind).length > 0;

  const confirmRemove = () => {
    if (!removing) return;
    const target = removing;
    remove.mutate(target.relation.id, {
      onSuccess: () => {
        setConfirmOpen(false);
        show('success', `The link to ${target.other.name} was removed.`);
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h4">
            Relations
          </Title>
          {description ? (
            <Text size="sm" c="dimmed" maw={720}>
              {description}
            </Text>
          ) : null}
        </Stack>
        {mayWrite && canStart && !adding ? (
          <Button
            variant="default"
            onClick={() => {
              clear();
              setAdding(true);
            }}
          >
            Add relation
          </Button>
        ) : null}
      </Group>
      <FlashMessage flash={flash} onClose={clear} />
      {adding ? (
        <AddRelationForm
          org={org}
          kind={kind}
          id={id}
          existing={linked}
          onCancel={() => setAdding(false)}
          onDone={(message) => {
            setAdding(false);
            show('success', message);
          }}
        />
      ) : null}
      {relations.isPending ? (
        <LoadingState label="Loading relations…" />
      ) : relations.isError ? (
        <ErrorAlert error={relations.error} title="Could not load the relations" />
      ) : groups.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyMessage
            title="Nothing linked yet"
            description={
              mayWrite && canStart
                ? `Link ${name} to the records it depends on or that depend on it, so an auditor can follow the chain from AI system to data, models and suppliers.`
                : `No other inventory record is linked to ${name}.`
            }
          />
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {groups.map((group) => (
            <Paper
              key={group.key}
              withBorder
              radius="md"
              p="md"
              component="section"
              aria-label={group.label}
              data-relation-group={group.key}
            >
              <Group gap="xs" mb="xs">
                <Text fw={600} size="sm">
                  {group.label}
                </Text>
                <Badge size="sm" variant="light" color="gray" radius="sm">
                  {group.items.length}
                </Badge>
              </Group>
              <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {group.items.map((l) => (
                  <Group
                    component="li"
                    key={l.relation.id}
                    justify="space-between"
                    wrap="nowrap"
                    gap="xs"
                    py={6}
                    style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <Stack gap={0} miw={0}>
                      <Anchor component={Link} to={inventoryPaths.record(org, l.other.kind, l.other.id)} size="sm" fw={500}>
                        {l.other.name}
                      </Anchor>
                      {l.relation.note ? (
                        <Text size="xs" c="dimmed">
                          {l.relation.note}
                        </Text>
                      ) : null}
                    </Stack>
                    {mayWrite ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove the link “${inSentence(group.label)}” to ${l.other.name}`}
                        onClick={() => {
                          remove.reset();
                          setRemoving(l);
                          setConfirmOpen(true);
                        }}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Group>
                ))}
              </Box>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <ConfirmModal
        opened={confirmOpen}
        title="Remove relation"
        confirmLabel="Remove relation"
        onConfirm={confirmRemove}
        onCancel={() => setConfirmOpen(false)}
        loading={remove.isPending}
        error={remove.error}
      >
        {removing ? (
          <Text size="sm">
            Remove the link “{inSentence(relationLabels[removing.relation.relation][removing.direction])} {removing.other.name}” from {name}
            ? Neither record is deleted; the removal is recorded in the audit log.
          </Text>
        ) : null}
      </ConfirmModal>
    </Stack>
  );
}
