// Per-function results kept between edits of one document: a C function whose text and whose file-level
// context (the summaries of the file's functions, the knowledge base) are unchanged is not analysed again.
// Results are stored with the line the function started on and shifted when it moves.
import type { ResourceFacts } from './facts';
import type { Knowledge } from './knowledge';
import type { LanguageId } from '../engine/types';
import type { SyntaxNode } from '../parsing/syntax-node';
import type { FunctionText } from './relevance-c';

/** What the analyses of one document keep between its versions (an editor re-analyses on every keystroke). */
export class DocumentAnalysisCache {
  readonly functions = new FunctionResultCache();
  /** The last syntax copy: functions the next edit does not touch are grafted from it (syntax-node.ts). */
  previousCopy: { root: SyntaxNode; text: string; language: LanguageId; functions?: FunctionText[] } | undefined;
}

interface Entry {
  startLine: number;
  resources: ResourceFacts[];
  notes: string[];
}

export class FunctionResultCache {
  private entries = new Map<string, Entry>();
  private used = new Set<string>();
  private knowledge: Knowledge | undefined;
  private context: string | undefined;
  /** Each function node's key: a node grafted into the next copy (syntax-node.ts) has the same text. */
  private keys = new WeakMap<SyntaxNode, string>();
  /** Functions reused and analysed in the last analysis (for tests and benchmarks). */
  hits = 0;
  misses = 0;

  /**
   * Starts one analysis of the document. `context` is what every function's analysis depends on besides its
   * own text (the file's summaries): when it or the knowledge base changes, every result is dropped.
   */
  begin(knowledge: Knowledge, context: string): void {
    if (knowledge !== this.knowledge || context !== this.context) this.entries.clear();
    this.knowledge = knowledge;
    this.context = context;
    this.used.clear();
    this.hits = 0;
    this.misses = 0;
  }

  /**
   * The key of a function: its text, read once per node. Stored flattened: a slice would keep the whole
   * document version it was cut from alive for as long as the function stays unchanged.
   */
  keyOf(fn: SyntaxNode): string {
    let key = this.keys.get(fn);
    if (key === undefined) this.keys.set(fn, (key = flatten(fn.text)));
    return key;
  }

  /** `key`: from keyOf. */
  get(key: string, startLine: number): { resources: ResourceFacts[]; notes: string[] } | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.add(key);
    const delta = startLine - entry.startLine;
    return { resources: delta === 0 ? entry.resources : shiftLines(entry.resources, delta), notes: entry.notes };
  }

  set(key: string, startLine: number, resources: ResourceFacts[], notes: string[]): void {
    this.used.add(key);
    this.entries.set(key, { startLine, resources, notes });
  }

  /** Ends the analysis: functions that no longer exist are forgotten, so the cache tracks the document. */
  end(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

function flatten(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** A copy of `value` with every position ({line, character}) moved by `delta` lines. */
export function shiftLines<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((v) => shiftLines(v, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shiftLines(v, delta);
  if (typeof out.line === 'number' && typeof out.character === 'number') out.line = (out.line as number) + delta;
  return out as T;
}
