/**
 * The console's one way to show a moment (CONSOLE.md: "a date (relative with the exact time on
 * hover)"): "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date itself
 * once it is more than a month away, where "N days ago" stops meaning much.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `at` relative to `now` in a few words; the future reads "in 5 min" (clocks drift). */
export function relativeTime(at: Date, now: Date = new Date()): string {
  const delta = now.getTime() - at.getTime();
  const ago = delta >= 0;
  const span = Math.abs(delta);
  const say = (amount: number, unit: string) => (ago ? `${amount} ${unit} ago` : `in ${amount} ${unit}`);
  if (span < MINUTE) return 'just now';
  if (span < HOUR) return say(Math.floor(span / MINUTE), 'min');
  if (span < DAY) return say(Math.floor(span / HOUR), 'h');
  const days = Math.floor(span / DAY);
  if (days === 1) return ago ? 'yesterday' : 'tomorrow';
  if (days < 31) return say(days, 'days');
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()}`;
}

/** Made once, when first needed: building a date formatter costs far more than using one. */
let exact: Intl.DateTimeFormat | undefined;
const EXACT_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** The exact moment, in the browser's time zone, named: "12 Mar 2026, 14:05:09 CET". */
export function exactTime(at: Date): string {
  exact ??= new Intl.DateTimeFormat('en-GB', EXACT_FORMAT);
  const parts = exact.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${Number(part('day'))} ${MONTHS[Number(part('month')) - 1]} ${part('year')}, ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}
