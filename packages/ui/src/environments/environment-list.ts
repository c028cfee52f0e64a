/**
 * The environments page's decisions, apart from rendering: moving one environment in the order,
 * what deleting one takes with it, and the key's rules in words.
 */

/** `order` with `key` moved to index `to` (clamped); the same order when nothing moves. */
export function moveInOrder(order: readonly string[], key: string, to: number): string[] {
  const from = order.indexOf(key);
  const target = Math.max(0, Math.min(to, order.length - 1));
  if (from < 0 || from === target) return [...order];
  const rest = order.filter((candidate) => candidate !== key);
  return [...rest.slice(0, target), key, ...rest.slice(target)];
}

export interface Footprint {
  /** Flags of the project, live and archived: each has a state (on/off, targeting) in every environment. */
  flags: number;
  /** The environment's SDK keys still working; undefined when the member may not see them. */
  sdkKeys: number | undefined;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What is lost with an environment, in words, most consequential first. */
export function deletionLosses(name: string, footprint: Footprint | undefined): string[] {
  const flags =
    footprint === undefined
      ? `The on/off state and targeting of every flag in ${name}`
      : footprint.flags === 0
        ? `The on/off state and targeting of flags in ${name} (the project has no flags yet)`
        : `The on/off state and targeting of ${plural(footprint.flags, 'flag', 'flags')} in ${name}`;
  const keys =
    footprint?.sdkKeys === undefined
      ? `Every SDK key of ${name}: applications using them are refused at once`
      : footprint.sdkKeys === 0
        ? `${name}'s SDK keys (none is active)`
        : `${plural(footprint.sdkKeys, 'active SDK key', 'active SDK keys')} of ${name}: applications using ${footprint.sdkKeys === 1 ? 'it' : 'them'} are refused at once`;
  return [flags, keys, `The users, evaluation counts and events SDKs reported in ${name}`];
}

/** What the server's schema says of a key, in the form's words (its pattern is unreadable as such). */
export function keyMessage(message: string): string {
  return /pattern/.test(message) ? 'Use 1–128 letters, digits, “-”, “_” or “.”' : message;
}

/** A new environment is critical when it is production, as the server assumes; the form shows that up front. */
export function criticalByDefault(key: string): boolean {
  return key.trim() === 'production';
}
