import { actorMay, type Actor } from '../auth/actor.js';
import type { Action } from '../auth/roles.js';
import type { Queryable } from '../db/database.js';
import type { EnvironmentRow, ProjectRow } from '../db/schema.js';
import { environmentsOf } from '../projects/lookup.js';

/**
 * What a caller may see of a project's environments. Someone with a role on some environments of a
 * project only may look at the project (its flags, segments, environments they work in), but at
 * nothing of the other environments: no state, user, SDK key, audit entry or even the key of such an
 * environment appears in any answer. They are left out, not nulled, so an answer reads as if the
 * project had only the environments the caller may read. Every view that carries per-environment
 * data filters through here, with the action that reading that data needs (`flag:read` for flag
 * states, `audit:read` for audit documents, `environment:read` for the environments themselves).
 */

/** Whether the actor may read environment `key` of `project` in order to `action`. */
export type EnvironmentFilter = (key: string) => boolean;

export function readableBy(actor: Actor, action: Action, project: string): EnvironmentFilter {
  return (environment) => actorMay(actor, action, { project, environment });
}

/** The project's environments the actor may read, in the project's order. */
export async function readableEnvironments(
  db: Queryable,
  actor: Actor,
  project: ProjectRow,
  action: Action,
): Promise<EnvironmentRow[]> {
  const readable = readableBy(actor, action, project.key);
  return (await environmentsOf(db, project.id)).filter((environment) => readable(environment.key));
}

/** A record keyed by environment, with only the readable environments' entries. */
export function pickReadable<T>(byEnvironment: Record<string, T>, readable: EnvironmentFilter): Record<string, T> {
  return Object.fromEntries(Object.entries(byEnvironment).filter(([key]) => readable(key)));
}

/**
 * A stored document (an audit entry's before or after) without what it holds of environments the
 * caller may not read. Documents about a whole project or flag carry environments in three shapes:
 * a flag's `environments` record of states (flags created, updated, deleted, imported), a project's
 * `environments` list of views (a project deleted), and a bare list of environment keys (the
 * environments reordered).
 */
export function withoutHiddenEnvironments(document: unknown, readable: EnvironmentFilter): unknown {
  if (Array.isArray(document))
    return document.every((item) => typeof item === 'string')
      ? document.filter((key: string) => readable(key))
      : document;
  if (typeof document !== 'object' || document === null || !('environments' in document)) return document;
  const { environments } = document;
  if (Array.isArray(environments))
    return {
      ...document,
      environments: environments.filter((environment: unknown) => !isKeyed(environment) || readable(environment.key)),
    };
  if (typeof environments === 'object' && environments !== null)
    return { ...document, environments: pickReadable(environments as Record<string, unknown>, readable) };
  return document;
}

function isKeyed(value: unknown): value is { key: string } {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}
