// The project index for C: summaries of the functions the project defines in its other files (a releaser in
// util.c, a list insert in helpers.c, a destructor in pkcs15.c), so a file's analysis knows what its calls to
// them do. Built on demand and kept: a file asks for the names it calls, the index finds the files defining
// them with a cheap text scan, parses and summarises those (and, a few levels deep, what they call in turn).
// Pure: the files come from a ProjectSource (the CLI reads the disk, the LSP prefers open buffers).
import { copyTree } from '../../parsing/syntax-node';
import { parse } from '../../parsing/parser';
import { parseRepaired } from '../../parsing/preprocess';
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { FunctionSummary } from '../callees';
import type { Knowledge } from '../knowledge';
import { withMacroAliases } from '../macro-aliases';
import { forEachDescendant } from '../syntax';
import { projectFacts } from './macros';
import { collectFunctionsC, printOf, summarizeC } from './summaries';
import { functionNameC } from './syntax';

export interface ProjectSource {
  /** The project's C files (absolute paths); read once per index. */
  files(): readonly string[];
  /** A file's text (an open buffer's when it has one), undefined when unreadable or too large. */
  text(file: string): string | undefined;
  /** The project headers a file includes: their noreturn declarations and macros. */
  headers(file: string, text: string): ReadonlyArray<{ text: string }>;
}

/** What a file's analysis asks of the project: summaries of the functions other files define. */
export interface ProjectSummaries {
  /**
   * Summaries of the named functions defined elsewhere in the project (not in `file`). `load: false` answers
   * from what is already summarised and says which names are still to be read (the editor loads them later).
   */
  summariesFor(file: string, names: ReadonlySet<string>, options?: { load?: boolean }): { summaries: Map<string, FunctionSummary>; pending: string[] };
}

/** How many files deep a helper's helpers are followed (tool.c → util.c → list.c). */
const MAX_DEPTH = 3;
/** A name several files define (one per backend: openssl.c, mbedtls.c) is used only when they agree; past
 * this many it is a common name (`init`, `cleanup`) and not looked at. */
const MAX_DEFINITIONS = 4;

interface FileSummaries {
  text: string;
  /** Non-static functions' summaries. */
  exported: Map<string, FunctionSummary>;
  /** Depth it was summarised at: names deeper than MAX_DEPTH were not followed. */
  depth: number;
}

export class CProjectIndex implements ProjectSummaries {
  private definitions?: Map<string, string[]>;
  private readonly byFile = new Map<string, FileSummaries>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly source: ProjectSource,
    private readonly knowledge: Knowledge,
  ) {}

  summariesFor(file: string, names: ReadonlySet<string>, options: { load?: boolean } = {}): { summaries: Map<string, FunctionSummary>; pending: string[] } {
    const load = options.load ?? true;
    const summaries = new Map<string, FunctionSummary>();
    const pending: string[] = [];
    for (const name of names) {
      const defined = this.definingFiles(name, file);
      if (!defined.length) continue;
      if (!load && defined.some((f) => !this.isCurrent(f))) {
        pending.push(name);
        continue;
      }
      const found = this.agreedSummary(name, defined, 0);
      if (found) summaries.set(name, found);
    }
    return { summaries, pending };
  }

  /** Forgets a file (changed on disk or in an editor): its summaries and the definitions scan are redone. */
  invalidate(file?: string): void {
    if (file === undefined) this.byFile.clear();
    else this.byFile.delete(file);
    this.definitions = undefined;
  }

  /** Reads and summarises every file defining one of `names` (the editor's background step). */
  load(file: string, names: Iterable<string>): void {
    this.summariesFor(file, new Set(names), { load: true });
  }

  /** Read at its present text (an unreadable file has nothing more to read). */
  private isCurrent(file: string): boolean {
    const text = this.source.text(file);
    if (text === undefined) return true;
    const known = this.byFile.get(file);
    return known !== undefined && known.text === text;
  }

  private definingFiles(name: string, except: string): string[] {
    const files = (this.definitions ??= this.scanDefinitions()).get(name);
    if (!files || files.length > MAX_DEFINITIONS) return [];
    return files.filter((f) => f !== except);
  }

  /** The summary every exported definition of `name` agrees on. */
  private agreedSummary(name: string, files: readonly string[], depth: number): FunctionSummary | undefined {
    let agreed: FunctionSummary | undefined;
    for (const f of files) {
      const s = this.fileSummaries(f, depth)?.exported.get(name);
      if (!s) continue;
      if (agreed && printOf(agreed) !== printOf(s)) return undefined;
      agreed = s;
    }
    return agreed;
  }

  private fileSummaries(file: string, depth: number): FileSummaries | undefined {
    const text = this.source.text(file);
    if (text === undefined) return undefined;
    const known = this.byFile.get(file);
    if (known && known.text === text && known.depth <= depth) return known;
    // A cycle (a.c calls b.c calls a.c): the file being summarised is not read again half way.
    if (this.inProgress.has(file)) return known;
    this.inProgress.add(file);
    try {
      const summarised: FileSummaries = { text, exported: this.summarise(file, text, depth), depth };
      this.byFile.set(file, summarised);
      return summarised;
    } finally {
      this.inProgress.delete(file);
    }
  }

  private summarise(file: string, text: string, depth: number): Map<string, FunctionSummary> {
    const root = copyWholeC(text);
    const functions = collectFunctionsC(root);
    const own = new Set(functions.map(functionNameC).filter((n): n is string => !!n));
    const knowledge = withMacroAliases(this.knowledge, text);
    const external = new Map<string, FunctionSummary>();
    if (depth + 1 < MAX_DEPTH) {
      for (const name of calledNames(functions)) {
        if (own.has(name) || knowledge.lookup(name)) continue;
        const defined = this.definingFiles(name, file);
        const found = defined.length ? this.agreedSummary(name, defined, depth + 1) : undefined;
        if (found) external.set(name, found);
      }
    }
    const facts = projectFacts([text, ...this.source.headers(file, text).map((h) => h.text)]);
    const summaries = summarizeC(functions, root, knowledge, false, facts.noreturn, external);
    const exported = new Map<string, FunctionSummary>();
    for (const fn of functions) {
      const name = functionNameC(fn);
      const summary = name ? summaries.get(name) : undefined;
      if (name && summary && !isStatic(fn)) exported.set(name, summary);
    }
    return exported;
  }

  /**
   * Which files define which functions, from their text alone: a name at the start of a line followed by a
   * parenthesised list and then a `{` (K&R and GNU layouts both put the name or its type at column 0). It may
   * name a file too many; the parse decides.
   */
  private scanDefinitions(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const file of this.source.files()) {
      const text = this.source.text(file);
      if (text === undefined) continue;
      for (const name of definedNamesIn(text)) {
        const files = out.get(name);
        if (!files) out.set(name, [file]);
        else if (files[files.length - 1] !== file) files.push(file);
      }
    }
    return out;
  }
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'defined']);
const definedNamesCache = new Map<string, string[]>();
const DEFINED_NAMES_LIMIT = 4096;

export function definedNamesIn(text: string): string[] {
  let names = definedNamesCache.get(text);
  if (names) return names;
  names = [];
  const head = /^(?:[A-Za-z_][\w \t*]*?[\s*])?([A-Za-z_]\w*)[ \t]*\(/gm;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const name = m[1]!;
    if (KEYWORDS.has(name)) continue;
    const close = matchingParen(text, m.index + m[0].length - 1);
    if (close < 0) continue;
    if (opensBody(text, close + 1)) names.push(name);
    head.lastIndex = close + 1;
  }
  if (definedNamesCache.size >= DEFINED_NAMES_LIMIT) definedNamesCache.clear();
  definedNamesCache.set(text, names);
  return names;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 4000; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (c === ';' || c === '{' || c === '}') return -1;
  }
  return -1;
}

/**
 * After the parameter list: attributes, K&R parameter declarations or comments, then `{` before any `;`. A
 * parenthesis on a later line is a statement or another macro (`DEFINE_STACK_OF(X509)` then code), not a body.
 */
function opensBody(text: string, from: number): boolean {
  let parens = 0;
  let nextLine = false;
  for (let i = from; i < text.length && i < from + 600; i++) {
    const c = text[i];
    if (c === '\n') nextLine = true;
    else if (c === '(' && nextLine && parens === 0) return false;
    else if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (parens === 0 && c === '{') return true;
    else if (parens === 0 && (c === '}' || c === '=' || c === ',' || c === '#')) return false;
    else if (parens === 0 && c === ';') {
      // K&R: `int f(a) char *a; {`: a declaration line that does not start at column 0.
      const next = text.indexOf('\n', i);
      if (next < 0 || !/^[ \t]/.test(text.slice(next + 1, next + 2)) && text[next + 1] !== '{') return false;
    }
  }
  return false;
}

function isStatic(fn: Node): boolean {
  return fn.namedChildren.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
}

function calledNames(functions: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const fn of functions) {
    forEachDescendant(fn, (n) => {
      if (n.type === 'call_expression') {
        const callee = n.childForFieldName('function');
        if (callee?.type === 'identifier') names.add(callee.text);
      }
      return true;
    });
  }
  return names;
}

/** The names a file's functions call that it does not define: what to ask the index for. */
export function externalCallees(functions: readonly Node[], knowledge: Knowledge): Set<string> {
  const own = new Set(functions.map(functionNameC));
  const names = new Set<string>();
  for (const name of calledNames(functions)) if (!own.has(name) && !knowledge.lookup(name)) names.add(name);
  return names;
}

/** The syntax of a whole file (every body: any of them may be what another file calls). */
export function copyWholeC(text: string): Node {
  const tree = parse('c', text);
  const repaired = tree.rootNode.hasError ? parseRepaired(text, tree) : undefined;
  try {
    return copyTree(repaired?.tree ?? tree, repaired?.text ?? text, { leaves: LITERALS, dropTokens: true });
  } finally {
    repaired?.tree.delete();
    tree.delete();
  }
}

const LITERALS: ReadonlySet<string> = new Set(['string_literal', 'char_literal', 'system_lib_string']);
