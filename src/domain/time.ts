/** The current time as ISO-8601 UTC text, the one timestamp format stored anywhere. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
