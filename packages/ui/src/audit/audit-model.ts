import type { Flag } from '@vexil/engine';
import { type Change, diff } from '../../../server/src/audit/diff';
import type { AuditEntry, AuditFilters } from '../api/audit';
import type { FlagHistoryEntry } from '../api/flag-history';
import { projectPath } from '../environments/selected-environment';
import { entryChanges } from '../flags/history/history-words';
import type { FieldChange } from '../flags/logic/diff';

/**
 * The audit log in words (CONSOLE.md: "say it in words", JSON second): the filters as they live in
 * the URL, each entry as a sentence, a link to what it changed, and its before/after as field
 * changes. Pure, so that the page only renders.
 */

/** The URL parameters of the audit log's filters, in the order the page shows them. */
export const FILTER_PARAMS = ['actor', 'action', 'resourceType', 'resource', 'project', 'environment'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
/** Days, as `<input type="date">` writes them: `?from=2026-11-20&to=2026-11-22` (both days included, UTC). */
export const FROM_PARAM = 'from';
export const TO_PARAM = 'to';

export interface AuditUrlFilters extends Partial<Record<FilterParam, string>> {
  /** `YYYY-MM-DD`, the first day shown. */
  from?: string;
  /** `YYYY-MM-DD`, the last day shown. */
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The filters a URL holds; empty parameters and days that are not dates are left out. */
export function filtersFromParams(params: URLSearchParams): AuditUrlFilters {
  const filters: AuditUrlFilters = {};
  for (const name of FILTER_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  for (const name of [FROM_PARAM, TO_PARAM] as const) {
    const value = params.get(name);
    if (value && isDay(value)) filters[name] = value;
  }
  return filters;
}

/** The URL parameters for `filters`, keeping every other parameter of `current` (`?env=`…). */
export function paramsWithFilters(current: URLSearchParams, filters: AuditUrlFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of [...FILTER_PARAMS, FROM_PARAM, TO_PARAM] as const) {
    const value = filters[name];
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

/** The API's query for the URL's filters: days become instants, the last day included. */
export function apiFilters(filters: AuditUrlFilters): AuditFilters {
  const query: AuditFilters = {};
  for (const name of FILTER_PARAMS) if (filters[name]) query[name] = filters[name];
  if (filters.from) query.from = `${filters.from}T00:00:00.000Z`;
  if (filters.to) query.to = new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS).toISOString();
  return query;
}

/** Why the date range cannot be asked for, or undefined when it can. */
export function rangeProblem(filters: AuditUrlFilters): string | undefined {
  if (filters.from && filters.to && filters.to < filters.from) return 'Must not be before the first day';
  return undefined;
}

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

const VERBS: Record<string, string> = {
  created: 'created',
  updated: 'changed',
  deleted: 'deleted',
  archived: 'archived',
  restored: 'restored',
  renamed: 'renamed',
  rotated: 'rotated',
  revoked: 'revoked',
  reordered: 'reordered',
  reverted: 'reverted a change to',
};

const NOUNS: Record<string, string> = {
  flag: 'flag',
  segment: 'segment',
  environment: 'environment',
  project: 'project',
  'sdk-key': 'SDK key',
  'api-token': 'API token',
  member: 'member',
  organization: 'organisation',
};

export interface EntrySentence {
  /** "changed the targeting of", "created". */
  verb: string;
  /** "flag", "SDK key". */
  noun: string;
  /** The resource's key (an id for SDK keys and tokens); absent when the verb says it all. */
  resource?: string;
  /** "in production", "into production" — after the resource. */
  where?: string;
}

/** What an entry did, after the actor's name: "changed the targeting of flag new-checkout in production". */
export function entrySentence(entry: AuditEntry): EntrySentence {
  const key = entry.resource.key;
  const where = entry.environment ?? undefined;
  if (entry.action === 'import.eppo')
    return { verb: 'imported flags from Eppo', noun: '', ...(where ? { where: `into ${where}` } : {}) };
  if (entry.action === 'environment.reordered')
    return { verb: 'reordered the environments of', noun: 'project', resource: entry.project ?? key };
  const parts = entry.action.split('.');
  const type = parts[0] ?? entry.resource.type;
  const last = parts.at(-1) ?? '';
  const noun = NOUNS[entry.resource.type] ?? NOUNS[type] ?? entry.resource.type;
  const state = parts.length === 3 && parts[1] === 'state';
  let verb = VERBS[last] ?? entry.action;
  if (state && last === 'updated') verb = entry.before === null ? 'set up' : 'changed the targeting of';
  if (state && last === 'reverted') verb = 'reverted a targeting change to';
  const scoped = where && (state || type !== 'environment');
  return { verb, noun, resource: key, ...(scoped ? { where: `in ${where}` } : {}) };
}

/** The sentence as plain text, for labels and tests. */
export function sentenceText(entry: AuditEntry): string {
  const { verb, noun, resource, where } = entrySentence(entry);
  return [entry.actor.name, verb, noun, resource, where].filter(Boolean).join(' ');
}

/**
 * The console page of what an entry changed, when there is one and it still exists there: the
 * flag, the project's environments, the environment's SDK keys, the project.
 */
export function resourceHref(entry: AuditEntry): string | undefined {
  const project = entry.project;
  if (project === null) return undefined;
  const environment = entry.environment ?? undefined;
  if (entry.action.endsWith('.deleted') && entry.resource.type !== 'sdk-key') return undefined;
  switch (entry.resource.type) {
    case 'flag':
      return projectPath(project, `flags/${encodeURIComponent(entry.resource.key)}`, environment);
    case 'environment':
      return projectPath(project, 'environments', environment);
    case 'sdk-key':
      return environment ? projectPath(project, 'sdk-keys', environment) : undefined;
    case 'project':
      return projectPath(project, 'flags', environment);
    default:
      return undefined;
  }
}

/** One field an entry changed, in words, for resources without the flag page's vocabulary. */
export interface FieldDiff {
  /** "included", "rules › 1st › clauses". */
  field: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** Paths at which only bookkeeping changes: left out of the words (the JSON keeps them). */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'createdAt', 'revision']);
/** Longer values are cut in the words; "View JSON" has them whole. */
const MAX_VALUE = 160;

/**
 * The fields an entry changed, before → after, from the server's own diff (audit/diff.ts): one
 * line per field that changed, bookkeeping (versions, times) aside. A creation or a deletion lists
 * the fields the resource had.
 */
export function fieldDiffs(entry: Pick<AuditEntry, 'before' | 'after'>): FieldDiff[] {
  const before = entry.before ?? undefined;
  const after = entry.after ?? undefined;
  let changes: Change[];
  if (isDocument(before) && isDocument(after)) changes = diff(before, after);
  else if (isDocument(after))
    changes = Object.entries(after).map(([key, value]) => ({ op: 'add', path: `/${escapeToken(key)}`, value }));
  else if (isDocument(before))
    changes = Object.entries(before).map(([key, from]) => ({ op: 'remove', path: `/${escapeToken(key)}`, from }));
  else changes = diff(before, after);
  return changes
    .filter((change) => !BOOKKEEPING.has(topField(change.path)))
    .map((change): FieldDiff => {
      const field = fieldName(change.path);
      if (change.op === 'add') return { field, kind: 'added', after: valueWords(change.value) };
      if (change.op === 'remove') return { field, kind: 'removed', before: valueWords(change.from) };
      return { field, kind: 'changed', before: valueWords(change.from), after: valueWords(change.value) };
    });
}

/** `/rules/0/clauses` → "rules › 1st › clauses"; the whole document → "(everything)". */
export function fieldName(path: string): string {
  if (path === '') return '(everything)';
  return path
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : unescapeToken(part)))
    .join(' › ');
}

/** A value in a line: text as it is, anything else as compact JSON, long ones cut. */
export function valueWords(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/**
 * A flag entry's changes in the flag page's words (the same as its History tab), or undefined for
 * entries those words do not cover (other resources, creations, deletions): `fieldDiffs` then.
 */
export function flagChanges(entry: AuditEntry, environmentName?: (key: string) => string): FieldChange[] | undefined {
  if (entry.resource.type !== 'flag' || !isDocument(entry.before) || !isDocument(entry.after)) return undefined;
  const asHistory: FlagHistoryEntry = {
    id: entry.id,
    createdAt: entry.createdAt,
    actor: entry.actor,
    action: entry.action,
    environment: entry.environment,
    before: entry.before,
    after: entry.after,
    diff: diff(entry.before, entry.after).filter((change) => !BOOKKEEPING.has(topField(change.path))),
    reverts: null,
  };
  // A state entry holds the state alone: its variations are named by key.
  const flag = (entry.environment === null
    ? entry.after
    : { key: entry.resource.key, variations: [] }) as unknown as Flag;
  const changes = entryChanges(asHistory, flag, environmentName ? { environmentName } : {});
  return changes.length > 0 ? changes : undefined;
}

function topField(path: string): string {
  return unescapeToken(path.split('/')[1] ?? '');
}

function isDocument(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}
