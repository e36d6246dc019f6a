import { Alert, Anchor, Button, Code, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { controlPaths, useApproveSoa, type SoaDocument, type SoaVersionListItem } from './api.ts';
import { plural } from './labels.ts';

export interface ApproveSoaModalProps {
  org: string;
  opened: boolean;
  onClose: () => void;
  /** The SoA as the approver sees it: its summary is what they are asked to confirm. */
  summary: SoaDocument['summary'];
}

/** Approves the live SoA with a comment; the result shows the frozen version's number and hash. */
export function ApproveSoaModal({ org, opened, onClose, summary }: ApproveSoaModalProps) {
  const approve = useApproveSoa(org);
  const [comment, setComment] = useState('');
  const [approved, setApproved] = useState<SoaVersionListItem | null>(null);
  const commentError = approve.error instanceof ApiError ? approve.error.fieldError('comment') : undefined;

  const close = () => {
    onClose();
    // Reset once the modal has closed, so its content does not change while it fades out.
    window.setTimeout(() => {
      setApproved(null);
      setComment('');
      approve.reset();
    }, 200);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    approve.mutate({ comment: comment.trim() }, { onSuccess: setApproved });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={approved ? `SoA version ${approved.number} approved` : 'Approve this SoA'}
      size="lg"
      centered
    >
      {approved ? (
        <Stack gap="md" data-testid="soa-approved">
          <Alert color="teal" variant="light" title={`Version ${approved.number} is frozen`}>
            The Statement of Applicability was approved as version {approved.number}. It will not change; later decisions go into the live
            SoA until the next approval.
          </Alert>
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              Content hash (SHA-256)
            </Text>
            <Code block fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="soa-hash">
              {approved.contentHash}
            </Code>
            <Text size="xs" c="dimmed">
              Anyone can check an export against this hash: it covers every row and the summary.
            </Text>
          </Stack>
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to={controlPaths.version(org, approved.number)} variant="default" onClick={close}>
              Open version {approved.number}
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Approve the SoA">
          <Stack gap="md">
            <Text size="sm">
              Approving freezes the Statement of Applicability as it is now (ISO/IEC 42001 6.1.3 e) as the next version, with your name,
              your role and a hash of its content.
            </Text>
            <List size="sm" spacing={2}>
              <List.Item>{plural(summary.applicable, 'control')} included</List.Item>
              <List.Item>{plural(summary.excluded, 'control')} excluded</List.Item>
              <List.Item>{plural(summary.undecided, 'control')} not decided</List.Item>
              <List.Item>{plural(summary.flagged, 'control')} flagged</List.Item>
            </List>
            {summary.undecided > 0 || summary.flagged > 0 ? (
              <Alert color="yellow" variant="light" title="Some controls need attention">
                An auditor will ask about undecided and flagged controls. You can still approve; the flags are frozen with the version.{' '}
                <Anchor component={Link} to={controlPaths.soa(org, new URLSearchParams({ flagged: '1' }))} size="sm" onClick={close}>
                  Review the flagged controls
                </Anchor>
              </Alert>
            ) : null}
            <Textarea
              label="Comment"
              description="What was reviewed, and why it is approved"
              required
              autosize
              minRows={3}
              maxRows={8}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={commentError}
              data-autofocus
            />
            {approve.error && !commentError ? <ErrorAlert error={approve.error} title="Could not approve the SoA" /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={approve.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={approve.isPending}>
                Approve
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
