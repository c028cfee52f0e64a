/**
 * The literal text every match of an anchored regular expression starts with, so generated code
 * can reject most values with one character comparison before running the regex. Conservative:
 * returns '' whenever the pattern is not plainly `^literal…`. Assumes no flags (as compiled for
 * the `matches` operator): case-sensitive, `^` is the start of the input.
 */
export function requiredPrefix(pattern: string): string {
  if (!pattern.startsWith('^') || hasTopLevelAlternation(pattern)) return '';
  let prefix = '';
  let index = 1;
  while (index < pattern.length) {
    const char = pattern[index]!;
    let literal: string;
    let next: number;
    if (char === '\\') {
      const escaped = pattern[index + 1];
      // Only escaped punctuation is a literal; \d, \w, \b, \u… are classes or assertions.
      if (escaped === undefined || /[A-Za-z0-9]/.test(escaped)) break;
      literal = escaped;
      next = index + 2;
    } else if (char === '(') {
      const group = literalAlternatives(pattern, index);
      if (group && !isQuantifier(pattern[group.end])) prefix += commonPrefix(group.alternatives);
      break;
    } else if ('.[]()|^$*+?{}'.includes(char)) {
      break;
    } else {
      literal = char;
      next = index + 1;
    }
    // A quantified atom may repeat or be absent: the prefix ends before it.
    if (isQuantifier(pattern[next])) break;
    prefix += literal;
    index = next;
  }
  return prefix;
}

function isQuantifier(char: string | undefined): boolean {
  return char === '*' || char === '+' || char === '?' || char === '{';
}

/** `(abc|abd)` or `(?:abc|abd)` at `start` made only of literal characters: its alternatives, and the index after `)`. */
function literalAlternatives(pattern: string, start: number): { alternatives: string[]; end: number } | undefined {
  let index = pattern.startsWith('(?:', start) ? start + 3 : start + 1;
  if (pattern[index] === '?') return undefined; // lookaround or named group
  const alternatives = [''];
  for (; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === ')') return { alternatives, end: index + 1 };
    if (char === '|') alternatives.push('');
    else if (char === '\\') {
      const escaped = pattern[++index];
      if (escaped === undefined || /[A-Za-z0-9]/.test(escaped)) return undefined;
      alternatives[alternatives.length - 1] += escaped;
    } else if ('.[](^$*+?{}'.includes(char)) return undefined;
    else alternatives[alternatives.length - 1] += char;
  }
  return undefined;
}

function commonPrefix(texts: string[]): string {
  let prefix = texts[0] ?? '';
  for (const text of texts) while (!text.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Whether a `|` splits the whole pattern (outside every group and character class). */
function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}
