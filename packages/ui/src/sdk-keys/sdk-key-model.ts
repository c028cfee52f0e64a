import type { SdkKey } from '../api/sdk-keys';

/** How long a rotated key keeps working: the choices offered, the server's default (24 hours) preselected. */
export const GRACE_CHOICES: readonly { seconds: number; label: string }[] = [
  { seconds: 0, label: 'No grace: revoke it now' },
  { seconds: 10 * 60, label: '10 minutes' },
  { seconds: 60 * 60, label: '1 hour' },
  { seconds: 24 * 60 * 60, label: '24 hours' },
  { seconds: 7 * 24 * 60 * 60, label: '7 days' },
  { seconds: 30 * 24 * 60 * 60, label: '30 days' },
];
export const DEFAULT_GRACE_SECONDS = 24 * 60 * 60;

/** When a key rotated now with this grace period stops working. */
export function expiryAfter(now: Date, graceSeconds: number): Date {
  return new Date(now.getTime() + graceSeconds * 1000);
}

/** Whether SDKs may still use the key (an expiring one works until its expiry). */
export function works(key: Pick<SdkKey, 'status'>): boolean {
  return key.status === 'active' || key.status === 'expiring';
}

/** Keys that work first, each group in the server's order (oldest first). */
export function inListOrder<T extends Pick<SdkKey, 'status'>>(keys: readonly T[]): T[] {
  return [...keys.filter(works), ...keys.filter((key) => !works(key))];
}

/** The key the browser snippets show: the environment's first active client key (client keys are public). */
export function snippetClientKey(keys: readonly SdkKey[]): string | undefined {
  return keys.find((key) => key.kind === 'client' && key.status === 'active' && key.key !== undefined)?.key;
}

/** The hint of the first active server key, for the server snippets to name the key to use. */
export function snippetServerKeyHint(keys: readonly SdkKey[]): string | undefined {
  return keys.find((key) => key.kind === 'server' && key.status === 'active')?.hint;
}

export const KIND_WORDS: Record<SdkKey['kind'], { label: string; description: string }> = {
  server: {
    label: 'Server',
    description: 'Secret: for your servers (@vexil/node). Downloads the rules and evaluates locally.',
  },
  client: {
    label: 'Client',
    description: 'Public: for browsers and apps (@vexil/web, React). Gets evaluated values of client-side flags only.',
  },
};
