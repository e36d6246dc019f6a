import { z } from 'zod';
import { VersionSchema } from './common.schemas.ts';

type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> };

/**
 * The schema of a change to a record: every field optional and WITHOUT its default (zod 4 applies
 * a default inside .partial(), which would silently reset every field a patch leaves out), plus
 * the version the caller read.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  ) as unknown as PatchShape<S>;
  return z.strictObject(shape).extend({ version: VersionSchema });
}
