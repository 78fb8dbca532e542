// What the dataflow concludes per acquisition site. Rules turn these facts into findings.
import type { PathStep, Range } from '../engine/types';

/** Which rule family owns a resource's leak: OpenSSL object, libc memory, cgo memory/object, verify context. */
/** `secret`: key material awaiting a wipe; `x509init`: an initialised X509_STORE_CTX awaiting cleanup. */
export type ResourceKind = 'ossl' | 'mem' | 'cgo' | 'x509ctx' | 'secret' | 'x509init';

export interface AcquisitionSite {
  /** The allocating API as written (C.CString, SSL_CTX_new, a local wrapper such as load_cert). */
  api: string;
  /** The variable or access path that holds the resource (`ctx`, `c->ssl`, `*der`); '' for an inline argument. */
  variable: string;
  kind: ResourceKind;
  /** Functions that release it, from the knowledge base. */
  release: string[];
  /** The acquisition call (primary location of every finding about this resource). */
  range: Range;
  /** Name of the enclosing function. */
  functionName: string;
  /** Hints for fixes computed by the front end (language specific, optional). */
  fixHints?: FixHints;
}

export interface FixHints {
  /** C secret: text of the buffer's length (for OPENSSL_free → OPENSSL_clear_free). */
  secretLength?: string;
  /** C secret: the end of the enclosing function (fixes touch releases between the site and it). */
  functionEnd?: Range['end'];
  /** Go: where to insert a `defer` line (start of the line after the acquisition or its nil check). */
  deferInsertAt?: Range['start'];
  /**
   * Go: the object is passed to a C function the knowledge base does not know, which may take it
   * (`C._sqlite3_result_text(ctx, s, n)` hands `s` to sqlite with `&free`): the defer is only a suggestion.
   */
  deferUncertain?: boolean;
  /** Go: indentation of the acquisition statement. */
  indent?: string;
  /** Go: the acquisition was an inline argument: range of the inner call and of the enclosing statement. */
  /** `wholeStatement`: the call is the statement itself (a discarded result), so nothing is left in its place. */
  inlineCall?: { call: Range; statementStart: Range['start']; text: string; wholeStatement?: boolean };
  /** Go: imports / preamble edits needed for `C.free(unsafe.Pointer(..))`. */
  needsUnsafeImport?: { insertAt: Range['start']; text: string };
  needsStdlibInclude?: { insertAt: Range['start']; text: string };
  /** Go: wrapper prefix of the acquisition (`C.go_openssl_EVP_PKEY_new`): the release goes through it too. */
  releasePrefix?: string;
}

export interface LeakFact {
  /** How the resource was lost on the witness path. */
  how: 'return' | 'end-of-function' | 'overwrite' | 'container-released' | 'unwind' | 'out-of-scope' | 'freed-unwiped' | 'reinit';
  /** The exit statement (return, closing brace, overwrite, the free of the containing struct). */
  exit: Range;
  /** The last `goto` on the witness path, if any: the message names it. */
  viaGoto?: { label: string; range: Range };
  steps: PathStep[];
  /** Every leaking path needs this call (one that fails only when memory runs out) to fail. */
  allocationFailureOnly?: string;
}

export interface DoubleReleaseFact {
  first: Range;
  second: Range;
  /** The first release was a hand-over (SSL_set_bio, sk_X509_push, ...), not a free. */
  firstWasHandover: boolean;
  firstApi: string;
  secondApi: string;
  steps: PathStep[];
}

export interface UseAfterReleaseFact {
  release: Range;
  use: Range;
  /** Name used late: the resource itself or a pointer borrowed from it. */
  usedName: string;
  borrowed: boolean;
  steps: PathStep[];
}

export interface ResourceFacts {
  site: AcquisitionSite;
  leak?: LeakFact;
  doubleRelease?: DoubleReleaseFact;
  useAfterRelease?: UseAfterReleaseFact;
}

/** A variable as the user wrote it: a shadowing block variable is tracked as `p~1` (lowering/scopes.ts), shown as `p`. */
export function displayName(access: string): string {
  return isRenamed(access) ? access.replace(/~\d+/g, '') : access;
}

/** A plain variable (`p`, or a block's own `p~1`), not a field, a dereference or an expression. */
export function isVariable(access: string): boolean {
  return /^[A-Za-z_]\w*(~\d+)?$/.test(access);
}

/** A shadowing block variable: its name in the source is ambiguous, so no fix writes it. */
export function isRenamed(access: string): boolean {
  return access.includes('~');
}
