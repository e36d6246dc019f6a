const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a record is named by its id (a UUID) rather than its ref (AIS-0001, MON-0001, …). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
