import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Ruleset } from '@vexil/engine';
import type { Logger } from '../options.js';
import { parseJson, parseRuleset } from './parse.js';

/** Reads a ruleset file (a bootstrap or the last-known-good copy); undefined when absent or not a ruleset. */
export function readRulesetFile(file: string, logger: Logger): Ruleset | undefined {
  if (!existsSync(file)) return undefined;
  const ruleset = parseRuleset(parseJson(readFileSync(file, 'utf8')));
  if (!ruleset) logger.warn(`${file} does not hold a ruleset; ignored`);
  return ruleset;
}

/**
 * Writes the ruleset after every change, one write at a time and atomically (a temporary file
 * renamed over the old one), so a crash never leaves half a file behind.
 */
export class LastKnownGoodWriter {
  private writing: Promise<void> = Promise.resolve();
  private pending: Ruleset | undefined;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  save(ruleset: Ruleset): void {
    const first = this.pending === undefined;
    this.pending = ruleset;
    if (!first) return; // a write is queued already; it will take the latest ruleset
    this.writing = this.writing.then(async () => {
      const latest = this.pending!;
      this.pending = undefined;
      const temporary = `${this.file}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(latest));
        await rename(temporary, this.file);
      } catch (error) {
        this.logger.warn(`could not write the last-known-good file ${this.file}: ${(error as Error)?.message}`);
      }
    });
  }

  /** Resolves when every change so far is on disk. */
  settled(): Promise<void> {
    return this.writing;
  }
}
