import { compile, type CompiledRuleset, type FlagConfig, type Ruleset, type Segment } from '@vexil/engine';

export interface Change {
  /** Flags whose configuration changed, flags whose conditions name a changed segment, and flags depending on those as prerequisites. */
  keys: string[];
  revision: number;
}

/** One `patch` or `delete` of the stream, already parsed. */
export type RulesetUpdate =
  | { revision: number; kind: 'flag'; key: string; flag?: FlagConfig }
  | { revision: number; kind: 'segment'; key: string; segment?: Segment };

/**
 * The environment's ruleset as the SDK knows it, and its compiled form. It is compiled once per
 * change, so evaluation reads `compiled` and nothing else. Data sources feed it; it does no I/O.
 */
export class RulesetStore {
  private flags = new Map<string, FlagConfig>();
  private segments = new Map<string, Segment>();
  /** The server's revision of this ruleset; undefined before the first load, or for a bootstrap without a numeric version. */
  revision: number | undefined;
  compiled: CompiledRuleset | undefined;

  /** `onChange` hears every change; `first` is the first load (nothing changed for anyone yet). */
  constructor(private readonly onChange: (change: Change, ruleset: Ruleset, first: boolean) => void) {}

  get initialized(): boolean {
    return this.compiled !== undefined;
  }

  /** Replaces everything (a `put`, a config response, a bootstrap). */
  replace(ruleset: Ruleset): void {
    const flags = new Map(ruleset.flags.map((flag) => [flag.key, flag] as const));
    const segments = new Map((ruleset.segments ?? []).map((segment) => [segment.key, segment] as const));
    const changed = new Set<string>();
    const changedSegments = new Set<string>();
    for (const [key, flag] of flags) if (!sameJson(this.flags.get(key), flag)) changed.add(key);
    for (const key of this.flags.keys()) if (!flags.has(key)) changed.add(key);
    for (const [key, segment] of segments) if (!sameJson(this.segments.get(key), segment)) changedSegments.add(key);
    for (const key of this.segments.keys()) if (!segments.has(key)) changedSegments.add(key);
    const first = !this.initialized;
    this.flags = flags;
    this.segments = segments;
    this.revision = typeof ruleset.version === 'number' ? ruleset.version : undefined;
    this.recompile(first ? new Set(flags.keys()) : this.withDependents(changed, changedSegments), first);
  }

  /** Applies a `patch` or `delete`; ignored when it is not newer than what the store has. */
  apply(update: RulesetUpdate): boolean {
    if (this.revision !== undefined && update.revision <= this.revision) return false;
    const changed = new Set<string>();
    if (update.kind === 'flag') {
      if (update.flag) this.flags.set(update.key, update.flag);
      else this.flags.delete(update.key);
      changed.add(update.key);
      this.withDependents(changed, new Set());
    } else {
      if (update.segment) this.segments.set(update.key, update.segment);
      else this.segments.delete(update.key);
      this.withDependents(changed, new Set([update.key]));
    }
    this.revision = update.revision;
    this.recompile(changed, false);
    return true;
  }

  snapshot(): Ruleset {
    return { version: this.revision, flags: [...this.flags.values()], segments: [...this.segments.values()] };
  }

  private recompile(changed: Set<string>, first: boolean): void {
    const ruleset = this.snapshot();
    this.compiled = compile(ruleset);
    this.onChange({ keys: [...changed], revision: this.revision ?? 0 }, ruleset, first);
  }

  /** Adds the flags affected by the changes: those naming a changed segment, and (transitively) those with a changed prerequisite. */
  private withDependents(changed: Set<string>, segments: Set<string>): Set<string> {
    let grew = true;
    while (grew) {
      grew = false;
      for (const flag of this.flags.values()) {
        if (changed.has(flag.key)) continue;
        const usesSegment =
          segments.size > 0 &&
          flag.allocations?.some((allocation) =>
            allocation.conditions?.some((clause) => 'segment' in clause && segments.has(clause.segment)),
          );
        const usesFlag = flag.prerequisites?.some((prerequisite) => changed.has(prerequisite.flag));
        if (usesSegment || usesFlag) {
          changed.add(flag.key);
          grew = true;
        }
      }
    }
    return changed;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
