import type { ExplainStep } from '@vexil/engine';
import type { Evaluation } from '../api/flag-evaluate';
import type { UserFlag, UserListFilters } from '../api/users';
import { ENV_PARAM } from '../environments/selected-environment';
import { CONTEXT_PARAM } from '../flags/testing/context-url';

/**
 * The users pages' pure parts: the search in the URL, a user's address, attributes as lines (the
 * private ones hidden), and a flag's answer for the user in the shape the test panel's trace takes.
 */

/** `?q=acme&kind=organization`: the search and the kind, beside `?env=`. */
export const SEARCH_PARAM = 'q';
export const KIND_PARAM = 'kind';
/** `?flag=checkout` on a user's page: only the flags whose key or name contains it. */
export const FLAG_FILTER_PARAM = 'flag';

export function userFiltersFromParams(params: URLSearchParams): UserListFilters {
  return { q: params.get(SEARCH_PARAM)?.trim() ?? '', kind: params.get(KIND_PARAM)?.trim() ?? '' };
}

/** `/projects/default/users/user/ada%2F1?env=production`: a user's page, keeping the environment. */
export function userPath(project: string, kind: string, key: string, environment: string | undefined): string {
  const path = `/projects/${encodeURIComponent(project)}/users/${encodeURIComponent(kind)}/${encodeURIComponent(key)}`;
  return environment === undefined ? path : `${path}?${ENV_PARAM}=${encodeURIComponent(environment)}`;
}

export interface AttributeLine {
  /** A name, or a `/`-path for a nested private attribute (`/address/street`). */
  name: string;
  /** Text as it is; numbers, booleans, lists and objects as compact JSON; empty when hidden. */
  value: string;
  /** A private attribute: an SDK marked it private, so only its name was stored, never its value. */
  hidden?: true;
}

/**
 * A user's attributes as lines, by name, the private ones (hidden) among them — a path by the
 * attribute it is in, so `/address/street` sits beside `address`.
 */
export function attributeLines(
  attributes: Record<string, unknown>,
  privateAttributes: readonly string[] = [],
): AttributeLine[] {
  const lines: AttributeLine[] = Object.keys(attributes).map((name) => ({
    name,
    value: attributeText(attributes[name]),
  }));
  for (const name of privateAttributes) lines.push({ name, value: '', hidden: true });
  const order = (line: AttributeLine) => (line.hidden && line.name.startsWith('/') ? line.name.slice(1) : line.name);
  return lines.sort((a, b) => order(a).localeCompare(order(b)) || (a.hidden ? 1 : 0) - (b.hidden ? 1 : 0));
}

/** One line for the list: `email: ada@acme.com · plan: pro`, cut after `max` attributes. */
export function attributesSummary(attributes: Record<string, unknown>, max = 4): string {
  const lines = attributeLines(attributes);
  if (lines.length === 0) return 'No attributes reported';
  const shown = lines.slice(0, max).map((line) => `${line.name}: ${line.value}`);
  const more = lines.length - max;
  return more > 0 ? `${shown.join(' · ')} · ${more} more` : shown.join(' · ');
}

/** The list's note of a user's private attributes: `email, phone — private, never stored`; empty when none. */
export function privateSummary(privateAttributes: readonly string[], max = 3): string {
  if (privateAttributes.length === 0) return '';
  const shown = privateAttributes.slice(0, max).join(', ');
  const more = privateAttributes.length - max;
  return `${more > 0 ? `${shown} +${more} more` : shown} — private, never stored`;
}

function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/** A flag's answer for the user as the test panel's components take it (variation null: the code's default). */
export function evaluationOf(flag: UserFlag): Evaluation {
  const { result } = flag;
  return {
    value: result.value ?? null,
    variation: result.variation ?? null,
    reason: result.reason,
    ...(result.allocation === undefined ? {} : { allocation: result.allocation }),
    ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
    ...(result.errorMessage === undefined ? {} : { errorMessage: result.errorMessage }),
    // The schema leaves the steps open (`unknown[]`); they are the engine's ExplainStep[] (users/service.ts).
    trace: flag.steps as ExplainStep[],
  };
}

/** The flags whose key or name contains `text`, any case, in the server's order. */
export function flagsMatching<T extends Pick<UserFlag, 'key' | 'name'>>(flags: readonly T[], text: string): T[] {
  const wanted = text.trim().toLowerCase();
  if (wanted === '') return [...flags];
  return flags.filter(
    (flag) => flag.key.toLowerCase().includes(wanted) || (flag.name ?? '').toLowerCase().includes(wanted),
  );
}

/**
 * The flag's page with its test panel holding this user as the context (kind, key and the
 * attributes reported), to try a change for them: "what would they see if…".
 */
export function testFlagPath(
  project: string,
  flag: string,
  user: { kind: string; key: string; attributes: Record<string, unknown> },
  environment: string | undefined,
): string {
  const params = new URLSearchParams();
  if (environment !== undefined) params.set(ENV_PARAM, environment);
  params.set(CONTEXT_PARAM, JSON.stringify({ ...user.attributes, kind: user.kind, key: user.key }));
  return `/projects/${encodeURIComponent(project)}/flags/${encodeURIComponent(flag)}?${params}`;
}
