import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type AuditPath = paths['/api/v1/audit']['get'];
export type AuditPage = AuditPath['responses'][200]['content']['application/json'];
/** Who changed what, when, with the resource before and after. */
export type AuditEntry = AuditPage['entries'][number];
/** The audit log's filters, as the API takes them (every one optional). */
export type AuditFilters = Omit<NonNullable<AuditPath['parameters']['query']>, 'limit' | 'before'>;

/** Entries per page: a few screens of the log. */
export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, filters] as const,
};

/** The audit log matching `filters`, newest first, a page at a time on the server's cursor. */
export function auditQuery(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: { ...filters, limit: AUDIT_PAGE_SIZE, ...(pageParam === undefined ? {} : { before: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page: AuditPage) => page.next ?? undefined,
    staleTime: 15_000,
  });
}

/**
 * The log, fetched further as it is scrolled. While new filters are answered the previous entries
 * stay on screen, so changing a filter never blanks the page.
 */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({ ...auditQuery(filters), placeholderData: keepPreviousData });
}
