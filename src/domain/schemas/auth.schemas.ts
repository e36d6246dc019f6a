import { z } from 'zod';
import { RoleSchema } from '../policy.ts';
import { EmailSchema } from './common.schemas.ts';

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type Login = z.infer<typeof LoginSchema>;

export const UserViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const OrganizationMembershipViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: RoleSchema,
});

export const SessionViewSchema = z.object({
  user: UserViewSchema,
  organizations: z.array(OrganizationMembershipViewSchema),
  csrfToken: z.string().nullable().describe('Send as X-CSRF-Token on every write made with the session cookie.'),
  via: z.enum(['session', 'token']),
  token: z.object({ id: z.string(), name: z.string(), orgId: z.string() }).nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(12).max(256),
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;
