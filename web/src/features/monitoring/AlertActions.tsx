import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { flashState } from '../inventory/flash-state.ts';
import { fieldError } from './form-errors.ts';
import { monitoringPaths, useAcknowledgeAlert, useRaiseRisk, type MonitoringRunSummary } from './api.ts';
import { formatValue, thresholdText } from './labels.ts';

export interface AlertActionsProps {
  org: string;
  run: Pick<MonitoringRunSummary, 'id' | 'ref' | 'thresholds' | 'alert' | 'system'>;
  size?: 'xs' | 'sm';
  /** Called after the alert was acknowledged (the risk case navigates to the new risk). */
  onAcknowledged?: (run: MonitoringRunSummary) => void;
}

/** The failed thresholds of a run, one line each: what was asked and what was measured. */
export function FailedThresholds({ run }: { run: Pick<MonitoringRunSummary, 'thresholds'> }) {
  const failed = run.thresholds.filter((t) => !t.passed);
  if (failed.length === 0) return null;
  return (
    <List size="sm" spacing={2} data-testid="failed-thresholds">
      {failed.map((t) => (
        <List.Item key={`${t.key}${t.op}${t.value}`}>
          <Text span size="sm" ff="monospace">
            {thresholdText(t)}
          </Text>
          <Text span size="sm" c="red.8" fw={600}>
            {' '}
            — measured {t.actual === null ? 'nothing' : formatValue(t.actual)}
          </Text>
          {t.reason ? (
            <Text span size="xs" c="dimmed">
              {' '}
              ({t.reason})
            </Text>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * Answers an open alert: acknowledge it with a note (what was checked, why no risk yet), or raise
 * a risk from it and go to that risk. An acknowledged alert can still be raised as a risk.
 */
export function AlertActions({ org, run, size = 'xs', onAcknowledged }: AlertActionsProps) {
  const navigate = useNavigate();
  const acknowledge = useAcknowledgeAlert(org);
  const raise = useRaiseRisk(org);
  const [acking, setAcking] = useState(false);
  const [raising, setRaising] = useState(false);
  const [note, setNote] = useState('');
  const state = run.alert.state;
  if (state !== 'open' && state !== 'acknowledged') return null;

  // mutateAsync, not mutate's callbacks: answering the alert refreshes the list it sits in, which
  // may unmount this row before the callbacks would run.
  const submitAck = () =>
    acknowledge
      .mutateAsync({ runId: run.id, note: note.trim() })
      .then((saved) => {
        setAcking(false);
        setNote('');
        onAcknowledged?.(saved);
      })
      .catch(() => undefined); // shown from acknowledge.error
  const submitRaise = () =>
    raise
      .mutateAsync(run.id)
      .then(({ risk }) => {
        setRaising(false);
        void navigate(monitoringPaths.risk(org, risk.ref), {
          state: flashState('success', `${risk.ref} “${risk.title}” was raised from the breach of ${run.ref}.`, 'Risk raised'),
        });
      })
      .catch(() => undefined); // shown from raise.error

  return (
    <>
      <Group gap="xs" wrap="nowrap">
        {state === 'open' ? (
          <Button
            size={size}
            variant="default"
            onClick={() => {
              acknowledge.reset();
              setAcking(true);
            }}
            aria-label={`Acknowledge the alert of ${run.ref}`}
          >
            Acknowledge
          </Button>
        ) : null}
        <Button
          size={size}
          color="red"
          variant="light"
          onClick={() => {
            raise.reset();
            setRaising(true);
          }}
          aria-label={`Raise a risk from ${run.ref}`}
        >
          Raise risk
        </Button>
      </Group>

      <Modal opened={acking} onClose={() => setAcking(false)} title={`Acknowledge the alert of ${run.ref}`} centered size="lg">
        <Stack gap="md">
          <Text size="sm">The breach stays on record with your note. You can still raise a risk from it later.</Text>
          <FailedThresholds run={run} />
          <Textarea
            label="Note"
            description="What you looked at, and why no risk is raised (yet)"
            withAsterisk
            autosize
            minRows={3}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError(acknowledge.error, 'note')}
            data-autofocus
          />
          {fieldError(acknowledge.error, 'note') ? null : <ErrorAlert error={acknowledge.error} title="Could not acknowledge the alert" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAcking(false)} disabled={acknowledge.isPending}>
              Cancel
            </Button>
            <Button onClick={submitAck} loading={acknowledge.isPending} disabled={note.trim() === ''}>
              Acknowledge
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={raising} onClose={() => setRaising(false)} title={`Raise a risk from ${run.ref}`} centered size="lg">
        <Stack gap="md">
          <Text size="sm">
            Trellis adds a risk to the register for {run.system ? `${run.system.ref} ${run.system.name}` : 'the AI system'} that names the
            breached thresholds and the measured values, and links the run’s evidence to it. You then assess and treat it as any other risk.
          </Text>
          <FailedThresholds run={run} />
          <ErrorAlert error={raise.error} title="Could not raise the risk" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRaising(false)} disabled={raise.isPending}>
              Cancel
            </Button>
            <Button color="red" onClick={submitRaise} loading={raise.isPending}>
              Raise risk
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
