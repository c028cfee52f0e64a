/**
 * Instants for `before` / `after` clauses and allocation windows: ISO 8601 strings or epoch
 * milliseconds. A date-time without a zone is read as UTC, so evaluation never depends on the
 * machine's time zone.
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const parts = ISO_8601.exec(value);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = parts;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) return undefined;
  const time = hour === undefined ? 'T00:00:00' : `T${hour}:${minute}:${second ?? '00'}${(fraction ?? '').slice(0, 4)}`;
  const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone);
  const instant = Date.parse(`${year}-${month}-${day}${time}${offset}`);
  if (Number.isNaN(instant)) return undefined;
  // Date.parse rolls 2023-02-31 over to March; a calendar date that does not exist is invalid.
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCDate() === Number(day) ? instant : undefined;
}

function normaliseOffset(zone: string): string {
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}
