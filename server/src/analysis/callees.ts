// Resolves a called name to what it does to ownership: knowledge base first for external APIs,
// same-file (or same-package) summaries for project functions.
import type { KnowledgeEntry } from './knowledge-schema';
import type { Knowledge } from './knowledge';
import type { ResourceKind } from './facts';
import type { Access, ExitKind } from './ir';

export interface FunctionSummary {
  /** Parameter index → released access suffixes relative to it ('' = the parameter itself, '->ctx' = a field). */
  releases: Map<number, Set<string>>;
  /** Parameters stored somewhere that outlives the call (global, field of another parameter, out-parameter). */
  stores: Set<number>;
  /** Parameters the function wipes (OPENSSL_cleanse on them). */
  wipes: Set<number>;
  /** Parameters whose initialisation the function undoes (X509_STORE_CTX_cleanup on them). */
  resets: Set<number>;
  /** The function returns an owned object (a wrapper such as load_cert()). */
  returnsOwned?: { release: string[]; kind: ResourceKind; via: string };
  noreturn?: Extract<ExitKind, 'process-exit' | 'unwind'>;
  /**
   * Parameters (or their fields) passed to a function the analysis cannot see: releasing such a parameter may
   * release what it holds. A parameter not in here is released exactly as far as the summary says.
   */
  opaque?: Set<number>;
  /** Parameter fields the function releases and then assigns anew (free-and-replace, free-and-NULL). */
  replaces?: Map<number, Set<string>>;
}

export function emptySummary(): FunctionSummary {
  return { releases: new Map(), stores: new Set(), wipes: new Set(), resets: new Set() };
}

export interface Callee {
  /** Name looked up in the knowledge base (wrapper prefix removed). */
  name: string;
  entry?: KnowledgeEntry;
  summary?: FunctionSummary;
  /** Ownership behaviour is known (knowledge base or summary). */
  known: boolean;
  ownedResult?: { release: string[]; kind: ResourceKind };
  noreturn?: Extract<ExitKind, 'process-exit' | 'unwind'>;
}

/** longjmp-style raises unwind to a handler that may continue: leaks on that path still count. */
const UNWINDING = /(raise|longjmp|panic|throw)/i;

export function resourceKindOf(entry: KnowledgeEntry, source: string, language: 'c' | 'go'): ResourceKind {
  if (entry.returnsOwned?.kind === 'X509_STORE_CTX') return 'x509ctx';
  if (language === 'go') return 'cgo';
  return source === 'libc.json' ? 'mem' : source === 'cgo.json' ? 'cgo' : 'ossl';
}

export function resolveCallee(
  rawName: string,
  knowledge: Knowledge,
  summaries: ReadonlyMap<string, FunctionSummary>,
  language: 'c' | 'go',
): Callee {
  const summary = summaries.get(rawName);
  let name = rawName;
  for (const prefix of knowledge.wrapperPrefixes) {
    if (name.startsWith(prefix) && name.length > prefix.length) {
      name = name.slice(prefix.length);
      break;
    }
  }
  const entry = knowledge.lookup(name);
  const callee: Callee = { name, known: !!entry || !!summary };
  if (summary && (summary.releases.size || summary.stores.size || summary.returnsOwned || summary.noreturn || summary.wipes.size || summary.resets.size)) {
    callee.summary = summary;
    if (summary.returnsOwned) callee.ownedResult = { release: summary.returnsOwned.release, kind: summary.returnsOwned.kind };
    if (summary.noreturn) callee.noreturn = summary.noreturn;
    return callee;
  }
  if (entry) {
    callee.entry = entry;
    if (entry.returnsOwned) {
      callee.ownedResult = { release: entry.returnsOwned.release, kind: resourceKindOf(entry, knowledge.sourceOf(entry), language) };
    }
    if (entry.noreturn) callee.noreturn = UNWINDING.test(name) ? 'unwind' : 'process-exit';
  }
  return callee;
}

/**
 * The arguments a call takes ownership of, and when. Naming conventions (`*_add0_*`, `*_set0_*`) do not say
 * which argument: every one after the receiver, and only on success (a failing `X509_ALGOR_set0_by_nid` leaves
 * the argument with the caller).
 */
export function takenArguments(entry: KnowledgeEntry | undefined, argCount: number): { args: number[]; when: 'always' | 'success' } {
  if (!entry?.takes) return { args: [], when: 'always' };
  if (entry.family === 'convention') return { args: Array.from({ length: Math.max(0, argCount - 1) }, (_, i) => i + 1), when: 'success' };
  return { args: entry.takes.args, when: entry.takes.when };
}

/** Positions in `taken` naming an object taken earlier in the same call: `SSL_set_bio(ssl, b, b)` takes b once. */
export function repeatedTakes(taken: readonly number[], accesses: ReadonlyArray<Access | null | undefined>): Set<number> {
  const seen = new Set<Access>();
  const repeated = new Set<number>();
  for (const i of taken) {
    const a = accesses[i];
    if (!a) continue;
    if (seen.has(a)) repeated.add(i);
    seen.add(a);
  }
  return repeated;
}
