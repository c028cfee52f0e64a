export type Path = (string | number)[];

/**
 * A malformed part of a ruleset, found while compiling it. `path` is relative to the part being
 * compiled; the validator prefixes it, so the compiler and the validator share one set of checks.
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly path: Path = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** The same error, located under `prefix`. */
  under(...prefix: Path): ConfigError {
    return new ConfigError(this.message, [...prefix, ...this.path]);
  }
}

/** `allocations[0].conditions[1].values` */
export function formatPath(path: Path): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}
