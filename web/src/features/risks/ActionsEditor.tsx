import { ActionIcon, Button, Checkbox, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { isDayPast } from './labels.ts';

export interface ActionRow {
  /** A key for React: the action's id, or a local one for a new action. */
  key: string;
  id?: string;
  title: string;
  owner: string;
  /** YYYY-MM-DD or ''. */
  due: string;
  done: boolean;
}

let localKey = 1;
export function newActionRow(): ActionRow {
  return { key: `new-${localKey++}`, title: '', owner: '', due: '', done: false };
}

export interface ActionsEditorProps {
  value: ActionRow[];
  onChange: (rows: ActionRow[]) => void;
  /** The message for a field of an action, by its position (`actions.2.title`). */
  errorAt: (index: number, field: 'title' | 'owner' | 'due') => string | undefined;
  /** Whether to mark actions without a title (after a submit). */
  showMissing: boolean;
}

/** The treatment actions (8.3): what is done, by whom, by when, and whether it is done. */
export function ActionsEditor({ value, onChange, errorAt, showMissing }: ActionsEditorProps) {
  const set = (index: number, patch: Partial<ActionRow>) => onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs">
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          No actions yet. Add what must be done to put the treatment in place, with an owner and a due date.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing={6} horizontalSpacing="xs" aria-label="Treatment actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Th w={180}>Owner</Table.Th>
                <Table.Th w={170}>Due</Table.Th>
                <Table.Th w={60} ta="center">
                  Done
                </Table.Th>
                <Table.Th w={44}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.map((row, index) => {
                const n = index + 1;
                const overdue = !row.done && row.due !== '' && isDayPast(row.due);
                const missing = showMissing && !row.title.trim();
                return (
                  <Table.Tr key={row.key} style={{ verticalAlign: 'top' }} data-action-row={n}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Action ${n}`}
                        placeholder="What is to be done"
                        maxLength={300}
                        size="xs"
                        value={row.title}
                        onChange={(e) => set(index, { title: e.currentTarget.value })}
                        error={missing ? 'Say what is to be done' : errorAt(index, 'title')}
                        styles={row.done ? { input: { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' } } : undefined}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Owner of action ${n}`}
                        placeholder="Name or email"
                        maxLength={200}
                        size="xs"
                        value={row.owner}
                        onChange={(e) => set(index, { owner: e.currentTarget.value })}
                        error={errorAt(index, 'owner')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Due date of action ${n}`}
                        type="date"
                        size="xs"
                        value={row.due}
                        onChange={(e) => set(index, { due: e.currentTarget.value })}
                        error={overdue ? 'Overdue' : errorAt(index, 'due')}
                      />
                    </Table.Td>
                    <Table.Td ta="center" pt={10}>
                      <Checkbox
                        aria-label={`Action ${n} done`}
                        checked={row.done}
                        onChange={(e) => set(index, { done: e.currentTarget.checked })}
                        styles={{ body: { justifyContent: 'center' } }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={2}
                        aria-label={`Remove action ${n}${row.title ? `: ${row.title}` : ''}`}
                        onClick={() => onChange(value.filter((_, i) => i !== index))}
                      >
                        <svg
                          width={16}
                          height={16}
                          viewBox="0 0 24 24"
                          fill="none"
                          stroke="currentColor"
                          strokeWidth={2}
                          aria-hidden="true"
                        >
                          <path d="M6 6l12 12M18 6L6 18" />
                        </svg>
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <div>
        <Button variant="light" size="xs" onClick={() => onChange([...value, newActionRow()])} disabled={value.length >= 100}>
          Add action
        </Button>
      </div>
    </Stack>
  );
}
