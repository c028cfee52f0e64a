import type { FlagListFilters } from '../../api/flags-list';

/**
 * The flag list's search and filters live in the URL (`?env=production&q=checkout&type=boolean`),
 * so a pasted link shows the same list. Values the API would refuse (a hand-edited `type=maybe`)
 * are left out rather than turned into an error page.
 */

export const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];
export const LIFETIMES = ['temporary', 'permanent'] as const;
/** new, active, inactive: live flags by use; archived: the archived flags instead of the live ones. */
export const STATUSES = ['new', 'active', 'inactive', 'archived'] as const;

/** The URL parameters the list owns; every other one (`env`) is kept as it is. */
export const FILTER_PARAMS = ['q', 'tag', 'type', 'lifetime', 'status', 'archived'] as const;

/** The longest search the API takes. */
export const MAX_SEARCH_LENGTH = 200;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The filters a URL asks for, with only the keys that are set (so equal filters make equal cache keys). */
export function filtersFromParams(params: URLSearchParams): FlagListFilters {
  const filters: FlagListFilters = {};
  const q = params.get('q')?.trim().slice(0, MAX_SEARCH_LENGTH);
  if (q) filters.q = q;
  const tag = params.get('tag')?.trim();
  if (tag && tag.length <= 64) filters.tag = tag;
  const type = oneOf(FLAG_TYPES, params.get('type'));
  if (type) filters.type = type;
  const lifetime = oneOf(LIFETIMES, params.get('lifetime'));
  if (lifetime) filters.lifetime = lifetime;
  const status = oneOf(STATUSES, params.get('status'));
  if (status) filters.status = status;
  // `archived=true`, as the API takes it, also works in a pasted link.
  if (params.get('archived') === 'true') filters.archived = true;
  return filters;
}

/** Filters to set, or to remove with null (or an empty value); undefined leaves one as it is. */
export type FilterChanges = { [K in keyof FlagListFilters]?: FlagListFilters[K] | null };

/** `params` with some filters set or removed, every other parameter (the environment) kept. */
export function withFilters(params: URLSearchParams, changes: FilterChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null || value === '' || value === false) next.delete(name);
    else next.set(name, String(value));
  }
  return next;
}

/** `params` without any filter (the environment and anything else stay). */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  return next;
}

/** Whether the list shows archived flags rather than live ones. */
export function showsArchived(filters: FlagListFilters): boolean {
  return filters.archived === true || filters.status === 'archived';
}

/** Whether a search or filter narrows the list (an empty list then means "nothing matches", not "no flags yet"). */
export function isFiltered(filters: FlagListFilters): boolean {
  return Object.keys(filters).length > 0;
}
