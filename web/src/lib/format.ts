const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "12 Mar 2026", or the fallback for a missing date. */
export function formatDate(iso: string | null | undefined, fallback = '—'): string {
  const date = parse(iso);
  return date ? dateFormat.format(date) : fallback;
}

/** "12 Mar 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : fallback;
}

/** "12 Mar 2026, 14:05:33", for audit entries. */
export function formatTimestamp(iso: string | null | undefined, fallback = '—'): string {
  const date = parse(iso);
  return date ? preciseFormat.format(date) : fallback;
}

/** True when the date lies in the past. */
export function isPast(iso: string | null | undefined): boolean {
  const date = parse(iso);
  return date !== null && date.getTime() <= Date.now();
}

/** A short form of a long identifier or hash: "3f9a2c…8e01". */
export function abbreviate(value: string, head = 8, tail = 4): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}
