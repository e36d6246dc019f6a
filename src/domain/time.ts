/** The current time as ISO-8601 UTC text, the one timestamp format stored anywhere. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today (UTC) as YYYY-MM-DD: the day review and due dates are compared with. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
