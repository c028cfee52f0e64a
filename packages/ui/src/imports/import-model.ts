/**
 * The Eppo import page's decisions, apart from rendering: what a chosen or pasted document is (read
 * once, without keeping the parsed objects), and the server's refusals grouped by flag.
 */

/** The largest body the import route takes (the server's IMPORT_BODY_LIMIT). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type DocumentCheck =
  | { ok: true; flags: string[]; environment: string | undefined; format: string | undefined }
  | { ok: false; message: string };

/**
 * What a document holds, or why it cannot be imported as it is: not JSON, not an object with
 * `flags`, the obfuscated CLIENT format, over 10 MiB. The server checks everything else.
 */
export function checkDocument(text: string, bytes = new TextEncoder().encode(text).length): DocumentCheck {
  if (text.trim() === '') return { ok: false, message: 'Choose a file or paste a document.' };
  if (bytes > MAX_DOCUMENT_BYTES)
    return { ok: false, message: `The document is ${formatBytes(bytes)}; the import takes up to 10 MiB.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, message: 'An Eppo flag configuration is a JSON object with "format" and "flags".' };
  const document = parsed as { format?: unknown; flags?: unknown; environment?: unknown };
  const format = typeof document.format === 'string' ? document.format : undefined;
  if (format !== undefined && format !== 'SERVER')
    return {
      ok: false,
      message: `This is Eppo's ${format} format, which hides flag keys and attributes: export the SERVER format (what Eppo serves server SDKs).`,
    };
  if (typeof document.flags !== 'object' || document.flags === null || Array.isArray(document.flags))
    return { ok: false, message: 'The document has no "flags" object: is it an Eppo flag configuration (UFC)?' };
  const environment =
    typeof document.environment === 'object' &&
    document.environment !== null &&
    typeof (document.environment as { name?: unknown }).name === 'string'
      ? (document.environment as { name: string }).name
      : undefined;
  return { ok: true, flags: Object.keys(document.flags), environment, format };
}

export interface GroupedProblem {
  path: string;
  message: string;
}

export interface ProblemGroup {
  /** The flag the problems are about; undefined for the document's own fields. */
  flag: string | undefined;
  problems: GroupedProblem[];
}

/**
 * The server's field errors (`flags.banner.variations[1].value`) grouped per flag, in the order
 * they came, with each path inside its flag. A flag key may hold dots, so the document's keys are
 * tried first (the longest that fits); otherwise the key runs to the next `.` or `[`.
 */
export function groupProblems(
  errors: readonly { path: string; message: string }[],
  flagKeys: readonly string[] = [],
): ProblemGroup[] {
  const byLength = [...flagKeys].sort((a, b) => b.length - a.length);
  const groups = new Map<string, ProblemGroup>();
  for (const error of errors) {
    const { flag, rest } = splitPath(error.path, byLength);
    const id = flag === undefined ? '' : `flag:${flag}`;
    let group = groups.get(id);
    if (!group) {
      group = { flag, problems: [] };
      groups.set(id, group);
    }
    group.problems.push({ path: rest, message: error.message });
  }
  return [...groups.values()];
}

function splitPath(path: string, keys: readonly string[]): { flag: string | undefined; rest: string } {
  if (!path.startsWith('flags.')) return { flag: undefined, rest: path };
  const after = path.slice('flags.'.length);
  for (const key of keys) {
    if (after === key) return { flag: key, rest: '' };
    if (after.startsWith(key) && (after[key.length] === '.' || after[key.length] === '['))
      return { flag: key, rest: after.slice(key.length).replace(/^\./, '') };
  }
  const end = after.search(/[.[]/);
  if (end < 0) return { flag: after, rest: '' };
  return { flag: after.slice(0, end), rest: after.slice(end).replace(/^\./, '') };
}

/** 2_400_000 → "2.3 MB" (binary units, as the 10 MiB limit). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The summary's headline: "2 flags created, 1 updated, 3 unchanged". */
export function summaryText(summary: { created: string[]; updated: string[]; unchanged: string[] }): string {
  const total = summary.created.length + summary.updated.length + summary.unchanged.length;
  if (total === 0) return 'The document has no flags: nothing was imported.';
  return `${plural(summary.created.length, 'flag', 'flags')} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged.`;
}
