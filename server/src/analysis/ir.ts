// Lifecycle IR: a per-function control-flow graph whose blocks hold ordered lifecycle events.
// The lowering core (lowering/) builds it from what the C and Go front ends read; the dataflow reads it
// and knows no syntax.
import type { SyntaxNode as Node } from '../parsing/syntax-node';
import type { AcquisitionSite } from './facts';

/** Normalised access path: `x`, `c->ctx`, `c.ctx`, `*out`, or `$inlineN` for an unnamed argument. */
export type Access = string;

export interface Site extends AcquisitionSite {
  id: number;
  /** For out-parameter and status-returning allocations: the variable holding the call's status result. */
  resultVar?: Access;
  /** A facet site tracks a property of the object in `variable` (`#secret`, `#init`), see dataflow.ts. */
  facet?: '#secret' | '#init';
  /** For a secret: a stack array goes out of scope at exit; heap memory only matters where it is freed. */
  secretStorage?: 'stack' | 'heap';
  /** Leak findings for this site are not reported (the site or its variable touches an ERROR region). */
  suppressed?: boolean;
}

export type Event =
  /**
   * `replay` (facet sites only): events registered earlier that act on the new facet, such as a Go
   * `defer C.free(key)` written before the secret is derived into `key`. They target the plain object.
   */
  | { k: 'acquire'; site: Site; target: Access; at: Node; replay?: Event[] }
  /** `deep`: what the object owns through its fields is released with it (`SSL_free(s)` frees `s->param`). */
  /** `wipes`: the release also wipes the memory (OPENSSL_clear_free). */
  | { k: 'release'; target: Access; api: string; at: Node; deep?: boolean; wipes?: boolean }
  /** Ownership leaves this function. `owning`: a knowledge-base hand-over whose new owner will release it. */
  | { k: 'transfer'; target: Access; api: string; at: Node; owning?: boolean }
  | { k: 'use'; target: Access; at: Node }
  /** target = from (alias) when `from` is an access, or an overwrite when null. */
  | { k: 'assign'; target: Access; from: Access | null; at: Node }
  /** target now points into the object `from` owns (get0 / X509_get_subject_name). */
  | { k: 'borrow'; target: Access; from: Access; at: Node }
  /** One more reference is owed (X509_up_ref). */
  | { k: 'upref'; target: Access; at: Node }
  /** Go: a release registered with defer (runs at every later exit of the function). */
  /** `wipes`: the deferred call wipes the memory before releasing it (a closure that cleanses then frees). */
  | { k: 'deferRelease'; target: Access; api: string; at: Node; wipes?: boolean }
  /** A temporary (inline argument) is dead after its statement. */
  | { k: 'drop'; target: Access; at: Node }
  /** The memory is wiped (OPENSSL_cleanse, explicit_bzero). */
  /** `deferred`: a deferred wipe (Go `defer C.OPENSSL_cleanse(p, n)`), which runs before earlier deferred frees. */
  | { k: 'wipe'; target: Access; at: Node; deferred?: boolean }
  /** The object's initialisation is undone (X509_STORE_CTX_cleanup). */
  | { k: 'reset'; target: Access; at: Node }
  /**
   * A scalar flag (`ok = 1`, `ret = -1`, `p = NULL`) now holds a known constant, or an unknown value (null).
   * Only affects which later `flagTests` edges are feasible; never the resource itself.
   */
  | { k: 'flag'; target: Access; value: number | null; at: Node };

export type FlagOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A flag value known only to be non-zero (from `if (v)`); see dataflow.ts. */
export const NONZERO_FLAG = Number.MIN_SAFE_INTEGER;

/** `variable op k` holds on this edge (correlated flags: `if (!ok) X509_free(x);`). */
export interface FlagTest {
  variable: Access;
  op: FlagOp;
  k: number;
  /** `(err & MASK) != 0` read as `err != 0`: an approximation that must not teach the value. */
  masked?: true;
}

export interface Assumption {
  /** The access is known NULL (true) or non-NULL (false) on this edge. */
  access: Access;
  isNull: boolean;
}

export interface Edge {
  to: number;
  /** Events that happen only on this edge (a success-only hand-over on the success branch). */
  events?: Event[];
  assume?: Assumption[];
  /** `r` holds a call's status; on this edge the call failed (true) or succeeded (false). */
  status?: { variable: Access; failed: boolean };
  /**
   * `a == b` (equal) or `a != b` holds on this edge. A fresh acquisition equals no pointer that is not one of
   * its aliases unless both are NULL (`if (b != btmp) BN_free(btmp);`).
   */
  same?: Array<{ a: Access; b: Access; equal: boolean }>;
  /** Conditions on scalar flags that hold on this edge; infeasible when a known flag value contradicts them. */
  flagTests?: FlagTest[];
  /** Taken only when one of these is NULL (the failure of a call that fails only for a NULL argument). */
  someNull?: Access[];
  /** Taken only when this call (one that fails only when memory runs out) returned NULL. */
  allocationFailure?: string;
  /** Explains the edge on a witness path (the condition, a goto). */
  step?: { at: Node; message: string; goto?: string };
}

export type ExitKind = 'return' | 'end' | 'process-exit' | 'unwind';

export interface Block {
  id: number;
  events: Event[];
  succs: Edge[];
  exit?: { kind: ExitKind; at: Node };
}

export interface FunctionCfg {
  name: string;
  node: Node;
  blocks: Block[];
  entry: number;
  sites: Site[];
  /** Flags that keep one value for the whole call (parameters, fields nothing writes): never forgotten. */
  stableFlags?: ReadonlySet<Access>;
}

export function nodeLine(node: Node): number {
  return node.startPosition.row + 1;
}
