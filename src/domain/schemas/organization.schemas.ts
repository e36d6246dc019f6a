import { z } from 'zod';
import { VersionSchema } from './common.schemas.ts';

export const SlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens only');

export const OrganizationViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type OrganizationView = z.infer<typeof OrganizationViewSchema>;

export const OrganizationCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  slug: SlugSchema.optional(),
});
export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>;

export const OrganizationUpdateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  version: VersionSchema,
});
export type OrganizationUpdate = z.infer<typeof OrganizationUpdateSchema>;
