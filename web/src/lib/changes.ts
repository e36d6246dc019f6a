/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level fields whose value differs between before and after (compared as JSON), sorted. */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** The fields of `after` that differ from `before`: the body of a PATCH that sends only what changed. */
export function changedEntries<T extends object>(before: T, after: T): Partial<T> {
  const next = after as Record<string, unknown>;
  return Object.fromEntries(
    changedFields(before, after)
      .filter((k) => k in next)
      .map((k) => [k, next[k]]),
  ) as Partial<T>;
}
