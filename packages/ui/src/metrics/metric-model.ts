/**
 * The metrics page's decisions, apart from rendering: the form's state from a metric and back (a
 * create body, or the changes a PATCH sends), which fields a kind has, and a metric in words.
 */

export type MetricKind = 'conversion' | 'numeric';
export type Aggregation = 'sum' | 'mean' | 'count';
export type Direction = 'higher' | 'lower';

/** A metric as the API shows it (the fields the page reads). */
export interface MetricFields {
  key: string;
  name: string;
  description: string | null;
  eventKey: string;
  kind: MetricKind;
  aggregation: string | null;
  direction: string;
  windowHours: number | null;
  capPercentile: number | null;
}

/** The form as typed: numbers as text, an empty text meaning "none". */
export interface MetricForm {
  key: string;
  name: string;
  description: string;
  eventKey: string;
  kind: MetricKind;
  aggregation: Aggregation | '';
  direction: Direction;
  windowHours: string;
  capPercentile: string;
}

export const EMPTY_FORM: MetricForm = {
  key: '',
  name: '',
  description: '',
  eventKey: '',
  kind: 'conversion',
  aggregation: '',
  direction: 'higher',
  windowHours: '',
  capPercentile: '',
};

/** The fields a kind has: a conversion is yes or no, so it has no aggregation and no cap. */
export function fieldsOf(kind: MetricKind): { aggregation: boolean; capPercentile: boolean } {
  return { aggregation: kind === 'numeric', capPercentile: kind === 'numeric' };
}

export function formOf(metric: MetricFields): MetricForm {
  return {
    key: metric.key,
    name: metric.name,
    description: metric.description ?? '',
    eventKey: metric.eventKey,
    kind: metric.kind,
    aggregation: isAggregation(metric.aggregation) ? metric.aggregation : '',
    direction: metric.direction === 'lower' ? 'lower' : 'higher',
    windowHours: metric.windowHours === null ? '' : String(metric.windowHours),
    capPercentile: metric.capPercentile === null ? '' : String(metric.capPercentile),
  };
}

function isAggregation(value: string | null): value is Aggregation {
  return value === 'sum' || value === 'mean' || value === 'count';
}

/**
 * A typed number: null when empty, the number when the text is one, NaN when it is not (the form
 * says so at the field; the server judges the range).
 */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Errors the form finds before sending: a number field holding something that is not a number. */
export function localErrors(form: MetricForm): Partial<Record<'windowHours' | 'capPercentile', string>> {
  const errors: Partial<Record<'windowHours' | 'capPercentile', string>> = {};
  if (Number.isNaN(parseNumber(form.windowHours))) errors.windowHours = 'Enter a whole number of hours, or nothing';
  if (fieldsOf(form.kind).capPercentile && Number.isNaN(parseNumber(form.capPercentile)))
    errors.capPercentile = 'Enter a percentile between 50 and 100, or nothing';
  return errors;
}

export interface NewMetricBody {
  key: string;
  name?: string;
  description?: string;
  eventKey: string;
  kind: MetricKind;
  aggregation?: Aggregation;
  direction: Direction;
  windowHours?: number;
  capPercentile?: number;
}

/** A new metric's body: the fields its kind has, empty ones left out for the server's defaults. */
export function newMetricBody(form: MetricForm): NewMetricBody {
  const fields = fieldsOf(form.kind);
  const windowHours = parseNumber(form.windowHours);
  const capPercentile = parseNumber(form.capPercentile);
  return {
    key: form.key.trim(),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    eventKey: form.eventKey.trim(),
    kind: form.kind,
    ...(fields.aggregation && form.aggregation !== '' ? { aggregation: form.aggregation } : {}),
    direction: form.direction,
    ...(windowHours !== null ? { windowHours } : {}),
    ...(fields.capPercentile && capPercentile !== null ? { capPercentile } : {}),
  };
}

export interface MetricChangeBody {
  name?: string;
  description?: string | null;
  eventKey?: string;
  kind?: MetricKind;
  aggregation?: Aggregation | null;
  direction?: Direction;
  windowHours?: number | null;
  capPercentile?: number | null;
}

/**
 * What a PATCH sends: only the fields the form changed, `null` clearing an optional one. Turning a
 * numeric metric into a conversion clears its aggregation and cap, which a conversion cannot have.
 */
export function metricChanges(metric: MetricFields, form: MetricForm): MetricChangeBody {
  const fields = fieldsOf(form.kind);
  const changes: MetricChangeBody = {};
  const name = form.name.trim();
  if (name !== '' && name !== metric.name) changes.name = name;
  const description = form.description.trim() === '' ? null : form.description.trim();
  if (description !== metric.description) changes.description = description;
  if (form.eventKey.trim() !== metric.eventKey) changes.eventKey = form.eventKey.trim();
  if (form.kind !== metric.kind) changes.kind = form.kind;
  const aggregation = fields.aggregation && form.aggregation !== '' ? form.aggregation : null;
  if (aggregation !== metric.aggregation) changes.aggregation = aggregation;
  if (form.direction !== metric.direction) changes.direction = form.direction;
  const windowHours = parseNumber(form.windowHours);
  if (windowHours !== metric.windowHours) changes.windowHours = windowHours;
  const capPercentile = fields.capPercentile ? parseNumber(form.capPercentile) : null;
  if (capPercentile !== metric.capPercentile) changes.capPercentile = capPercentile;
  return changes;
}

const AGGREGATION_WORDS: Record<Aggregation, string> = {
  sum: 'Sum of',
  mean: 'Average of',
  count: 'Number of',
};

/** A window in words: "within 168 hours (7 days)", "any time". */
export function windowText(windowHours: number | null): string {
  if (windowHours === null) return 'any time after first exposure';
  const hours = `${windowHours} ${windowHours === 1 ? 'hour' : 'hours'}`;
  if (windowHours % 24 !== 0) return `within ${hours} of first exposure`;
  const days = windowHours / 24;
  return `within ${hours} (${days} ${days === 1 ? 'day' : 'days'}) of first exposure`;
}

/** What a metric measures, as a sentence: "Share of subjects who send checkout-completed within …; higher is better." */
export function describeMetric(metric: MetricFields): string {
  const window = windowText(metric.windowHours);
  const better = `${metric.direction === 'lower' ? 'lower' : 'higher'} is better`;
  if (metric.kind === 'conversion') return `Share of subjects who send ${metric.eventKey} ${window}; ${better}.`;
  const aggregation = isAggregation(metric.aggregation) ? AGGREGATION_WORDS[metric.aggregation] : 'The';
  const what = metric.aggregation === 'count' ? `${metric.eventKey} events` : `${metric.eventKey} values`;
  const cap = metric.capPercentile === null ? '' : `, capped at the ${ordinal(metric.capPercentile)} percentile`;
  return `${aggregation} ${what} per subject ${window}${cap}; ${better}.`;
}

/** 99 → "99th", 95.5 → "95.5th", 51 → "51st". */
export function ordinal(value: number): string {
  if (!Number.isInteger(value)) return `${value}th`;
  const tens = value % 100;
  if (tens >= 11 && tens <= 13) return `${value}th`;
  const suffix = { 1: 'st', 2: 'nd', 3: 'rd' }[value % 10] ?? 'th';
  return `${value}${suffix}`;
}

/** The server's wording for a field, in the form's words where the schema's is unreadable. */
export function metricFieldMessage(path: string, message: string): string {
  if (path === 'windowHours' && !/numeric|conversion/.test(message)) return 'Use 1 to 8,760 hours (a year), or nothing';
  if (path === 'capPercentile' && !/numeric|conversion/.test(message))
    return 'Use a percentile above 50 and below 100 (such as 99), or nothing';
  if ((path === 'key' || path === 'eventKey') && /pattern/.test(message))
    return path === 'key'
      ? 'Use 1–128 letters, digits, “-”, “_” or “.”'
      : 'Use 1–128 letters, digits, “-”, “_”, “.” or “:”';
  return message;
}

/** Whether a metric matches the search text (key, name, event or description), case aside. */
export function matchesSearch(metric: MetricFields, search: string): boolean {
  const text = search.trim().toLowerCase();
  if (text === '') return true;
  return [metric.key, metric.name, metric.eventKey, metric.description ?? ''].some((field) =>
    field.toLowerCase().includes(text),
  );
}
