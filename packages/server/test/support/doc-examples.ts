/**
 * Reads the examples of a Markdown document written the way docs/api.md writes them, so that a
 * test can run each one as written and compare what the server answers with what the page shows:
 *
 * - a ```sh block holds `curl` commands (continued with `\`, quoted text may span lines, a heredoc
 *   may carry the body), each followed by `# → <status> <body>`; the body may continue on the
 *   following `#` lines;
 * - `# → <status>` alone, right before a ```json block: that block is the body;
 * - a ```json block whose info string says `file=<name>` is a file the next commands read
 *   (`--data @<name>`);
 * - a block with no `curl` in it (setting shell variables) is for people only.
 *
 * Bodies are JSON with three liberties: `…` stands for what is left out (fields of an object, items
 * of an array, any value, or part of a string), and `"$NAME"` (or a bare `$NAME`) for a value the
 * following commands use as the shell variable `NAME` (once set, the value it must be). An object
 * without `…` has exactly the fields shown; an array without `…` exactly the items.
 */

export interface Example {
  /** 1-based line of the command in the document. */
  line: number;
  command: string;
  status: number;
  /** What the body must match; undefined when the page shows none. */
  body?: Pattern;
}

export interface FileExample {
  line: number;
  file: string;
  content: string;
}

export type Step = ({ kind: 'request' } & Example) | ({ kind: 'file' } & FileExample);

export type Pattern =
  | { kind: 'any' }
  | { kind: 'capture'; name: string }
  | { kind: 'text'; parts: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'object'; fields: [string, Pattern][]; open: boolean }
  | { kind: 'array'; items: (Pattern | 'rest')[] };

const ELLIPSIS = '…';

/** Every example of `markdown`, in the order of the page. */
export function readExamples(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  let pendingBody: Example | undefined;
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(\w*)\s*(.*)$/.exec(lines[index] as string);
    if (!fence) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    const block = lines.slice(start, end);
    const [language, info] = [fence[1], fence[2] ?? ''];
    const file = /(?:^|\s)file=(\S+)/.exec(info)?.[1];
    if (language === 'json' && file) {
      steps.push({ kind: 'file', line: start, file, content: block.join('\n') });
    } else if (language === 'json' && pendingBody) {
      pendingBody.body = parseBody(block.join('\n'), start + 1);
      pendingBody = undefined;
    } else if (language === 'sh') {
      for (const example of readShellBlock(block, start + 1)) steps.push({ kind: 'request', ...example });
      const last = steps.at(-1);
      pendingBody =
        last?.kind === 'request' &&
        last.body === undefined &&
        last.line > start &&
        /# → \d+\s*$/.test(block.at(-1) ?? '')
          ? last
          : undefined;
    }
    index = end;
  }
  return steps;
}

/** The commands of one ```sh block, with what each is said to answer. `firstLine` is the block's first line. */
function readShellBlock(block: string[], firstLine: number): Example[] {
  if (!block.some((line) => line.startsWith('curl '))) return [];
  const examples: Example[] = [];
  let index = 0;
  while (index < block.length) {
    const line = block[index] as string;
    if (line.trim() === '' || (line.startsWith('#') && !line.startsWith('# →'))) {
      index++;
      continue;
    }
    if (!line.startsWith('curl ')) throw new Error(`line ${firstLine + index}: expected a curl command: ${line}`);
    const commandLine = firstLine + index;
    const command: string[] = [];
    do command.push(block[index++] as string);
    while (index < block.length && !complete(command));
    if (!complete(command)) throw new Error(`line ${commandLine}: the command never ends`);
    const answer = block[index] ?? '';
    const said = /^# → (\d{3})\s*(.*)$/.exec(answer);
    if (!said) throw new Error(`line ${firstLine + index}: expected "# → <status> <body>" after the command`);
    index++;
    let body = said[2] ?? '';
    while (index < block.length && /^#\s{2,}/.test(block[index] as string)) body += (block[index++] as string).slice(1);
    examples.push({
      line: commandLine,
      command: command.join('\n'),
      status: Number(said[1]),
      body: body.trim() === '' ? undefined : parseBody(body, firstLine + index - 1),
    });
  }
  return examples;
}

/** Whether the shell would have read a whole command: quotes closed, no `\` continuation, a heredoc ended. */
function complete(lines: string[]): boolean {
  const text = lines.join('\n');
  const heredoc = /<<\s*'?(\w+)'?/.exec(text);
  if (heredoc) return lines.length > 1 && lines.at(-1) === heredoc[1];
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') index++;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '\\') index++;
  }
  return quote === undefined && !text.endsWith('\\');
}

/** Parses a body as the page shows it into a pattern. */
export function parseBody(text: string, line: number): Pattern {
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`line ${line}: ${message} at "${text.slice(at, at + 40)}" in ${text}`);
  };
  const space = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  const take = (token: string) => {
    space();
    if (!text.startsWith(token, at)) fail(`expected ${token}`);
    at += token.length;
  };
  const peek = (token: string) => {
    space();
    return text.startsWith(token, at);
  };
  const string = (): string => {
    space();
    const match = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(at));
    if (!match) return fail('expected a string');
    at += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const value = (): Pattern => {
    space();
    if (peek(ELLIPSIS)) {
      at += ELLIPSIS.length;
      return { kind: 'any' };
    }
    if (peek('$')) {
      const name = /^\$([A-Z_][A-Z0-9_]*)/.exec(text.slice(at));
      if (!name) return fail('expected a variable');
      at += name[0].length;
      return { kind: 'capture', name: name[1] as string };
    }
    if (peek('{')) return object();
    if (peek('[')) return array();
    if (peek('"')) {
      const content = string();
      if (content === ELLIPSIS) return { kind: 'any' };
      const capture = /^\$([A-Z_][A-Z0-9_]*)$/.exec(content);
      if (capture) return { kind: 'capture', name: capture[1] as string };
      if (content.includes(ELLIPSIS)) return { kind: 'text', parts: content.split(ELLIPSIS) };
      return { kind: 'literal', value: content };
    }
    const scalar = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(at));
    if (!scalar) return fail('expected a value');
    at += scalar[0].length;
    return { kind: 'literal', value: JSON.parse(scalar[0]) };
  };
  const object = (): Pattern => {
    take('{');
    const fields: [string, Pattern][] = [];
    let open = false;
    while (!peek('}')) {
      if (peek(ELLIPSIS)) {
        at += ELLIPSIS.length;
        open = true;
      } else {
        const name = string();
        take(':');
        fields.push([name, value()]);
      }
      if (!peek('}')) take(',');
    }
    take('}');
    return { kind: 'object', fields, open };
  };
  const array = (): Pattern => {
    take('[');
    const items: (Pattern | 'rest')[] = [];
    while (!peek(']')) {
      if (peek(ELLIPSIS)) {
        at += ELLIPSIS.length;
        items.push('rest');
      } else items.push(value());
      if (!peek(']')) take(',');
    }
    take(']');
    return { kind: 'array', items };
  };
  const pattern = value();
  space();
  if (at < text.length) fail('unexpected text after the body');
  return pattern;
}

/**
 * Where `actual` differs from `pattern` (a path and what was expected), or undefined when it
 * matches; `captures` receives the values of `$NAME`s.
 */
export function mismatch(
  pattern: Pattern,
  actual: unknown,
  captures: Record<string, string>,
  path = '$',
): string | undefined {
  switch (pattern.kind) {
    case 'any':
      return undefined;
    case 'capture':
      if (typeof actual !== 'string' && typeof actual !== 'number')
        return `${path}: expected a value for $${pattern.name}`;
      if (captures[pattern.name] !== undefined && captures[pattern.name] !== String(actual))
        return `${path}: expected $${pattern.name} (${captures[pattern.name]}), got ${JSON.stringify(actual)}`;
      captures[pattern.name] = String(actual);
      return undefined;
    case 'literal':
      return JSON.stringify(actual) === JSON.stringify(pattern.value)
        ? undefined
        : `${path}: expected ${JSON.stringify(pattern.value)}, got ${JSON.stringify(actual)}`;
    case 'text': {
      const expected = pattern.parts.join(ELLIPSIS);
      if (typeof actual !== 'string') return `${path}: expected a string like "${expected}"`;
      const regex = new RegExp(
        `^${pattern.parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`,
      );
      return regex.test(actual) ? undefined : `${path}: expected "${expected}", got ${JSON.stringify(actual)}`;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
        return `${path}: expected an object, got ${JSON.stringify(actual)}`;
      const record = actual as Record<string, unknown>;
      for (const [name, field] of pattern.fields) {
        if (!(name in record)) return `${path}.${name}: missing`;
        const found = mismatch(field, record[name], captures, `${path}.${name}`);
        if (found) return found;
      }
      const extra = Object.keys(record).filter((name) => !pattern.fields.some(([shown]) => shown === name));
      return pattern.open || extra.length === 0
        ? undefined
        : `${path}: fields the page does not show: ${extra.join(', ')}`;
    }
    case 'array':
      if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
      return matchItems(pattern.items, actual, captures, path, 0, 0);
  }
}

function matchItems(
  items: (Pattern | 'rest')[],
  actual: unknown[],
  captures: Record<string, string>,
  path: string,
  from: number,
  at: number,
): string | undefined {
  if (from === items.length)
    return at === actual.length ? undefined : `${path}: ${actual.length - at} more items than the page shows`;
  const item = items[from] as Pattern | 'rest';
  if (item === 'rest') {
    let first: string | undefined;
    for (let skip = at; skip <= actual.length; skip++) {
      const attempt = { ...captures };
      const found = matchItems(items, actual, attempt, path, from + 1, skip);
      if (!found) {
        Object.assign(captures, attempt);
        return undefined;
      }
      first ??= found;
    }
    return first;
  }
  if (at >= actual.length) return `${path}[${at}]: missing`;
  return (
    mismatch(item, actual[at], captures, `${path}[${at}]`) ??
    matchItems(items, actual, captures, path, from + 1, at + 1)
  );
}
