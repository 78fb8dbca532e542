// The knowledge base: validated at load, indexed by name, patterns tried in order after exact names.
import opensslData from '../../../rules/knowledge/openssl.json';
import libcData from '../../../rules/knowledge/libc.json';
import cgoData from '../../../rules/knowledge/cgo.json';
import glibData from '../../../rules/knowledge/glib.json';
import { knowledgeFileSchema, type KnowledgeEntry, type KnowledgeFile } from './knowledge-schema';

export class KnowledgeError extends Error {}

export interface Knowledge {
  /** Looks a function up by exact name, then by pattern. Stack placeholders are expanded for the name. */
  lookup(name: string): KnowledgeEntry | undefined;
  /** Which file an entry came from decides the resource kind (libc memory vs OpenSSL object). */
  sourceOf(entry: KnowledgeEntry): string;
  wrapperPrefixes: readonly string[];
}

interface Source {
  label: string;
  data: unknown;
}

export function validateKnowledgeFile(label: string, data: unknown): KnowledgeFile {
  const parsed = knowledgeFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    let entryName = '';
    if (issue.path[0] === 'entries' && typeof issue.path[1] === 'number') {
      const raw = (data as { entries?: Array<{ name?: unknown; pattern?: unknown }> }).entries?.[issue.path[1]];
      const id = raw?.name ?? raw?.pattern;
      if (typeof id === 'string') entryName = ` (entry "${id}")`;
    }
    throw new KnowledgeError(`${label}: ${where}${entryName}: ${issue.message}`);
  }
  for (const e of parsed.data.entries) {
    if (e.pattern !== undefined) {
      try {
        new RegExp(e.pattern);
      } catch (err) {
        throw new KnowledgeError(`${label}: entry "${e.pattern}": invalid pattern: ${(err as Error).message}`);
      }
    }
  }
  return parsed.data;
}

/** `sk_X509_pop_free` style names stand in the data as `$STACK_pop_free`; expand them for a concrete stack call. */
function expandStackPlaceholders(entry: KnowledgeEntry, name: string): KnowledgeEntry {
  const m = /^sk_([A-Za-z0-9_]+?)_(new|new_null|new_reserve|dup|deep_copy)$/.exec(name);
  if (!m || !entry.returnsOwned) return entry;
  const type = m[1];
  const release = entry.returnsOwned.release.map((r) => r.replace('$STACK', `sk_${type}`));
  return { ...entry, returnsOwned: { ...entry.returnsOwned, release } };
}

/**
 * `d2i_OCSP_CERTID` → `OCSP_CERTID_free`: a release named `$1_free` stands for the type the pattern's first
 * group captured. Only a type whose release function is itself known counts (the entry is dropped otherwise),
 * so irregular names (`d2i_ECPrivateKey` → EC_KEY) must be listed by name.
 */
function expandTypePlaceholder(entry: KnowledgeEntry, match: RegExpExecArray, exact: ReadonlyMap<string, KnowledgeEntry>): KnowledgeEntry | undefined {
  const release = entry.returnsOwned?.release;
  if (!release?.some((r) => r.includes('$1'))) return entry;
  const names = release.map((r) => r.replace('$1', match[1] ?? ''));
  if (!names.every((n) => exact.get(n)?.releases?.length)) return undefined;
  return { ...entry, returnsOwned: { ...entry.returnsOwned!, release: names } };
}

export function buildKnowledge(sources: Source[]): Knowledge {
  const exact = new Map<string, KnowledgeEntry>();
  const patterns: Array<{ re: RegExp; entry: KnowledgeEntry }> = [];
  const origin = new Map<KnowledgeEntry, string>();
  const prefixes: string[] = [];
  for (const source of sources) {
    const file = validateKnowledgeFile(source.label, source.data);
    prefixes.push(...(file.wrapperPrefixes ?? []));
    const filePatterns: typeof patterns = [];
    for (const entry of file.entries) {
      origin.set(entry, source.label);
      // Later sources (a user's .osslint.json) override earlier ones.
      if (entry.name !== undefined) exact.set(entry.name, entry);
      else filePatterns.push({ re: new RegExp(entry.pattern!), entry });
    }
    // Within a file, patterns are tried in file order (specific families before generic naming rules);
    // a later file's patterns are tried before an earlier file's.
    patterns.unshift(...filePatterns);
  }
  // null: looked up and not known (one Map read per lookup, the analysis asks for every call).
  const cache = new Map<string, KnowledgeEntry | null>();
  return {
    wrapperPrefixes: prefixes,
    sourceOf: (entry) => origin.get(entry) ?? 'unknown',
    lookup(name) {
      const known = cache.get(name);
      if (known !== undefined) return known ?? undefined;
      let found = exact.get(name);
      if (!found) {
        for (const p of patterns) {
          const m = p.re.exec(name);
          if (!m) continue;
          found = expandTypePlaceholder(expandStackPlaceholders(p.entry, name), m, exact);
          if (found === undefined) continue; // the type it names has no known release: not this pattern
          if (found !== p.entry) origin.set(found, origin.get(p.entry)!);
          break;
        }
      }
      cache.set(name, found ?? null);
      return found;
    },
  };
}

let builtin: Knowledge | undefined;

export function builtinKnowledge(): Knowledge {
  builtin ??= buildKnowledge([
    { label: 'openssl.json', data: opensslData },
    { label: 'libc.json', data: libcData },
    { label: 'cgo.json', data: cgoData },
    { label: 'glib.json', data: glibData },
  ]);
  return builtin;
}

/** Built-in knowledge extended with a user's file (e.g. .osslint.json); throws KnowledgeError naming the file. */
export function knowledgeWithUserFile(label: string, data: unknown): Knowledge {
  return buildKnowledge([
    { label: 'openssl.json', data: opensslData },
    { label: 'libc.json', data: libcData },
    { label: 'cgo.json', data: cgoData },
    { label: 'glib.json', data: glibData },
    { label, data },
  ]);
}
