/**
 * Forms that earlier releases stored and the engine now refuses on save, rewritten to the form it
 * accepts with the same meaning (migration 0007): without the rewrite, a stored flag in such a
 * form could not be saved again — not even switched off.
 *
 * - `exists` / `not_exists` clauses with values: the compiler always ignored the values; they go.
 * - A context key in two target lists of one kind: evaluation always served the first list's
 *   variation; the key leaves the later lists (first wins). Repeats within one list stay: the
 *   engine accepts them.
 *
 * Part of a shipped migration: change only with a new migration. Works on parsed JSON of any
 * shape (what was stored was checked by the validator of its day), leaving anything unexpected as it is.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The clause without values if it is an `exists` / `not_exists` with some; else the clause itself. */
function acceptedClause(clause: unknown): unknown {
  if (!isObject(clause) || (clause.operator !== 'exists' && clause.operator !== 'not_exists')) return clause;
  if (!Array.isArray(clause.values) || clause.values.length === 0) return clause;
  return { ...clause, values: [] };
}

function acceptedClauses(clauses: unknown): unknown {
  return Array.isArray(clauses) ? clauses.map(acceptedClause) : clauses;
}

/** Target lists without the keys an earlier list of the same context kind already pins. */
function acceptedTargets(targets: unknown): unknown {
  if (!Array.isArray(targets)) return targets;
  const firstList = new Map<string, number>();
  return targets.map((target, index) => {
    if (!isObject(target) || !Array.isArray(target.values)) return target;
    const kind = typeof target.contextKind === 'string' ? target.contextKind : 'user';
    const values = target.values.filter((key) => {
      if (typeof key !== 'string') return true;
      const id = JSON.stringify([kind, key]);
      const first = firstList.get(id);
      if (first === undefined) firstList.set(id, index);
      return first === undefined || first === index;
    });
    return values.length === target.values.length ? target : { ...target, values };
  });
}

/** A stored flag state in the accepted form; the same object when nothing had to change. */
export function acceptedState(state: unknown): unknown {
  if (!isObject(state)) return state;
  const allocations = Array.isArray(state.allocations)
    ? state.allocations.map((allocation) =>
        isObject(allocation) && Array.isArray(allocation.conditions)
          ? { ...allocation, conditions: acceptedClauses(allocation.conditions) }
          : allocation,
      )
    : state.allocations;
  const rewritten = { ...state };
  if (state.allocations !== undefined) rewritten.allocations = allocations;
  if (state.targets !== undefined) rewritten.targets = acceptedTargets(state.targets);
  return JSON.stringify(rewritten) === JSON.stringify(state) ? state : rewritten;
}

/** A stored segment definition in the accepted form; the same object when nothing had to change. */
export function acceptedSegment(definition: unknown): unknown {
  if (!isObject(definition) || !Array.isArray(definition.rules)) return definition;
  const rules = definition.rules.map((rule) =>
    isObject(rule) && Array.isArray(rule.clauses) ? { ...rule, clauses: acceptedClauses(rule.clauses) } : rule,
  );
  const rewritten = { ...definition, rules };
  return JSON.stringify(rewritten) === JSON.stringify(definition) ? definition : rewritten;
}
