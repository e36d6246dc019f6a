import { z } from 'zod';
import { RoleSchema } from '../policy.ts';
import { EmailSchema, VersionSchema } from './common.schemas.ts';

export const MemberViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  status: z.enum(['active', 'invited']),
  inviteExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type MemberView = z.infer<typeof MemberViewSchema>;

export const MemberInviteSchema = z.object({
  email: EmailSchema,
  role: RoleSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
export type MemberInvite = z.infer<typeof MemberInviteSchema>;

export const InvitationIssuedSchema = z.object({
  member: MemberViewSchema,
  inviteUrl: z.string().describe('Shown once: send it to the invitee. It expires in 7 days.'),
});

export const MemberRoleChangeSchema = z.object({
  role: RoleSchema,
  version: VersionSchema,
});
export type MemberRoleChange = z.infer<typeof MemberRoleChangeSchema>;

export const InvitationViewSchema = z.object({
  organizationName: z.string(),
  organizationSlug: z.string(),
  email: z.string(),
  role: RoleSchema,
  accountExists: z.boolean().describe('True when the invitee already has a password: accept with it.'),
  expiresAt: z.string(),
});

export const InvitationAcceptSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(1).max(256),
});
export type InvitationAccept = z.infer<typeof InvitationAcceptSchema>;
