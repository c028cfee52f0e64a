/**
 * What SDK connections hear about: one record per change to an environment's ruleset, numbered
 * by the environment's revision. The in-process hub fans each committed change out to streams
 * and caches of this node.
 */
export interface RulesetChange {
  environmentId: string;
  revision: number;
  kind: 'flag' | 'segment';
  key: string;
  /** The flag's FlagConfig or the segment as SDKs see them; null when deleted or archived. */
  payload: unknown;
}

export type ChangeListener = (change: RulesetChange) => void;

/** An SDK key stopped working (revoked, or its environment deleted): drop caches, close streams. */
export type KeyRevokedListener = (keyHash: string) => void;

export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();
  private readonly revocationListeners = new Set<KeyRevokedListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(changes: readonly RulesetChange[]): void {
    for (const change of changes) {
      for (const listener of this.listeners) listener(change);
    }
  }

  onKeyRevoked(listener: KeyRevokedListener): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Call after the revoking transaction committed. */
  keysRevoked(keyHashes: readonly string[]): void {
    for (const hash of keyHashes) {
      for (const listener of this.revocationListeners) listener(hash);
    }
  }
}
