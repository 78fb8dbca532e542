// Call semantics, once for both languages: "call F with these argument accesses, its result going to X"
// becomes lifecycle events from the knowledge base and the project's summaries: release, wipe, reset,
// facet sites (secrets, initialised contexts), hand-overs (always or on success only), up-refs,
// out-parameter allocations, owned / filled / borrowed results, noreturn exits. The front ends evaluate the
// arguments (syntax), ask for the effects, lower what is left of the arguments by their own conventions,
// then ask for the result.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { FixHints } from '../facts';
import type { Access, Event, ExitKind, Site } from '../ir';
import type { Knowledge } from '../knowledge';
import { repeatedTakes, resolveCallee, resourceKindOf, takenArguments, type Callee, type FunctionSummary } from '../callees';
import { holdsSecret, secretLengthArgs, statusZeroIsSuccess } from '../secrets';
import { LoweringCore } from './core';

/** Receiver pseudo-parameter index of a Go method in summaries' `releases` / `stores`. */
export const RECEIVER = -1;

export interface CallOptions {
  /** The result is stored into this access (`x = f()`), which is local to the function. */
  assignTo?: Access;
  /** The node placed as the finding location for an acquisition (the assignment for a C struct field). */
  siteNode?: Node;
  /** The result is returned (or otherwise handed on whole): an owned result goes straight to the new holder. */
  returned?: boolean;
  /** The call is an argument of another call. */
  inlineArg?: boolean;
  /** The result is discarded (expression statement). */
  discarded?: boolean;
  /** The call is tested by a condition: success-only events go on the success edge, */
  successEvents?: Event[];
  /** and these accesses are known NULL on the failure edge. */
  failureAssumptions?: Access[];
}

export interface CallResult {
  /** Access holding the call's result when it is a tracked resource ($inlineN for an unnamed one). */
  access?: Access;
  callee?: Callee;
}

/** A call whose arguments the front end has evaluated. */
export interface LoweredCall {
  call: Node;
  /** The called name as written: C `SSL_free`, Go `SSL_free` (after `C.`) or a Go callee's text. */
  name: string;
  /** How events and sites name it: `SSL_free`, `C.SSL_free`, `k.Close`. */
  api: string;
  callee: Callee;
  args: Node[];
  /** Per argument: the access it is (`x`, `c->ctx`, an inline temporary), `&x` as x in addrOf. */
  argAccess: Array<Access | null>;
  addrOf: Array<Access | null>;
  /** A Go method's receiver. */
  receiver?: Access | null;
  opts: CallOptions;
}

/** Calls whose result is one of their arguments (`BIO_push` returns the head of the chain). */
const RESULT_IS_ARG: Record<string, number> = { BIO_push: 0 };

/** Release functions that free only the block itself, never what it points to. */
const SHALLOW_RELEASE = new Set(['OPENSSL_free', 'OPENSSL_clear_free', 'CRYPTO_free', 'CRYPTO_clear_free', 'OPENSSL_secure_free', 'OPENSSL_secure_clear_free', 'g_free']);

/** Names of functions outside the file and the knowledge base that by convention release their first argument. */
export function looksLikeReleaser(name: string): boolean {
  return /(^|_)(free|freezero|clear_free|free_all|destroy|release|unref|cleanup|deinit|delete|close)$/i.test(name) || /free$/.test(name) || /[a-z0-9](Free|Destroy|Release|Unref)$/.test(name);
}

/**
 * An argument naming a release function (`free`, `&free`, `SSL_CTX_free`, `(GDestroyNotify)g_free`): the call
 * is given a destructor, so what travels with it is the callee's to release (`sqlite3_result_text(ctx, s, n,
 * &free)`, `lru64_commit(lru, ctx, key, 0, SSL_CTX_free)`). `name` is the text with casts and `&` removed.
 */
export function namesReleaser(name: string, knowledge: Knowledge): boolean {
  return /^[A-Za-z_]\w*$/.test(name) && (!!resolveCallee(name, knowledge, NO_SUMMARIES, 'c').entry?.releases?.length || looksLikeReleaser(name));
}

const NO_SUMMARIES: ReadonlyMap<string, FunctionSummary> = new Map();

/**
 * d2i_TYPE(TYPE **a, …), d2i_TYPE_bio(bp, TYPE **a), d2i_PrivateKey(type, EVP_PKEY **a, …) and
 * PEM_read(_bio)_TYPE(in, TYPE **x, …) also store their result in *a / *x.
 */
function alsoStoredAt(name: string): number | undefined {
  if (name.startsWith('d2i_')) return /_(bio|fp)$/.test(name) || /^d2i_(PrivateKey|PublicKey)(_ex)?$/.test(name) ? 1 : 0;
  return name.startsWith('PEM_read') ? 1 : undefined;
}

/** What a call does to its argument positions, from its knowledge entry or its summary (for summaries). */
export interface CallEffects {
  /** Position → released suffixes ('' the argument itself, '->ctx' a field, '*' what it points to). */
  releases: Array<[number, ReadonlySet<string>]>;
  /** Positions a documented API takes ownership of. */
  takes: readonly number[];
  /** Positions a project function stores where they outlive the call. */
  stores: Iterable<number>;
  /** Positions wiped (OPENSSL_cleanse, OPENSSL_clear_free) and reset (X509_STORE_CTX_cleanup). */
  wipes: number[];
  resets: number[];
}

const WHOLE: ReadonlySet<string> = new Set(['']);

export function callEffects(callee: Callee): CallEffects {
  const { entry, summary } = callee;
  return {
    releases: [...(entry?.releases ?? []).map((i): [number, ReadonlySet<string>] => [i, WHOLE]), ...(summary?.releases ?? [])],
    takes: entry?.takes?.args ?? [],
    stores: summary?.stores ?? [],
    wipes: [...(entry?.wipes !== undefined ? [entry.wipes] : []), ...(summary?.wipes ?? [])],
    resets: [...(entry?.resets !== undefined ? [entry.resets] : []), ...(summary?.resets ?? [])],
  };
}

export abstract class CallLowering extends LoweringCore {
  protected abstract readonly language: 'c' | 'go';

  /** Storing into this access keeps the object in this function's hands. */
  protected abstract isLocalStore(access: Access): boolean;
  protected abstract isNullArgument(n: Node): boolean;
  /** The path ends here (a noreturn call). */
  protected abstract exitAt(kind: Extract<ExitKind, 'process-exit' | 'unwind'>, at: Node): void;
  /** An out-parameter `&a` of `c` receives a new allocation (not a buffer of the caller's being filled). */
  protected abstract outParamAllocates(a: Access, c: LoweredCall): boolean;
  /** A buffer this function owns, so the secret written there is its to wipe. */
  protected abstract ownsSecretBuffer(a: Access): boolean;
  protected abstract secretStorage(a: Access): 'stack' | 'heap';
  /** The secret's length as source text of the file's language, for the fix. */
  protected abstract secretFixHints(args: Node[], candidates: number[]): FixHints | undefined;

  protected emitAcquire(ev: Extract<Event, { k: 'acquire' }>): void {
    this.b.emit(ev);
  }

  /** `rc = X509_STORE_CTX_get1_issuer(&issuer, ctx, x)`: rc reports whether the site was acquired. */
  protected setResultVar(site: Site, statusVar: Access): void {
    site.resultVar = statusVar;
    this.statusVars.add(statusVar);
  }

  /** A site was made for `call`: as its result, an inline temporary, an out-parameter or a facet. */
  protected noteSite(_site: Site, _how: 'result' | 'inline' | 'out' | 'facet', _call: Node): void {}

  /** `target` was just acquired by `call`. */
  protected afterAcquire(_target: Access, _call: Node): void {}

  /**
   * Evaluates a call's arguments in order. `evaluate` lowers one (its nested calls, its reads) and says what
   * it is: an access, `&x` (addr), or a temporary the call's evaluation created (an inline acquisition).
   */
  protected evaluateArguments(args: Node[], evaluate: (arg: Node) => { access?: Access | null; addr?: Access | null; temporary?: boolean }) {
    const argAccess: Array<Access | null> = [];
    const addrOf: Array<Access | null> = [];
    const inlineTemps: Access[] = [];
    for (const arg of args) {
      const { access = null, addr = null, temporary = false } = evaluate(arg);
      if (access && temporary) inlineTemps.push(access);
      argAccess.push(access);
      addrOf.push(addr);
    }
    return { argAccess, addrOf, inlineTemps };
  }

  /** Releases, wipes, facets, hand-overs, up-refs and out-parameters; returns the argument positions handled. */
  protected lowerCallEffects(c: LoweredCall): Set<number> {
    const { call, name, api, callee, argAccess, addrOf } = c;
    const { entry, summary } = callee;
    const handled = new Set<number>();
    for (const i of entry?.releases ?? []) {
      const a = argAccess[i];
      if (!a) continue;
      // An OpenSSL free function releases what the object owns (`SSL_free(s)` frees `s->param`); libc's
      // free and OPENSSL_free do not.
      const deep = this.env.knowledge.sourceOf(entry!) !== 'libc.json' && !SHALLOW_RELEASE.has(name);
      const wipes = entry!.wipes !== undefined;
      this.b.emit({ k: 'release', target: a, api, at: call, ...(deep ? { deep: true } : {}), ...(wipes ? { wipes } : {}) });
      handled.add(i);
    }
    for (const [i, suffixes] of summary?.releases ?? []) this.lowerSummaryRelease(c, i, suffixes, handled);
    const effects = callEffects(callee);
    for (const i of effects.wipes) {
      const a = argAccess[i];
      // OPENSSL_clear_free wipes as it releases (above).
      if (a && !(entry?.releases?.length && i === entry.wipes)) this.b.emit({ k: 'wipe', target: a, at: call });
    }
    for (const i of effects.resets) {
      const a = argAccess[i];
      if (a) this.b.emit({ k: 'reset', target: a, at: call });
    }
    this.lowerFacetSites(c);
    this.lowerHandOvers(c, handled);
    for (const i of effects.stores) {
      const a = argAccess[i] ?? addrOf[i];
      if (a) {
        this.b.emit({ k: 'transfer', target: a, api, at: call });
        handled.add(i);
      }
    }
    if (entry?.upRef !== undefined) {
      const a = argAccess[entry.upRef];
      if (a) {
        // `if (!X509_up_ref(x)) goto err;`: the reference exists only where the call succeeded.
        const ev: Event = { k: 'upref', target: a, at: call };
        if (c.opts.successEvents) c.opts.successEvents.push(ev);
        else this.b.emit(ev);
        handled.add(entry.upRef);
      }
    }
    this.lowerOutParams(c, handled);
    return handled;
  }

  private lowerSummaryRelease(c: LoweredCall, i: number, suffixes: ReadonlySet<string>, handled: Set<number>): void {
    const { call, api, callee } = c;
    const summary = callee.summary!;
    const a = i === RECEIVER ? (c.receiver ?? null) : c.argAccess[i];
    const addr = c.addrOf[i];
    // free_wrapped(&apdu) freeing `(*p)->data`: the fields of the caller's pointer whose address it gets.
    if (addr) for (const suffix of suffixes) if (suffix.startsWith('*->')) this.b.emit({ k: 'release', target: addr + suffix.slice(1), api, at: call });
    if (addr && suffixes.has('*')) {
      // free_and_null(&p): released, and the helper sets p to NULL, which ends tracking.
      this.b.emit({ k: 'release', target: addr, api, at: call });
      this.b.emit({ k: 'assign', target: addr, from: null, at: call });
      handled.add(i);
      return;
    }
    if (addr && !a) {
      // `mfree(&cb_data)` releasing `data->name`: the fields of the local struct whose address it gets.
      for (const suffix of suffixes) {
        if (!suffix.startsWith('->')) continue;
        const target = `${addr}.${suffix.slice(2)}`;
        this.b.emit({ k: 'release', target, api, at: call });
        // sc_pkcs15_fix_ec_parameters(ctx, &key->params) frees params->der.value only to give it a new value.
        if (summary.replaces?.get(i)?.has(suffix)) this.b.emit({ k: 'assign', target, from: null, at: call });
      }
      return;
    }
    if (!a) return;
    for (const suffix of [...suffixes].filter((x) => x !== '*').sort((x, y) => y.length - x.length)) {
      // A project destructor (`ckch_store_free(dst)`) releases what the object holds too when it hands the
      // object to helpers we do not follow (`ckch_conf_clean(&s->conf)`): a field stored before is not lost.
      // One we read whole (`free(s->label); free(s);`) releases exactly the fields it names.
      const deep = suffix === '' && (summary.opaque?.has(i) ?? false);
      // A helper that releases and wipes the parameter (OPENSSL_clear_free inside) releases it wiped.
      const wipes = suffix === '' && summary.wipes.has(i);
      this.b.emit({ k: 'release', target: a + suffix, api, at: call, ...(wipes ? { wipes } : {}), ...(deep ? { deep } : {}) });
      // Released, then given a new value by the callee: the field no longer names the released object.
      if (summary.replaces?.get(i)?.has(suffix)) this.b.emit({ k: 'assign', target: a + suffix, from: null, at: call });
    }
    handled.add(i);
  }

  private lowerHandOvers(c: LoweredCall, handled: Set<number>): void {
    const { call, api, callee, argAccess, opts } = c;
    const entry = callee.entry;
    const { args: taken, when } = takenArguments(entry, c.args.length);
    const repeated = repeatedTakes(taken, argAccess);
    for (const i of taken) {
      const a = argAccess[i];
      if (!a) continue;
      handled.add(i);
      if (repeated.has(i)) continue;
      // A weak hand-over (a BIO pushed onto a chain, an entry inserted into a hash table) ends tracking without
      // claiming the new holder frees it: a later release of our own is still correct.
      const ev: Event = { k: 'transfer', target: a, api, at: call, ...(entry?.takes?.weak ? {} : { owning: true }) };
      // A hand-over that takes effect only on success (`*_set0_*`, `EVP_PKEY_assign`) leaves the object ours on failure.
      if (when === 'success' && opts.successEvents) opts.successEvents.push(ev);
      else if (when === 'success' && opts.assignTo && a !== opts.assignTo && this.testedVars.has(opts.assignTo)) this.deferUntilTested(opts.assignTo, ev);
      else this.b.emit(ev);
    }
  }

  /** Out-parameter allocations: `i2d_X509(x, &der)`, `EVP_PKEY_get_bn_param(k, name, &bn)`. */
  private lowerOutParams(c: LoweredCall, handled: Set<number>): void {
    const { call, api, callee, opts } = c;
    const entry = callee.entry;
    for (const out of entry?.outParams ?? []) {
      const a = c.addrOf[out.arg];
      if (!a) continue;
      handled.add(out.arg);
      if (!this.isLocalStore(a) || !this.outParamAllocates(a, c)) continue;
      const kind = callee.ownedResult?.kind ?? resourceKindOf(entry!, this.env.knowledge.sourceOf(entry!), this.language);
      const site = this.newSite(call, api, a, { release: out.release, kind });
      this.noteSite(site, 'out', call);
      // `n = f(&out); if (n == 0)`, `if (f(ctx, &out) != 1)`: on the failure edge nothing was allocated.
      if (opts.assignTo && !out.evenOnFailure) this.setResultVar(site, opts.assignTo);
      // `getline(&line, &n, f)` in a loop grows the buffer it was given: the old pointer is not lost.
      if (out.reuses) this.b.emit({ k: 'transfer', target: a, api, at: call });
      this.emitAcquire({ k: 'acquire', site, target: a, at: call });
      if (!out.evenOnFailure) opts.failureAssumptions?.push(a);
      this.afterAcquire(a, call);
    }
  }

  /**
   * Facet sites (see dataflow.ts): a secret written into a buffer this function owns (`PKCS5_PBKDF2_HMAC(…,
   * key)`, `RAND_bytes(key, n)` into key material) and an initialised X509_STORE_CTX (`X509_STORE_CTX_init`).
   * Both are placed on the call.
   */
  private lowerFacetSites(c: LoweredCall): void {
    const { call, name, api, callee, argAccess, opts } = c;
    const entry = callee.entry;
    if (!entry) return;
    const apiName = entry.name ?? name;
    const zeroIsSuccess = statusZeroIsSuccess(apiName);
    const start = (site: Site, target: Access, replay: Event[]) => {
      if (opts.assignTo && !zeroIsSuccess) this.setResultVar(site, opts.assignTo);
      this.emitAcquire({ k: 'acquire', site, target, at: call, ...(replay.length ? { replay } : {}) });
      // The call failed: nothing was written / initialised. EVP_read_pw_string reports success with 0, so
      // the branch the status convention calls success is its failure: nothing to wipe there.
      if (!zeroIsSuccess) opts.failureAssumptions?.push(target);
      else opts.successEvents?.push({ k: 'wipe', target: target.slice(0, target.lastIndexOf('#')), at: call });
    };
    if (entry.initializes !== undefined) {
      const a = argAccess[entry.initializes];
      if (a && !a.startsWith('$inline')) {
        const site = this.newSite(call, api, a, { release: ['X509_STORE_CTX_cleanup', 'X509_STORE_CTX_free'], kind: 'x509init' });
        this.noteSite(site, 'facet', call);
        site.facet = '#init';
        start(site, `${a}#init`, []);
      }
    }
    for (const w of entry.writesSecret ?? []) {
      const a = argAccess[w.arg];
      // Only buffers this function owns: a caller's buffer or a struct field is handed over by definition.
      if (!a || !this.ownsSecretBuffer(a)) continue;
      // IVs, nonces and salts are public; random bytes are a secret only when they are used or named as a key.
      if (!holdsSecret(apiName, a, w.role, this.keyBuffers.has(a))) continue;
      const site = this.newSite(call, api, a, { release: ['OPENSSL_cleanse', 'OPENSSL_clear_free'], kind: 'secret' });
      this.noteSite(site, 'facet', call);
      site.facet = '#secret';
      site.secretStorage = this.secretStorage(a);
      const hints = this.secretFixHints(c.args, secretLengthArgs(apiName, w.arg));
      if (hints) site.fixHints = hints;
      // Go: `defer C.free(key)` written before the secret is derived into key acts on it too.
      start(site, `${a}#secret`, this.deferredEvents.filter((e) => 'target' in e && e.target === a));
    }
  }

  /** The call's result: an owned object, one of its arguments (filled or returned), a borrowed pointer. */
  protected lowerCallResult(c: LoweredCall): CallResult {
    const { call, name, api, callee, args, argAccess, addrOf, opts } = c;
    const entry = callee.entry;
    let result: CallResult = { callee };
    const owned = callee.ownedResult;
    // `d2i_X509(&x, &p, n)`, `PEM_read_bio_X509(in, &x, …)`: the new object is stored in x as well as returned.
    const storedAt = owned ? alsoStoredAt(name) : undefined;
    const storedArg = storedAt !== undefined ? args[storedAt] : undefined;
    const storedToo = !!owned && storedArg !== undefined && !this.isNullArgument(storedArg) && !opts.returned;
    // `int n = SSL_get1_curves(…)`: a count, whatever the naming convention suggests. `X509_delete_ext(x, i);`
    // after `X509_get_ext(x, i)`: the object is released through the pointer obtained before.
    const notAResource =
      (opts.assignTo !== undefined && this.scalarLocals.has(opts.assignTo)) || (opts.discarded && /_(delete|pop|remove)(_|$)/.test(name));
    // `BN_bin2bn(s, n, bn)`, `X509_NAME_oneline(name, buf, sizeof buf)` fill the caller's object or buffer;
    // only a NULL there allocates.
    const filled = entry?.fillsArg !== undefined ? args[entry.fillsArg] : undefined;
    const fillsBuffer = filled !== undefined && !this.isNullArgument(filled);
    if (storedToo) {
      // Stored through a pointer we were given (`d2i_X509_CRL(crl, &p, n)`), it belongs to our caller.
      const into = addrOf[storedAt!];
      if (into && this.isLocalStore(into)) {
        // An object already in x is reused, not lost: tracking of it ends here.
        this.b.emit({ k: 'transfer', target: into, api, at: call });
        const site = this.newSite(opts.assignTo ? (opts.siteNode ?? call) : call, api, into, owned!);
        this.noteSite(site, 'out', call);
        this.emitAcquire({ k: 'acquire', site, target: into, at: call });
        opts.failureAssumptions?.push(into);
        this.afterAcquire(into, call);
        if (opts.assignTo) this.b.emit({ k: 'assign', target: opts.assignTo, from: into, at: call });
        result = { ...result, access: opts.assignTo ?? into };
      }
    } else if (owned && !opts.returned && !notAResource && !fillsBuffer) {
      if (opts.assignTo) {
        const site = this.newSite(opts.siteNode ?? call, api, opts.assignTo, owned);
        this.noteSite(site, 'result', call);
        this.emitAcquire({ k: 'acquire', site, target: opts.assignTo, at: call });
        this.afterAcquire(opts.assignTo, call);
        result = { ...result, access: opts.assignTo };
      } else if (opts.inlineArg || opts.discarded) {
        const temp = this.newInlineTemp();
        const site = this.newSite(call, api, '', owned);
        this.noteSite(site, 'inline', call);
        this.emitAcquire({ k: 'acquire', site, target: temp, at: call });
        if (opts.discarded) this.b.emit({ k: 'drop', target: temp, at: call });
        else result = { ...result, access: temp };
      }
    } else if (entry?.borrowedFrom !== undefined && opts.assignTo) {
      const from = argAccess[entry.borrowedFrom];
      if (from) {
        this.b.emit({ k: 'assign', target: opts.assignTo, from: null, at: call });
        this.b.emit({ k: 'borrow', target: opts.assignTo, from, at: call });
        result = { ...result, access: opts.assignTo };
      }
    }
    // `bn = BN_bin2bn(buf, n, bn)` fills and returns the object it is given: nothing new to release.
    const aliasArg = RESULT_IS_ARG[name] ?? (fillsBuffer ? entry?.fillsArg : undefined);
    if (aliasArg !== undefined && opts.assignTo && !result.access) {
      const from = argAccess[aliasArg];
      if (from) {
        this.b.emit({ k: 'assign', target: opts.assignTo, from, at: call });
        result = { ...result, access: opts.assignTo };
      }
    }
    if (callee.noreturn) this.exitAt(callee.noreturn, call);
    return result;
  }
}
