import { z } from 'zod';

export const IdSchema = z.uuid();
export const VersionSchema = z.number().int().min(1).describe('The version you read; a stale version gets 409.');
export const EmailSchema = z
  .email()
  .max(320)
  .transform((v) => v.toLowerCase());

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const OrgParamsSchema = z.object({
  org: z.string().min(1).max(64).describe('Organization id or slug'),
});
