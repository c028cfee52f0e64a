import type { EvaluationContext } from '@vexil/engine';
import { parseContextJson } from '../logic/contexts';

/**
 * The test panel's context lives in the URL (`?context={"key":"ada"}`), so a link pasted in a
 * chat reproduces "what does Ada see?". A context too long for a comfortable link is kept in the
 * tab's sessionStorage instead, and the URL says so (`?context=session`): a reload keeps it, a
 * link to someone else does not, and the panel says that.
 */

export const CONTEXT_PARAM = 'context';
/** The URL's value when the context is kept in sessionStorage. */
export const IN_SESSION = 'session';
/** Longer contexts (as compact JSON) go to sessionStorage: links stay well under 2,000 characters. */
export const MAX_URL_CONTEXT = 1_500;

export interface ContextStore {
  read(): string | null;
  write(json: string): void;
}

/** The context a URL parameter names, or undefined when there is none or it is not a valid context. */
export function contextFromParam(param: string | null, store: ContextStore): EvaluationContext | undefined {
  if (param === null || param === '') return undefined;
  const text = param === IN_SESSION ? store.read() : param;
  if (text === null) return undefined;
  const parsed = parseContextJson(text);
  return parsed.ok ? parsed.context : undefined;
}

/** The parameter's value for a context: its compact JSON, or `session` after storing a long one. */
export function paramForContext(context: EvaluationContext, store: ContextStore): string {
  const json = JSON.stringify(context);
  if (json.length <= MAX_URL_CONTEXT) return json;
  store.write(json);
  return IN_SESSION;
}

/** sessionStorage for one flag's test context; storage that is disabled keeps nothing, quietly. */
export function sessionContextStore(project: string, flag: string): ContextStore {
  const key = `vexil:test-context:${project}/${flag}`;
  return {
    read() {
      try {
        return sessionStorage.getItem(key);
      } catch {
        return null;
      }
    },
    write(json) {
      try {
        sessionStorage.setItem(key, json);
      } catch {
        // storage disabled or full: the context lasts as long as the page
      }
    },
  };
}
