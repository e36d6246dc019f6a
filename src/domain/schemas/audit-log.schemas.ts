import { z } from 'zod';

export const AuditLogQuerySchema = z.object({
  action: z.string().max(100).optional().describe('Prefix of the action, e.g. `member.` or `auth.signed-in`'),
  actorId: z.uuid().optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const AuditEntryViewSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});

export const AuditLogPageSchema = z.object({
  items: z.array(AuditEntryViewSchema),
  nextBeforeSeq: z.number().int().nullable(),
});

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  chains: z.number().int(),
  entries: z.number().int(),
  firstBad: z
    .object({
      chain: z.string(),
      seq: z.number().int(),
      id: z.string().nullable(),
      problem: z.string(),
      message: z.string(),
    })
    .nullable(),
});
