// The C code a cgo package compiles beside its Go: each file's preamble (the comment above `import "C"`), the
// package's .c and .h files and the headers preambles include. The C front end summarises its functions, so a
// Go call to a helper gets the helper's semantics: `C.freeCstr(s)` with `static void freeCstr(char *s) {
// free(s); }` releases s, and a helper returning `strdup(...)` returns C memory.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { FunctionSummary } from '../callees';
import type { Knowledge } from '../knowledge';
import { withMacroAliases } from '../macro-aliases';
import { copyWholeC } from '../c/project-index';
import { projectFacts } from '../c/macros';
import { collectFunctionsC, summarizeC } from '../c/summaries';

export interface CgoSource {
  path: string;
  text: string;
}

const NONE: ReadonlyMap<string, FunctionSummary> = new Map();

/**
 * The preamble of a Go file as C text: the comment block or run of `//` lines right above `import "C"`, comment
 * markers blanked. Read from the text, not the tree: the package's other files are not parsed for it.
 */
export function cgoPreamble(text: string): string {
  if (!text.includes('"C"')) return '';
  // Every file of a package reads its siblings' preambles: each text is split once.
  let preamble = preambles.get(text);
  if (preamble === undefined) {
    if (preambles.size >= PREAMBLE_LIMIT) preambles.delete(preambles.keys().next().value!);
    preambles.set(text, (preamble = readPreamble(text)));
  }
  return preamble;
}

const preambles = new Map<string, string>();
const PREAMBLE_LIMIT = 512;

function readPreamble(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^import\s+"C"/.test(l));
  if (at <= 0) return '';
  const above = lines[at - 1]!.trimEnd();
  if (above.endsWith('*/')) {
    let start = at - 1;
    while (start >= 0 && !lines[start]!.includes('/*')) start--;
    if (start < 0) return '';
    const block = lines.slice(start, at).join('\n');
    return block.slice(block.indexOf('/*') + 2, block.lastIndexOf('*/'));
  }
  const out: string[] = [];
  for (let i = at - 1; i >= 0 && /^\s*\/\//.test(lines[i]!); i--) out.unshift(lines[i]!.replace(/^\s*\/\/ ?/, ''));
  return out.join('\n');
}

/**
 * Some Go file of the package imports "C". Otherwise nothing it does can hold C memory or an OpenSSL object
 * (another package's C types cannot be named), and the file needs no lifecycle analysis.
 */
export function packageUsesCgo(text: string, packageFiles: ReadonlyArray<{ path: string; text: string }>): boolean {
  return usesCgo(text) || packageFiles.some((f) => f.path.endsWith('.go') && usesCgo(f.text));
}

/** The Go file imports "C" (alone or in an import block). */
export function usesCgo(text: string): boolean {
  return USES_CGO.test(text);
}

const USES_CGO = /^import\s+(\(\s*)?"C"|^\s+"C"\s*$/m;

/** The file is C the package compiles (not Go). */
export function isCgoCSource(path: string): boolean {
  return /\.(c|h)$/.test(path);
}

const cache = new Map<string, ReadonlyMap<string, FunctionSummary>>();
const CACHE_LIMIT = 16;

/**
 * Summaries of the C functions in `sources` (preamble texts and C files), keyed by name, as Go sees them: an
 * owned result is C memory or an object released through cgo. Only functions with an effect are kept.
 */
export function cgoHelperSummaries(sources: readonly CgoSource[], knowledge: Knowledge): ReadonlyMap<string, FunctionSummary> {
  const texts = sources.map((s) => s.text).filter((t) => /\{/.test(t));
  if (!texts.length) return NONE;
  // One translation unit: helpers in a .c file are called from preamble helpers and the other way round.
  const text = texts.join('\n');
  const known = cache.get(text);
  if (known) return known;
  const summaries = summariseC(text, knowledge);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, summaries);
  return summaries;
}

function summariseC(text: string, knowledge: Knowledge): ReadonlyMap<string, FunctionSummary> {
  const root: Node = copyWholeC(text);
  const functions = collectFunctionsC(root);
  if (!functions.length) return NONE;
  const facts = projectFacts([text]);
  const all = summarizeC(functions, root, withMacroAliases(knowledge, text), false, facts.noreturn);
  const out = new Map<string, FunctionSummary>();
  for (const [name, s] of all) {
    if (!(s.releases.size || s.stores.size || s.returnsOwned || s.noreturn || s.wipes.size || s.resets.size)) continue;
    out.set(name, s.returnsOwned && s.returnsOwned.kind !== 'x509ctx' ? { ...s, returnsOwned: { ...s.returnsOwned, kind: 'cgo' } } : s);
  }
  return out;
}
