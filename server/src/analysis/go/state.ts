// Go front end, first layer: what the function declares (locals, parameters, named results, C memory, Go
// objects it creates), its exits (deferred closures declared at the top level run at each), and the Go
// answers to the call-semantics layer's questions.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { FixHints } from '../facts';
import type { Access, Event, ExitKind, Site } from '../ir';
import { forEachDescendant } from '../syntax';
import { CallLowering, type LoweredCall } from '../lowering/call-semantics';
import type { LoweringEnv } from '../lowering/core';
import type { FunctionSummary } from '../callees';
import type { GoFileInfo } from './file-info';
import { cCallee, type GoSummary } from './summaries';
import { accessOfGo, callArgs, cCallName, goSecretLength, isInside, isNil, namedChildren, parameterNamesGo, receiverNameGo, resultInfoGo, statusTest, stripGo, type ResultInfo } from './syntax';

export interface GoLowerEnv extends LoweringEnv {
  summaries: ReadonlyMap<string, GoSummary>;
  /** Summaries of the C functions the package compiles (preambles, its .c and .h files). */
  cHelpers: ReadonlyMap<string, FunctionSummary>;
  file: GoFileInfo;
}

/** A release done by a deferred closure declared at the top level of the function (runs at every exit). */
export interface ExitAction {
  access: Access;
  api: string;
  at: Node;
  /** 'always': unconditional (or only guarded by `x != nil`); 'onError': guarded by `<named err> != nil`; 'unknown': other guards. */
  when: 'always' | 'onError' | 'unknown';
  errName?: string;
  /** The closure wipes the memory before this release (OPENSSL_cleanse then C.free). */
  wipes?: boolean;
}

export interface SiteInfo {
  statement?: Node;
  inLoop: boolean;
  inlineCall?: Node;
}

export const BUILTINS = new Set(['len', 'cap', 'new', 'make', 'copy', 'print', 'println', 'delete', 'close', 'min', 'max', 'clear', 'complex', 'real', 'imag', 'recover']);
export abstract class GoLoweringState extends CallLowering {
  protected readonly language = 'go';
  protected readonly siteInfo = new Map<Site, SiteInfo>();
  /** Locals holding C memory from C.malloc / C.calloc / C.CBytes: key material written there must be wiped. */
  protected readonly cMemory = new Set<string>();
  /** While lowering the C call tested by a status condition: the facets it starts, void on failure. */
  protected statusCall: { call: Node; failureAssumptions: Access[]; successEvents: Event[] } | undefined;
  /** Locals assigned something other than nil somewhere (an `i2d_X509(x, &p)` into them writes into a buffer). */
  protected readonly nonNilAssigned = new Set<string>();
  /** How many times the body declares each name (more than once: a block may shadow another's variable). */
  protected readonly declarationCount = new Map<string, number>();
  /** Accesses passed to a C function the knowledge base does not know (it may keep or free them). */
  protected readonly passedToUnknownC = new Set<Access>();
  /**
   * Deferred closures registered inside a nested block (or with goto around): the closure reads the variable
   * when it runs, so an acquisition into it later in the same block is released too.
   */
  protected readonly scopedClosureReleases: Array<{ access: Access; api: string; at: Node; defer: Node; scope: Node; wipes?: boolean }> = [];
  protected readonly breaks: Array<{ to: number; label?: string }> = [];
  protected readonly continues: Array<{ to: number; label?: string }> = [];
  protected pendingLabel: string | undefined;
  protected readonly exitActions: ExitAction[] = [];
  /** err variable → the access that is nil when err != nil (`k, err := newKey()`). */
  protected readonly errOwner = new Map<string, Access>();
  protected readonly results: ResultInfo;
  protected tempCount = 0;
  protected hasGoto = false;
  /** The function calls recover() (in a deferred closure): its panics do not end the process. */
  protected readonly recovers: boolean;

  constructor(fn: Node, protected override readonly env: GoLowerEnv) {
    super(fn, env, fn.childForFieldName('name')?.text ?? '(anonymous)');
    this.recovers = /\brecover\s*\(\s*\)/.test(fn.text);
    for (const p of parameterNamesGo(fn)) if (p && p !== '_') this.params.add(p);
    const recv = receiverNameGo(fn);
    if (recv && recv !== '_') this.params.add(recv);
    this.results = resultInfoGo(fn);
    for (const r of this.results.names) if (r && r !== '_') this.locals.add(r);
  }

  // ---- declarations -----------------------------------------------------------------------------

  protected collectDeclarations(body: Node): void {
    forEachDescendant(body, (n) => {
      if (n.type === 'func_literal') return false;
      if (n.type === 'short_var_declaration' || n.type === 'var_spec' || n.type === 'range_clause' || n.type === 'receive_statement') {
        const names = n.type === 'var_spec' ? n.childrenForFieldName('name').filter((x): x is Node => !!x) : namedChildren(n.childForFieldName('left'));
        const values = namedChildren(n.type === 'var_spec' ? n.childForFieldName('value') : n.childForFieldName('right'));
        names.forEach((x, i) => {
          if (x.type !== 'identifier' || x.text === '_') return;
          this.locals.add(x.text);
          this.declarationCount.set(x.text, (this.declarationCount.get(x.text) ?? 0) + 1);
          const v = values.length === names.length ? values[i] : undefined;
          if (n.type === 'var_spec' && !v) {
            const type = n.childForFieldName('type');
            if (type && type.type !== 'pointer_type') this.ownedBases.add(x.text); // var k Key
          }
          if (v && this.isFreshObject(v)) this.ownedBases.add(x.text);
          if (v && this.isCMemory(v)) this.cMemory.add(x.text);
          if (v ? !isNil(v) : n.type !== 'var_spec') this.nonNilAssigned.add(x.text);
        });
      } else if (n.type === 'assignment_statement') {
        const names = namedChildren(n.childForFieldName('left'));
        const values = namedChildren(n.childForFieldName('right'));
        names.forEach((x, i) => {
          const v = values.length === names.length ? values[i] : undefined;
          if (x.type === 'identifier' && v && this.isCMemory(v)) this.cMemory.add(x.text);
          if (x.type === 'identifier' && (!v || !isNil(v))) this.nonNilAssigned.add(x.text);
        });
      } else if (n.type === 'binary_expression') {
        const t = statusTest(n);
        const subject = t ? stripGo(t.subject) : undefined;
        if (subject?.type === 'identifier') this.testedVars.add(subject.text);
      } else if (n.type === 'call_expression') {
        const cname = cCallName(n);
        const keyArgs = cname ? cCallee(cname, this.env.knowledge, this.env.cHelpers).entry?.keyArgs : undefined;
        const args = keyArgs ? callArgs(n) : [];
        for (const i of keyArgs ?? []) {
          const a = args[i] ? accessOfGo(args[i]) : null;
          if (a) this.keyBuffers.add(a);
        }
      }
      return true;
    });
  }

  /** `C.malloc(n)`, `C.CBytes(b)`, `(*C.uchar)(C.calloc(1, n))`: C memory released with C.free. */
  protected isCMemory(v: Node): boolean {
    const s = stripGo(v);
    const cname = s.type === 'call_expression' ? cCallName(s) : null;
    return !!cname && (cCallee(cname, this.env.knowledge, this.env.cHelpers).ownedResult?.release ?? []).includes('free');
  }

  /** `&T{...}`, `T{...}`, `new(T)`: a Go object this function created, whose fields it owns. */
  protected isFreshObject(v: Node): boolean {
    let s = v;
    if (s.type === 'unary_expression' && s.text.startsWith('&')) s = s.childForFieldName('operand') ?? s;
    if (s.type === 'composite_literal') return true;
    return s.type === 'call_expression' && s.childForFieldName('function')?.text === 'new';
  }

  protected isVariable(name: string): boolean {
    return this.locals.has(name) || this.params.has(name);
  }

  /** Storing into this access keeps the object in our hands: a local variable or a field of a Go object we created. */
  protected isLocalStore(access: Access): boolean {
    if (access.startsWith('*')) return false;
    const base = access.split('.')[0]!;
    if (access === base) return this.isVariable(base);
    return this.locals.has(base) && this.ownedBases.has(base) && !this.params.has(base);
  }

  // ---- exits --------------------------------------------------------------------------------------

  /** Deferred closures declared at the top level run at every exit; then the path ends. */
  protected exitWith(kind: ExitKind, at: Node, returnValues?: Node[]): void {
    if (kind !== 'process-exit') {
      for (const a of this.exitActions) {
        // `return nil, err` assigns the named result before deferred closures run: the closure sees nil.
        const named = this.results.names.indexOf(a.access);
        if (named >= 0 && returnValues && accessOfGo(returnValues[named]) !== a.access) continue;
        let when = a.when;
        if (when === 'onError') {
          // `return x, nil` / `return x, err` set the named error result: a nil literal means no release.
          const idx = this.results.names.indexOf(a.errName ?? '');
          const v = returnValues && idx >= 0 ? returnValues[idx] : undefined;
          if (v && isNil(v)) continue;
          when = v && stripGo(v).type === 'call_expression' ? 'always' : 'unknown';
        }
        if (when === 'always') this.b.emit({ k: 'release', target: a.access, api: a.api, at: a.at, ...(a.wipes ? { wipes: true } : {}) });
        else this.b.emit({ k: 'transfer', target: a.access, api: 'deferred conditional release', at: a.at });
      }
    }
    this.b.exit(kind, at);
  }

  protected emitDeferred(ev: Event): void {
    this.b.emit(ev);
    this.deferredEvents.push(ev);
  }

  // ---- the Go answers of the call-semantics layer ---------------------------------------------

  protected isNullArgument(n: Node): boolean {
    return isNil(n);
  }

  protected exitAt(kind: Extract<ExitKind, 'process-exit' | 'unwind'>, at: Node): void {
    this.exitWith(kind, at);
  }

  protected outParamAllocates(a: Access, c: LoweredCall): boolean {
    // `tmp := buf; C.i2d_SSL_SESSION(s, &tmp)` writes into the caller's buffer: only a nil pointer gets an allocation.
    return !(c.callee.name.startsWith('i2d_') && this.nonNilAssigned.has(a));
  }

  /**
   * Key material written into C memory this function owns (`C.PKCS5_PBKDF2_HMAC(…, (*C.uchar)(key))` with
   * `key := C.malloc(32)`). Go memory (`make([]byte, n)` passed as `unsafe.Pointer(&b[0])`) is out of scope:
   * the Go collector may have copied it already.
   */
  protected ownsSecretBuffer(a: Access): boolean {
    return this.cMemory.has(a) && this.locals.has(a) && !this.params.has(a);
  }

  protected secretStorage(): 'heap' {
    return 'heap';
  }

  protected secretFixHints(args: Node[], candidates: number[]): FixHints | undefined {
    const length = goSecretLength(args, candidates);
    return length ? { secretLength: length } : undefined;
  }

  protected override noteSite(site: Site, how: 'result' | 'inline' | 'out' | 'facet', call: Node): void {
    // Out-parameter sites get no `defer` fix (it would have to follow the call's status test).
    if (how === 'out') this.siteInfo.set(site, { inLoop: true });
    else this.siteInfo.set(site, { inLoop: this.loopDepth > 0, ...(this.statement ? { statement: this.statement } : {}), ...(how === 'inline' ? { inlineCall: call } : {}) });
  }

  /**
   * `defer func() { C.BN_free(p) }()` in a `case` or loop body, then `C.EVP_PKEY_get_bn_param(k, name, &p)`
   * later in that block: the closure frees what p holds when it runs, so this acquisition is released too.
   */
  protected override afterAcquire(target: Access, call: Node): void {
    for (const r of this.scopedClosureReleases) {
      if (r.access !== target || call.startIndex < r.defer.endIndex || !isInside(call, r.scope)) continue;
      this.emitDeferred({ k: 'deferRelease', target, api: r.api, at: r.at, ...(r.wipes ? { wipes: true } : {}) });
      return;
    }
  }
}
