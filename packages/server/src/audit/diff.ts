/**
 * What changed between two JSON documents, as JSON-Patch-like operations (RFC 6902's `add`,
 * `remove` and `replace`, at JSON Pointer paths) that also carry the value before the change in
 * `from` — not RFC 6902's `from`, which only its `move` and `copy` have. Applied in order to the
 * document before (ignoring `from`), the operations give the document after.
 *
 * Objects are compared field by field and arrays index by index: an allocation inserted at the
 * top shows as a change at every later index. Predictable rather than minimal, which is what a
 * reader scanning a flag's history needs. Values of different kinds are replaced whole.
 */
export type Change =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string; from: unknown }
  | { op: 'replace'; path: string; from: unknown; value: unknown };

/** `undefined` stands for "absent": diff(undefined, doc) adds the whole document at "". */
export function diff(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  compare(before, after, '', changes);
  return changes;
}

function compare(before: unknown, after: unknown, path: string, changes: Change[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    changes.push({ op: 'add', path, value: after });
  } else if (after === undefined) {
    changes.push({ op: 'remove', path, from: before });
  } else if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    for (let index = 0; index < common; index++) compare(before[index], after[index], `${path}/${index}`, changes);
    for (let index = common; index < after.length; index++)
      changes.push({ op: 'add', path: `${path}/${index}`, value: after[index] });
    // From the end, so that each removal leaves the indexes of the next one in place.
    for (let index = before.length - 1; index >= common; index--)
      changes.push({ op: 'remove', path: `${path}/${index}`, from: before[index] });
  } else if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before))
      compare(before[key], after[key], `${path}/${escapePointerToken(key)}`, changes);
    for (const key of Object.keys(after)) {
      if (!(key in before)) compare(undefined, after[key], `${path}/${escapePointerToken(key)}`, changes);
    }
  } else if (before !== after) {
    changes.push({ op: 'replace', path, from: before, value: after });
  }
}

/** Equal as JSON documents: nothing to diff (field order aside; an undefined field is an absent one). */
export function sameJson(a: unknown, b: unknown): boolean {
  return diff(a, b).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901: `~` and `/` in a field name are written `~0` and `~1`. */
function escapePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
