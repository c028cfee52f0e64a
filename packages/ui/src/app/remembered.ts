/**
 * What the console remembers for a member between visits, in this browser: the last project and each
 * project's last environment. Keyed by member id, so two people sharing a browser don't mix choices.
 */
type Memory = 'project' | `environment:${string}`;

const key = (memberId: string, what: Memory) => `vexil:${memberId}:${what}`;

export function recall(memberId: string, what: Memory): string | undefined {
  try {
    return localStorage.getItem(key(memberId, what)) ?? undefined;
  } catch {
    return undefined; // storage disabled: nothing remembered, nothing broken
  }
}

export function remember(memberId: string, what: Memory, value: string): void {
  try {
    localStorage.setItem(key(memberId, what), value);
  } catch {
    // storage disabled or full: the choice lasts only as long as the URL
  }
}
