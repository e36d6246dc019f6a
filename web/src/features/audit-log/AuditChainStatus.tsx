import { Alert, Text } from '@mantine/core';
import { AlertTriangleIcon, ShieldCheckIcon } from '../../lib/components/icons.tsx';
import type { AuditVerifyResult } from './api.ts';

/** The result of recomputing the hash chain: intact, or where it breaks. */
export function AuditChainStatus({ result, compact = false }: { result: AuditVerifyResult; compact?: boolean }) {
  if (result.ok) {
    return (
      <Alert color="teal" variant="light" icon={<ShieldCheckIcon size={20} />} title="Audit chain intact" role="status">
        {compact
          ? `All ${result.entries} entries verified.`
          : `All ${result.entries} entries were recomputed and every hash matches: the log has not been altered.`}
      </Alert>
    );
  }
  const bad = result.firstBad;
  return (
    <Alert color="red" variant="light" icon={<AlertTriangleIcon size={20} />} title="Audit chain tampered with" role="alert">
      <Text size="sm">{bad ? bad.message : 'The hash chain does not verify.'}</Text>
      {bad ? (
        <Text size="xs" c="dimmed" mt={4}>
          First bad entry: #{bad.seq}
          {bad.id ? ` (${bad.id})` : ''} — {bad.problem}. {result.entries} entries checked.
        </Text>
      ) : null}
    </Alert>
  );
}
