// Go front end: function_declaration / method_declaration → lifecycle CFG (see ir.ts). Models cgo: C
// allocations (C.CString, C.CBytes, C.malloc, owned OpenSSL results), releases (C.free, C.X_free, defer,
// deferred closures, helpers and methods of this file), hand-overs (return, stores that outlive the call,
// channel sends, append, closures, unknown Go functions), and Go control flow (for/range, switch, select,
// labels, goto, panic, os.Exit/log.Fatal).
import type { SyntaxNode as Node } from '../parsing/syntax-node';
import type { Knowledge } from './knowledge';
import type { FixHints } from './facts';
import { type Access, type Edge, type Event, type ExitKind, type FunctionCfg, type Site } from './ir';
import { CfgBuilder } from './lowering/cfg-builder';
import { repeatedTakes, takenArguments, type Callee } from './callees';
import { cCallee, goCallSummary, RECEIVER, type GoSummary } from './summaries-go';
import {
  accessOfGo,
  callArgs,
  cCallName,
  goNoreturn,
  isBenignGoCall,
  isConversionCall,
  isNil,
  namedChildren,
  parameterNamesGo,
  receiverNameGo,
  resultInfoGo,
  stripGo,
  type ResultInfo,
} from './go-syntax';
import { firstLineRange, forEachDescendant, rangeOf, shortText } from './syntax';
import { holdsSecret, secretLengthArgs, statusZeroIsSuccess } from './secrets';

export interface GoFileInfo {
  /** `"unsafe"` is imported. */
  hasUnsafe: boolean;
  /** Edit adding `"unsafe"` (into the import block, or after `import "C"`). */
  unsafeImport?: { insertAt: { line: number; character: number }; text: string };
  /** Edit adding `#include <stdlib.h>` to the cgo preamble (undefined when already included). */
  stdlibInclude?: { insertAt: { line: number; character: number }; text: string };
  /** Local names of imported packages (not variables). */
  packages: Set<string>;
  /** The file's lines, split once (fix hints read indents and line tails per site). */
  lines: readonly string[];
  /** Text of the cgo preamble (the comment above `import "C"`). */
  preamble: string;
}

export interface GoLowerEnv {
  knowledge: Knowledge;
  summaries: ReadonlyMap<string, GoSummary>;
  text: string;
  file: GoFileInfo;
  nextSiteId(): number;
}

interface CallOpts {
  assignTo?: Access;
  /** Result index that goes to `assignTo` for a multi-result Go call. */
  returned?: boolean;
  inlineArg?: boolean;
  discarded?: boolean;
}

interface CallResult {
  access?: Access;
  callee?: Callee;
}

/** A release done by a deferred closure declared at the top level of the function (runs at every exit). */
interface ExitAction {
  access: Access;
  api: string;
  at: Node;
  /** 'always': unconditional (or only guarded by `x != nil`); 'onError': guarded by `<named err> != nil`; 'unknown': other guards. */
  when: 'always' | 'onError' | 'unknown';
  errName?: string;
  /** The closure wipes the memory before this release (OPENSSL_cleanse then C.free). */
  wipes?: boolean;
}

interface SiteInfo {
  statement?: Node;
  inLoop: boolean;
  inlineCall?: Node;
}

const BUILTINS = new Set(['len', 'cap', 'new', 'make', 'copy', 'print', 'println', 'delete', 'close', 'min', 'max', 'clear', 'complex', 'real', 'imag', 'recover']);

export class GoLowerer {
  private readonly b = new CfgBuilder();
  private readonly sites: Site[] = [];
  private readonly siteInfo = new Map<Site, SiteInfo>();
  private readonly locals = new Set<string>();
  private readonly params = new Set<string>();
  private readonly ownedBases = new Set<string>();
  /** Locals holding C memory from C.malloc / C.calloc / C.CBytes: key material written there must be wiped. */
  private readonly cMemory = new Set<string>();
  /** Buffers passed where an API expects key material (C.EVP_EncryptInit_ex's key, C.HMAC's key, ...). */
  private readonly keyBuffers = new Set<string>();
  /** While lowering the C call tested by a status condition: the facets it starts, void on failure. */
  private statusCall: { call: Node; failureAssumptions: Access[]; successEvents: Event[] } | undefined;
  /** Identifiers compared with a status constant somewhere (`if ret != 1`): success-only hand-overs wait for that test. */
  private readonly testedVars = new Set<string>();
  /** Status variable → success-only hand-overs (`ret := C.DSA_set0_pqg(d, p, q, g)`) placed on its test's success edge. */
  private readonly pendingSuccess = new Map<Access, Array<{ ev: Event; block: number }>>();
  /** Locals assigned something other than nil somewhere (an `i2d_X509(x, &p)` into them writes into a buffer). */
  private readonly nonNilAssigned = new Set<string>();
  /** Accesses passed to a C function the knowledge base does not know (it may keep or free them). */
  private readonly passedToUnknownC = new Set<Access>();
  /**
   * Deferred closures registered inside a nested block (or with goto around): the closure reads the variable
   * when it runs, so an acquisition into it later in the same block is released too.
   */
  private readonly scopedClosureReleases: Array<{ access: Access; api: string; at: Node; defer: Node; scope: Node; wipes?: boolean }> = [];
  /** Deferred frees and wipes registered so far, in order: they also act on a secret written later. */
  private readonly deferredEvents: Event[] = [];
  private readonly labels = new Map<string, number>();
  private readonly breaks: Array<{ to: number; label?: string }> = [];
  private readonly continues: Array<{ to: number; label?: string }> = [];
  private pendingLabel: string | undefined;
  private readonly exitActions: ExitAction[] = [];
  /** err variable → the access that is nil when err != nil (`k, err := newKey()`). */
  private readonly errOwner = new Map<string, Access>();
  private readonly results: ResultInfo;
  private inlineCount = 0;
  private tempCount = 0;
  private loopDepth = 0;
  private currentStatement: Node | undefined;
  private hasGoto = false;
  private readonly name: string;

  /** The function calls recover() (in a deferred closure): its panics do not end the process. */
  private readonly recovers: boolean;

  constructor(private readonly fn: Node, private readonly env: GoLowerEnv) {
    this.recovers = /\brecover\s*\(\s*\)/.test(fn.text);
    this.name = fn.childForFieldName('name')?.text ?? '(anonymous)';
    for (const p of parameterNamesGo(fn)) if (p && p !== '_') this.params.add(p);
    const recv = receiverNameGo(fn);
    if (recv && recv !== '_') this.params.add(recv);
    this.results = resultInfoGo(fn);
    for (const r of this.results.names) if (r && r !== '_') this.locals.add(r);
  }

  lower(): FunctionCfg {
    const body = this.fn.childForFieldName('body');
    const entry = this.b.current;
    if (body) {
      this.collectDeclarations(body);
      this.lowerStatement(body, true);
      this.exitWith('end', body.lastChild ?? body);
    }
    this.computeFixHints();
    return { name: this.name, node: this.fn, blocks: this.b.blocks, entry, sites: this.sites };
  }

  // ---- declarations -----------------------------------------------------------------------------

  private collectDeclarations(body: Node): void {
    forEachDescendant(body, (n) => {
      if (n.type === 'func_literal') return false;
      if (n.type === 'short_var_declaration' || n.type === 'var_spec' || n.type === 'range_clause' || n.type === 'receive_statement') {
        const names = n.type === 'var_spec' ? n.childrenForFieldName('name').filter((x): x is Node => !!x) : namedChildren(n.childForFieldName('left'));
        const values = namedChildren(n.type === 'var_spec' ? n.childForFieldName('value') : n.childForFieldName('right'));
        names.forEach((x, i) => {
          if (x.type !== 'identifier' || x.text === '_') return;
          this.locals.add(x.text);
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
        const keyArgs = cname ? cCallee(cname, this.env.knowledge).entry?.keyArgs : undefined;
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
  private isCMemory(v: Node): boolean {
    const s = stripGo(v);
    const cname = s.type === 'call_expression' ? cCallName(s) : null;
    return !!cname && (cCallee(cname, this.env.knowledge).ownedResult?.release ?? []).includes('free');
  }

  /** `&T{...}`, `T{...}`, `new(T)`: a Go object this function created, whose fields it owns. */
  private isFreshObject(v: Node): boolean {
    let s = v;
    if (s.type === 'unary_expression' && s.text.startsWith('&')) s = s.childForFieldName('operand') ?? s;
    if (s.type === 'composite_literal') return true;
    return s.type === 'call_expression' && s.childForFieldName('function')?.text === 'new';
  }

  private isVariable(name: string): boolean {
    return this.locals.has(name) || this.params.has(name);
  }

  /** Storing into this access keeps the object in our hands: a local variable or a field of a Go object we created. */
  private isLocalStore(access: Access): boolean {
    if (access.startsWith('*')) return false;
    const base = access.split('.')[0]!;
    if (access === base) return this.isVariable(base);
    return this.locals.has(base) && this.ownedBases.has(base) && !this.params.has(base);
  }

  // ---- exits --------------------------------------------------------------------------------------

  /** Deferred closures declared at the top level run at every exit; then the path ends. */
  private exitWith(kind: ExitKind, at: Node, returnValues?: Node[]): void {
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

  // ---- statements ---------------------------------------------------------------------------------

  private lowerStatement(n: Node | null | undefined, topLevel = false): void {
    if (!n) return;
    const saved = this.currentStatement;
    this.currentStatement = n;
    try {
      this.lowerStatementInner(n, topLevel);
    } finally {
      this.currentStatement = saved;
    }
  }

  private lowerStatementInner(n: Node, topLevel: boolean): void {
    switch (n.type) {
      case 'block':
      case 'statement_list':
        for (const c of namedChildren(n)) this.lowerStatement(c, topLevel);
        return;
      case 'expression_statement': {
        const e = namedChildren(n)[0];
        if (e) this.lowerExpression(e, true);
        return;
      }
      case 'short_var_declaration':
      case 'assignment_statement':
        return this.lowerAssignment(n);
      case 'var_declaration':
        forEachDescendant(n, (c) => {
          if (c.type === 'var_spec') {
            this.lowerAssignment(c);
            return false;
          }
          return true;
        });
        return;
      case 'inc_statement':
      case 'dec_statement':
        return;
      case 'send_statement': {
        const value = n.childForFieldName('value');
        const ch = n.childForFieldName('channel');
        if (ch) this.lowerExpression(ch, false);
        if (value) this.handOver(value, n, 'channel send');
        return;
      }
      case 'if_statement':
        return this.lowerIf(n);
      case 'for_statement':
        return this.lowerFor(n);
      case 'expression_switch_statement':
      case 'type_switch_statement':
        return this.lowerSwitch(n);
      case 'select_statement':
        return this.lowerSelect(n);
      case 'return_statement':
        return this.lowerReturn(n);
      case 'break_statement': {
        const label = namedChildren(n).find((c) => c.type === 'label_name')?.text;
        const target = label ? this.breaks.find((b) => b.label === label) : this.breaks[this.breaks.length - 1];
        if (target) this.b.jump(target.to);
        return;
      }
      case 'continue_statement': {
        const label = namedChildren(n).find((c) => c.type === 'label_name')?.text;
        const target = label ? this.continues.find((b) => b.label === label) : this.continues[this.continues.length - 1];
        if (target) this.b.jump(target.to);
        return;
      }
      case 'goto_statement': {
        const label = namedChildren(n).find((c) => c.type === 'label_name')?.text;
        this.hasGoto = true;
        if (label) this.b.jump(this.labelBlock(label), { at: n, message: `goto ${label}`, goto: label });
        return;
      }
      case 'labeled_statement': {
        const label = n.childForFieldName('label')?.text;
        if (label) this.b.flowInto(this.labelBlock(label));
        const inner = namedChildren(n).filter((c) => c.type !== 'label_name');
        this.pendingLabel = label;
        for (const c of inner) this.lowerStatement(c, topLevel);
        this.pendingLabel = undefined;
        return;
      }
      case 'defer_statement':
        return this.lowerDefer(n, topLevel);
      case 'go_statement': {
        const call = namedChildren(n)[0];
        if (call) this.escapeAll(call, 'go statement');
        return;
      }
      case 'fallthrough_statement':
        return; // handled by lowerSwitch
      default:
        // const/type declarations, empty statements, ERROR regions: no lifecycle events.
        return;
    }
  }

  private takeLabel(): string | undefined {
    const l = this.pendingLabel;
    this.pendingLabel = undefined;
    return l;
  }

  private labelBlock(label: string): number {
    let b = this.labels.get(label);
    if (b === undefined) {
      b = this.b.newBlock();
      this.labels.set(label, b);
    }
    return b;
  }

  private lowerIf(n: Node): void {
    this.takeLabel();
    const init = n.childForFieldName('initializer');
    if (init) this.lowerStatement(init);
    const cond = n.childForFieldName('condition');
    const thenB = this.b.newBlock();
    const elseB = this.b.newBlock();
    const after = this.b.newBlock();
    if (cond) this.lowerCondition(cond, thenB, elseB);
    else this.b.edge(this.b.current, { to: thenB });
    this.b.current = thenB;
    this.lowerStatement(n.childForFieldName('consequence'));
    this.b.flowInto(after);
    this.b.current = elseB;
    this.lowerStatement(n.childForFieldName('alternative'));
    this.b.flowInto(after);
    this.b.current = after;
  }

  private lowerFor(n: Node): void {
    const label = this.takeLabel();
    const clause = namedChildren(n).find((c) => c.type === 'for_clause');
    const range = namedChildren(n).find((c) => c.type === 'range_clause');
    const body = n.childForFieldName('body');
    let cond: Node | null = null;
    let update: Node | null = null;
    if (clause) {
      const init = clause.childForFieldName('initializer');
      if (init) this.lowerStatement(init);
      cond = clause.childForFieldName('condition');
      update = clause.childForFieldName('update');
    } else if (!range) {
      cond = namedChildren(n).find((c) => c.id !== body?.id) ?? null;
    }
    if (range) {
      const right = range.childForFieldName('right');
      if (right) this.lowerExpression(right, false);
    }
    const head = this.b.newBlock();
    const bodyB = this.b.newBlock();
    const updateB = this.b.newBlock();
    const after = this.b.newBlock();
    this.b.flowInto(head);
    if (range) {
      this.b.edge(head, { to: bodyB, step: { at: range, message: 'the loop runs again' } });
      this.b.edge(head, { to: after, step: { at: range, message: 'the loop ends' } });
      this.b.current = bodyB;
      for (const x of namedChildren(range.childForFieldName('left'))) {
        const a = accessOfGo(x);
        if (a) this.b.emit({ k: 'assign', target: a, from: null, at: range });
      }
    } else if (cond) {
      this.lowerCondition(cond, bodyB, after);
    } else {
      this.b.edge(head, { to: bodyB });
    }
    this.b.current = bodyB;
    this.breaks.push({ to: after, ...(label ? { label } : {}) });
    this.continues.push({ to: updateB, ...(label ? { label } : {}) });
    this.loopDepth++;
    this.lowerStatement(body);
    this.loopDepth--;
    this.breaks.pop();
    this.continues.pop();
    this.b.flowInto(updateB);
    if (update) this.lowerStatement(update);
    this.b.flowInto(head);
    this.b.current = after;
  }

  private lowerSwitch(n: Node): void {
    const label = this.takeLabel();
    const init = n.childForFieldName('initializer');
    if (init) this.lowerStatement(init);
    const value = n.childForFieldName('value');
    const tagless = n.type === 'expression_switch_statement' && !value;
    if (value) this.lowerExpression(value, false);
    const after = this.b.newBlock();
    const cases = namedChildren(n).filter((c) => /_case$/.test(c.type));
    const caseBlocks = cases.map(() => this.b.newBlock());
    let defaultIdx = -1;
    // Dispatch: a tagless switch tests its cases in order (so `case p == nil:` refines p); otherwise any case.
    let test = this.b.current;
    cases.forEach((c, i) => {
      if (c.type === 'default_case') {
        defaultIdx = i;
        return;
      }
      if (tagless) {
        const values = namedChildren(c.childForFieldName('value'));
        for (const v of values) {
          const next = this.b.newBlock();
          this.b.current = test;
          this.lowerCondition(v, caseBlocks[i]!, next);
          test = next;
        }
      } else {
        this.b.edge(test, { to: caseBlocks[i]!, step: { at: c, message: `\`${shortText(c, 40).split(':')[0]}\` taken` } });
      }
    });
    this.b.edge(test, { to: defaultIdx >= 0 ? caseBlocks[defaultIdx]! : after, step: { at: n, message: defaultIdx >= 0 ? 'default taken' : 'no case taken' } });
    this.breaks.push({ to: after, ...(label ? { label } : {}) });
    cases.forEach((c, i) => {
      this.b.current = caseBlocks[i]!;
      const stmts = namedChildren(c).filter((x) => x.type === 'statement_list');
      for (const s of stmts) this.lowerStatement(s);
      const last = namedChildren(stmts[stmts.length - 1]).slice(-1)[0];
      if (last?.type === 'fallthrough_statement' && i + 1 < cases.length) this.b.jump(caseBlocks[i + 1]!);
      else this.b.jump(after);
    });
    this.breaks.pop();
    this.b.current = after;
  }

  private lowerSelect(n: Node): void {
    const label = this.takeLabel();
    const after = this.b.newBlock();
    const head = this.b.current;
    this.breaks.push({ to: after, ...(label ? { label } : {}) });
    for (const c of namedChildren(n).filter((x) => /_case$/.test(x.type))) {
      const caseB = this.b.newBlock();
      this.b.edge(head, { to: caseB, step: { at: c, message: `\`${shortText(c, 40).split(':')[0]}\` taken` } });
      this.b.current = caseB;
      const comm = c.childForFieldName('communication');
      if (comm) this.lowerStatement(comm.type === 'receive_statement' ? comm : comm);
      for (const s of namedChildren(c).filter((x) => x.type === 'statement_list')) this.lowerStatement(s);
      this.b.jump(after);
    }
    this.breaks.pop();
    this.b.current = after;
  }

  private lowerReturn(n: Node): void {
    const list = namedChildren(n)[0];
    const values = list ? (list.type === 'expression_list' ? namedChildren(list) : [list]) : [];
    for (const v of values) this.handOver(v, n, 'return');
    if (values.length === 0) {
      // Bare return with named results hands them over.
      for (const r of this.results.names) if (r && r !== '_') this.b.emit({ k: 'transfer', target: r, api: 'return', at: n });
    }
    this.exitWith('return', n, values.length ? values : undefined);
  }

  /** The value leaves this function (returned, sent, stored somewhere we do not follow). */
  private handOver(value: Node, at: Node, api: string): void {
    const v = stripGo(value);
    const a = accessOfGo(v);
    if (a) {
      this.b.emit({ k: 'transfer', target: a, api, at });
      return;
    }
    if (v.type === 'call_expression') {
      const r = this.lowerCall(v, { returned: true });
      if (r.access) this.b.emit({ k: 'transfer', target: r.access, api, at });
      return;
    }
    this.lowerExpression(value, false);
    for (const x of this.accessesIn(value)) this.b.emit({ k: 'transfer', target: x, api, at });
  }

  // ---- defer ----------------------------------------------------------------------------------------

  private emitDeferred(ev: Event): void {
    this.b.emit(ev);
    this.deferredEvents.push(ev);
  }

  private lowerDefer(n: Node, topLevel: boolean): void {
    const call = namedChildren(n)[0];
    if (!call || call.type !== 'call_expression') return;
    const fnNode = call.childForFieldName('function');
    const args = callArgs(call);
    const cname = cCallName(call);
    if (cname) {
      // Arguments are evaluated now: `defer C.free(unsafe.Pointer(p))` frees the value p has here.
      const callee = cCallee(cname, this.env.knowledge);
      const wipes = callee.entry?.wipes;
      for (const i of callee.entry?.releases ?? []) {
        const a = args[i] ? accessOfGo(args[i]) : null;
        if (a) this.emitDeferred({ k: 'deferRelease', target: a, api: `C.${cname}`, at: call, ...(wipes !== undefined ? { wipes: true } : {}) });
      }
      // `defer C.OPENSSL_cleanse(key, n)`: runs at exit, before the frees deferred earlier.
      const wiped = wipes !== undefined && !callee.entry?.releases?.length && args[wipes] ? accessOfGo(args[wipes]) : null;
      if (wiped) this.emitDeferred({ k: 'wipe', target: wiped, at: call, deferred: true });
      return;
    }
    if (fnNode?.type === 'func_literal') {
      // Arguments of the closure are evaluated now; its body reads captured variables when it runs.
      const params = parameterNamesGo(fnNode);
      const argAccess = new Map<string, Access>();
      params.forEach((p, i) => {
        const a = args[i] ? accessOfGo(args[i]) : null;
        if (p && a) argAccess.set(p, a);
      });
      const body = fnNode.childForFieldName('body');
      if (!body) return;
      for (const r of this.closureReleases(body, new Set(params))) {
        const base = r.access.split('.')[0]!;
        const viaArg = argAccess.get(base);
        if (viaArg) {
          this.emitDeferred({ k: 'deferRelease', target: viaArg + r.access.slice(base.length), api: r.api, at: r.at, ...(r.wipes ? { wipes: true } : {}) });
        } else if (params.includes(base)) {
          continue; // a closure parameter bound to something we do not track
        } else if (topLevel && !this.hasGoto) {
          this.exitActions.push(r);
        } else if (r.when === 'always') {
          this.emitDeferred({ k: 'deferRelease', target: r.access, api: r.api, at: r.at, ...(r.wipes ? { wipes: true } : {}) });
          if (n.parent) this.scopedClosureReleases.push({ access: r.access, api: r.api, at: r.at, defer: n, scope: n.parent, ...(r.wipes ? { wipes: true } : {}) });
        } else {
          this.b.emit({ k: 'transfer', target: r.access, api: 'deferred conditional release', at: r.at });
        }
      }
      return;
    }
    const summary = goCallSummary(call, this.env.summaries, (x) => this.isVariable(x));
    if (summary) {
      const recv = fnNode?.type === 'selector_expression' ? accessOfGo(fnNode.childForFieldName('operand')) : null;
      for (const [i, suffixes] of summary.releases) {
        const a = i === RECEIVER ? recv : args[i] ? accessOfGo(args[i]) : null;
        const wipes = summary.wipes.has(i);
        if (a) for (const s of suffixes) this.emitDeferred({ k: 'deferRelease', target: a + s, api: shortText(fnNode!, 40), at: call, ...(wipes && s === '' ? { wipes } : {}) });
      }
      for (const i of summary.wipes) {
        const a = !summary.releases.has(i) && args[i] ? accessOfGo(args[i]) : null;
        if (a) this.emitDeferred({ k: 'wipe', target: a, at: call, deferred: true });
      }
      summary.stores.forEach((i) => {
        const a = i >= 0 && args[i] ? accessOfGo(args[i]) : null;
        if (a) this.b.emit({ k: 'transfer', target: a, api: shortText(fnNode!, 40), at: call });
      });
      return;
    }
    if (goNoreturn(call) || (fnNode?.type === 'identifier' && BUILTINS.has(fnNode.text))) return;
    if (fnNode?.type === 'selector_expression' && isBenignGoCall(fnNode.childForFieldName('operand')?.text ?? '', fnNode.childForFieldName('field')?.text ?? '')) return;
    // A deferred call we know nothing about may release what it is given: hand-over (precision).
    this.escapeAll(call, 'deferred call');
  }

  /** Releases inside a deferred closure body, with the guard they run under. */
  private closureReleases(body: Node, shadowed: Set<string>): ExitAction[] {
    const out: ExitAction[] = [];
    // Wiped so far in the closure (pre-order is source order): `C.OPENSSL_cleanse(key, n); C.free(key)`.
    const wiped = new Set<Access>();
    forEachDescendant(body, (n) => {
      if (n.type === 'func_literal') return false;
      if (n.type !== 'call_expression') return true;
      const released: Array<{ access: Access; api: string; wipes?: boolean }> = [];
      const cname = cCallName(n);
      const args = callArgs(n);
      if (cname) {
        const entry = cCallee(cname, this.env.knowledge).entry;
        for (const i of entry?.releases ?? []) {
          const a = args[i] ? accessOfGo(args[i]) : null;
          if (a) released.push({ access: a, api: `C.${cname}`, ...(entry?.wipes === i ? { wipes: true } : {}) });
        }
        const w = entry?.wipes !== undefined && args[entry.wipes] ? accessOfGo(args[entry.wipes]) : null;
        if (w) wiped.add(w);
      } else {
        const s = goCallSummary(n, this.env.summaries, (x) => this.isVariable(x) || shadowed.has(x));
        const fnNode = n.childForFieldName('function');
        const recv = fnNode?.type === 'selector_expression' ? accessOfGo(fnNode.childForFieldName('operand')) : null;
        for (const [i, suffixes] of s?.releases ?? []) {
          const a = i === RECEIVER ? recv : args[i] ? accessOfGo(args[i]) : null;
          if (a) for (const suf of suffixes) released.push({ access: a + suf, api: shortText(fnNode!, 40), ...(suf === '' && s!.wipes.has(i) ? { wipes: true } : {}) });
        }
        for (const i of s?.wipes ?? []) {
          const a = args[i] ? accessOfGo(args[i]) : null;
          if (a) wiped.add(a);
        }
      }
      for (const r of released) {
        out.push({ ...r, at: n, ...this.guardOf(n, body, r.access), ...(r.wipes || wiped.has(r.access) ? { wipes: true } : {}) });
      }
      return true;
    });
    return out;
  }

  private guardOf(call: Node, body: Node, access: Access): Pick<ExitAction, 'when' | 'errName'> {
    let result: Pick<ExitAction, 'when' | 'errName'> = { when: 'always' };
    for (let p = call.parent; p && p.id !== body.id; p = p.parent) {
      if (p.type === 'for_statement' || p.type === 'expression_switch_statement' || p.type === 'select_statement') return { when: 'unknown' };
      if (p.type !== 'if_statement') continue;
      const cond = p.childForFieldName('condition');
      if (!cond) return { when: 'unknown' };
      const inThen = p.childForFieldName('consequence')?.id === call.parent?.parent?.id || isInside(call, p.childForFieldName('consequence'));
      const test = nilTest(cond);
      if (test && inThen && !test.isNull && accessOfGo(test.subject) === access) continue; // if p != nil { free(p) }
      if (test && inThen && !test.isNull && test.subject.type === 'identifier' && this.results.errorIndex !== undefined && this.results.names[this.results.errorIndex] === test.subject.text) {
        result = { when: 'onError', errName: test.subject.text };
        continue;
      }
      return { when: 'unknown' };
    }
    return result;
  }

  // ---- conditions -----------------------------------------------------------------------------------

  private lowerCondition(cond: Node, t: number, f: number): void {
    const c = stripParens(cond);
    if (c.type === 'true' || c.type === 'false') {
      this.b.edge(this.b.current, { to: c.type === 'true' ? t : f });
      this.b.current = this.b.newBlock();
      return;
    }
    if (c.type === 'unary_expression' && c.text.startsWith('!')) {
      const operand = c.childForFieldName('operand');
      if (operand) return this.lowerCondition(operand, f, t);
    }
    if (c.type === 'binary_expression') {
      const op = c.childForFieldName('operator')?.text ?? '';
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left && right && (op === '&&' || op === '||')) {
        const mid = this.b.newBlock();
        if (op === '&&') this.lowerCondition(left, mid, f);
        else this.lowerCondition(left, t, mid);
        this.b.current = mid;
        this.lowerCondition(right, t, f);
        return;
      }
    }
    const test = nilTest(c);
    if (test) {
      const subject = stripGo(test.subject);
      let access = accessOfGo(subject);
      if (!access) access = this.lowerExpression(subject, false) ?? null;
      const isNullB = test.isNull ? t : f;
      const nonNullB = test.isNull ? f : t;
      const shown = access ?? shortText(subject);
      const nullEdge: Edge = { to: isNullB, step: { at: cond, message: `\`${shown}\` is nil` } };
      const nonNullEdge: Edge = { to: nonNullB, step: { at: cond, message: `\`${shown}\` is not nil` } };
      if (access) {
        nullEdge.assume = [{ access, isNull: true }];
        nonNullEdge.assume = [{ access, isNull: false }];
        const owner = this.errOwner.get(access);
        if (owner) {
          // `x, err := wrapper(); if err != nil {...}`: on the error edge x is nil.
          nonNullEdge.assume.push({ access: owner, isNull: true });
          nullEdge.assume.push({ access: owner, isNull: false });
        }
      }
      this.b.edge(this.b.current, nonNullEdge);
      this.b.edge(this.b.current, nullEdge);
      this.b.current = this.b.newBlock();
      return;
    }
    const status = statusTest(c);
    const saved = this.statusCall;
    const subject = status ? stripGo(status.subject) : undefined;
    if (subject?.type === 'call_expression' && cCallName(subject)) this.statusCall = { call: subject, failureAssumptions: [], successEvents: [] };
    const statusCall = this.statusCall;
    try {
      this.lowerExpression(c, false);
    } finally {
      this.statusCall = saved;
    }
    const step = (v: boolean) => ({ at: cond, message: `\`${shortText(cond)}\` is ${v}` });
    const trueEdge: Edge = { to: t, step: step(true) };
    const falseEdge: Edge = { to: f, step: step(false) };
    if (status && subject) {
      // `if C.RAND_bytes(key, n) != 1`, `if rc != 1`: on the failure edge the call wrote / initialised nothing.
      const failure = status.failedWhenTrue ? trueEdge : falseEdge;
      const success = status.failedWhenTrue ? falseEdge : trueEdge;
      if (statusCall && statusCall !== saved && statusCall.failureAssumptions.length) {
        failure.assume = statusCall.failureAssumptions.map((access) => ({ access, isNull: true }));
      }
      if (statusCall && statusCall !== saved && statusCall.successEvents.length) success.events = [...statusCall.successEvents];
      const variable = subject.type === 'identifier' ? subject.text : undefined;
      if (variable) {
        failure.status = { variable, failed: true };
        const pending = this.pendingSuccess.get(variable);
        if (pending) {
          // `ret := C.DSA_set0_pqg(d, p, q, g); if ret != 1 {…}`: the hand-over happened only where ret reports success.
          this.pendingSuccess.delete(variable);
          success.events = [...(success.events ?? []), ...pending.map((p) => p.ev)];
        }
      }
    }
    this.b.edge(this.b.current, trueEdge);
    this.b.edge(this.b.current, falseEdge);
    this.b.current = this.b.newBlock();
  }

  // ---- assignments ----------------------------------------------------------------------------------

  private lowerAssignment(n: Node): void {
    const isSpec = n.type === 'var_spec';
    const left = isSpec ? n.childrenForFieldName('name').filter((x): x is Node => !!x) : namedChildren(n.childForFieldName('left'));
    const right = namedChildren(isSpec ? n.childForFieldName('value') : n.childForFieldName('right'));
    const op = isSpec ? '=' : (n.childForFieldName('operator')?.text ?? (n.type === 'short_var_declaration' ? ':=' : '='));
    if (op !== '=' && op !== ':=') {
      for (const r of right) this.lowerExpression(r, false);
      return;
    }
    for (const l of left) this.errOwner.delete(l.text);
    if (right.length === 1 && left.length > 1) return this.lowerMultiAssign(left, right[0]!, n);
    if (right.length !== left.length) {
      for (const r of right) this.lowerExpression(r, false);
      return;
    }
    // Parallel assignment `p, q = q, p`: evaluate every right side first.
    const targets = left.map((l) => accessOfGo(l));
    const swaps = left.length > 1 && right.some((r) => {
      const a = accessOfGo(r);
      return a !== null && targets.includes(a);
    });
    if (swaps) {
      const temps = right.map((r) => {
        const t = `$tmp${this.tempCount++}`;
        this.b.emit({ k: 'assign', target: t, from: accessOfGo(r), at: n });
        return t;
      });
      left.forEach((l, i) => {
        const a = accessOfGo(l);
        if (a) this.b.emit({ k: 'assign', target: a, from: temps[i]!, at: n });
      });
      for (const t of temps) this.b.emit({ k: 'assign', target: t, from: null, at: n });
      return;
    }
    left.forEach((l, i) => this.assignOne(l, right[i]!, n));
  }

  /**
   * The status variable is overwritten before its test: hand-overs pending from this block happened here.
   * Those of another branch (`if v0 { ret = C.X_backport(…) } else { ret = C.X(…) }`) wait for the test.
   */
  private flushPending(target: Access | null): void {
    const pending = target ? this.pendingSuccess.get(target) : undefined;
    if (!pending) return;
    const here = pending.filter((p) => p.block === this.b.current);
    const rest = pending.filter((p) => p.block !== this.b.current);
    if (rest.length) this.pendingSuccess.set(target!, rest);
    else this.pendingSuccess.delete(target!);
    for (const p of here) this.b.emit(p.ev);
  }

  private assignOne(l: Node, value: Node, stmt: Node): void {
    const target = accessOfGo(l);
    this.flushPending(target);
    if (l.type === 'identifier' && l.text === '_') {
      this.lowerExpression(value, true);
      return;
    }
    if (!target || !this.isLocalStore(target)) {
      // m[k] = p, *out = p, global = p, param.field = p: stored where we do not follow.
      if (!target) this.lowerExpression(l, false);
      this.handOver(value, stmt, 'stored');
      if (target) this.b.emit({ k: 'assign', target, from: null, at: stmt });
      return;
    }
    // stripGo looks through conversions: `p := unsafe.Pointer(C.CString(s))` assigns the C.CString call.
    const v = stripGo(value);
    if (v.type === 'call_expression') {
      const r = this.lowerCall(v, { assignTo: target });
      if (!r.access) this.b.emit({ k: 'assign', target, from: null, at: stmt });
      else if (r.access !== target) this.b.emit({ k: 'assign', target, from: r.access, at: stmt });
      return;
    }
    const from = accessOfGo(v) ?? this.viewOf(v);
    if (from) {
      this.b.emit({ k: 'assign', target, from, at: stmt });
      return;
    }
    const inner = this.lowerExpression(value, false);
    // `append(s, p)` and composite literals already handed their elements over.
    this.b.emit({ k: 'assign', target, from: inner ?? null, at: stmt });
  }

  /** `(*[1 << 30]byte)(unsafe.Pointer(p))[:n:n]`: a Go view of the C memory aliases it. */
  private viewOf(v: Node): Access | null {
    if (v.type !== 'slice_expression') return null;
    const operand = v.childForFieldName('operand');
    const s = operand ? stripGo(operand) : null;
    if (!s || s.id === operand?.id) return null;
    return accessOfGo(s);
  }

  private lowerMultiAssign(left: Node[], value: Node, stmt: Node): void {
    const v = stripGo(value);
    const targets = left.map((l) => accessOfGo(l));
    if (v.type === 'call_expression') {
      const cname = cCallName(v);
      const summary = cname ? undefined : goCallSummary(v, this.env.summaries, (x) => this.isVariable(x));
      const ownedIdx = cname ? 0 : summary?.returnsOwned ? (summary.ownedResultIndex ?? 0) : -1;
      const ownedTarget = ownedIdx >= 0 ? targets[ownedIdx] : null;
      const tracked = ownedTarget && this.isLocalStore(ownedTarget) ? ownedTarget : undefined;
      const r = this.lowerCall(v, tracked ? { assignTo: tracked } : { discarded: ownedIdx >= 0 && left[ownedIdx]?.text === '_' });
      targets.forEach((t, i) => {
        if (!t) return;
        if (i === ownedIdx && r.access === t) return;
        this.b.emit({ k: 'assign', target: t, from: null, at: stmt });
      });
      if (ownedIdx >= 0 && !tracked && ownedTarget && r.access) this.b.emit({ k: 'transfer', target: r.access, api: 'stored', at: stmt });
      const errIdx = summary?.errorResultIndex;
      const errTarget = errIdx !== undefined ? targets[errIdx] : null;
      if (tracked && r.access && errTarget && !cname) this.errOwner.set(errTarget, tracked);
      return;
    }
    // v, ok := m[k] / <-ch / x.(T)
    this.lowerExpression(value, false);
    for (const t of targets) if (t) this.b.emit({ k: 'assign', target: t, from: null, at: stmt });
  }

  // ---- expressions ----------------------------------------------------------------------------------

  /** Emits the events of evaluating `n`; returns the access holding its value when it is a tracked temporary. */
  private lowerExpression(n: Node, discarded: boolean): Access | undefined {
    const e = stripParens(n);
    switch (e.type) {
      case 'call_expression':
        if (isConversionCall(e)) {
          const inner = callArgs(e)[0]!;
          const s = stripGo(inner);
          if (s.type === 'call_expression') return this.lowerCall(s, discarded ? { discarded } : { inlineArg: true }).access;
          for (const a of callArgs(e).slice(1)) this.lowerExpression(a, false);
          this.usesIn(s);
          return undefined;
        }
        return this.lowerCall(e, discarded ? { discarded: true } : { inlineArg: true }).access;
      case 'func_literal':
        this.captureEscapes(e);
        return undefined;
      case 'composite_literal': {
        const body = e.childForFieldName('body');
        if (body) this.storeElements(body, e);
        return undefined;
      }
      case 'identifier':
      case 'nil':
      case 'true':
      case 'false':
      case 'int_literal':
      case 'float_literal':
      case 'interpreted_string_literal':
      case 'raw_string_literal':
      case 'rune_literal':
        return undefined;
      default:
        this.usesIn(e);
        return undefined;
    }
  }

  /** Elements of a composite literal are stored in a Go object: hand-over (the object owns them now). */
  private storeElements(body: Node, at: Node): void {
    for (const el of namedChildren(body)) {
      const value = el.type === 'keyed_element' ? el.childForFieldName('value') ?? namedChildren(el)[1] : el;
      const inner = value?.type === 'literal_element' ? namedChildren(value)[0] : value;
      if (!inner) continue;
      if (inner.type === 'literal_value') this.storeElements(inner, at);
      else this.handOver(inner, at, 'stored in a composite literal');
    }
  }

  /** A closure that is not deferred may run later or elsewhere: the variables it captures escape. */
  private captureEscapes(fnLit: Node): void {
    const seen = new Set<string>();
    forEachDescendant(fnLit, (x) => {
      if (x.type === 'identifier' && this.isVariable(x.text) && !seen.has(x.text)) {
        seen.add(x.text);
        this.b.emit({ k: 'transfer', target: x.text, api: 'captured by a closure', at: fnLit });
      }
      return true;
    });
  }

  /** Passes `call` (a go statement or deferred unknown call) everything it names. */
  private escapeAll(call: Node, api: string): void {
    const fnNode = call.childForFieldName('function');
    if (fnNode?.type === 'func_literal') this.captureEscapes(fnNode);
    else if (fnNode?.type === 'selector_expression') {
      const recv = accessOfGo(fnNode.childForFieldName('operand'));
      if (recv && this.isVariable(recv.split('.')[0]!)) this.b.emit({ k: 'transfer', target: recv, api, at: call });
    }
    for (const a of callArgs(call)) this.handOver(a, call, api);
  }

  /** Dereferences (`*p`, `p.f`, `p[i]`) are uses; nested calls are lowered. */
  private usesIn(n: Node): void {
    const e = stripParens(n);
    switch (e.type) {
      case 'call_expression':
      case 'func_literal':
      case 'composite_literal':
        this.lowerExpression(e, false);
        return;
      case 'selector_expression': {
        const operand = e.childForFieldName('operand');
        const base = accessOfGo(operand);
        if (base && !this.env.file.packages.has(base)) this.b.emit({ k: 'use', target: base, at: e });
        else if (operand) this.usesIn(operand);
        return;
      }
      case 'unary_expression': {
        const operand = e.childForFieldName('operand');
        const a = accessOfGo(operand);
        if (a && e.text.startsWith('*')) this.b.emit({ k: 'use', target: a, at: e });
        else if (operand && e.text.startsWith('&')) {
          if (a) this.b.emit({ k: 'transfer', target: a, api: 'address taken', at: e });
          // `cred.ptr = &ccred.parent`: a pointer into the object it belongs to escapes with it.
          if (a?.includes('.')) this.b.emit({ k: 'transfer', target: a.split('.')[0]!, api: 'address taken', at: e });
          else this.usesIn(operand);
        } else if (operand) this.usesIn(operand);
        return;
      }
      case 'index_expression':
      case 'slice_expression': {
        const operand = e.childForFieldName('operand');
        const a = accessOfGo(operand);
        if (a) this.b.emit({ k: 'use', target: a, at: e });
        else if (operand) this.usesIn(operand);
        for (const c of namedChildren(e)) if (c.id !== operand?.id) this.usesIn(c);
        return;
      }
      case 'identifier':
        return;
      default:
        for (const c of namedChildren(e)) this.usesIn(c);
    }
  }

  /** Plain accesses named in an expression, not counting arguments of C calls (those are lowered as calls). */
  private accessesIn(n: Node): Access[] {
    const out: Access[] = [];
    const visit = (x: Node) => {
      const a = accessOfGo(x);
      if (a && !this.env.file.packages.has(a.split('.')[0]!)) {
        out.push(a);
        return;
      }
      if (x.type === 'call_expression' && cCallName(x)) return;
      if (x.type === 'func_literal') return;
      for (const c of namedChildren(x)) visit(c);
    };
    visit(n);
    return out;
  }

  // ---- calls ----------------------------------------------------------------------------------------

  private newSite(call: Node, api: string, variable: Access, owned: NonNullable<Callee['ownedResult']>, info: SiteInfo): Site {
    const site: Site = {
      id: this.env.nextSiteId(),
      api,
      variable,
      kind: owned.kind,
      release: owned.release,
      range: firstLineRange(call, this.env.text),
      functionName: this.name,
    };
    this.sites.push(site);
    this.siteInfo.set(site, info);
    return site;
  }

  private lowerCall(call: Node, opts: CallOpts): CallResult {
    const cname = cCallName(call);
    if (cname) return this.lowerCCall(call, cname, opts);
    const fnNode = call.childForFieldName('function');
    const args = callArgs(call);
    const noreturn = goNoreturn(call, this.recovers);
    if (noreturn) {
      for (const a of args) this.lowerExpression(a, false);
      this.exitWith(noreturn, call);
      return {};
    }
    if (fnNode?.type === 'identifier' && BUILTINS.has(fnNode.text)) {
      for (const a of args) this.lowerExpression(a, false);
      return {};
    }
    if (fnNode?.type === 'identifier' && fnNode.text === 'append') {
      const [first, ...rest] = args;
      if (first) this.lowerExpression(first, false);
      for (const a of rest) this.handOver(a, call, 'append');
      return {};
    }
    if (fnNode?.type === 'selector_expression') {
      const pkg = fnNode.childForFieldName('operand')?.text ?? '';
      const field = fnNode.childForFieldName('field')?.text ?? '';
      if (pkg === 'runtime' && field === 'SetFinalizer') {
        // The finalizer releases what the object holds: the object (and its fields) is handed to the GC.
        const obj = args[0] ? accessOfGo(args[0]) : null;
        if (obj) this.b.emit({ k: 'transfer', target: obj.replace(/^\*/, ''), api: 'runtime.SetFinalizer', at: call });
        return {};
      }
      if (this.env.file.packages.has(pkg) && isBenignGoCall(pkg, field)) {
        for (const a of args) this.argumentUse(a, call);
        return {};
      }
    }
    const summary = goCallSummary(call, this.env.summaries, (x) => this.isVariable(x));
    const recv = fnNode?.type === 'selector_expression' ? accessOfGo(fnNode.childForFieldName('operand')) : null;
    if (!summary) {
      // A Go function we know nothing about may keep what it is given.
      if (fnNode && fnNode.type !== 'identifier' && fnNode.type !== 'selector_expression') this.lowerExpression(fnNode, false);
      if (recv && this.isVariable(recv.split('.')[0]!)) this.b.emit({ k: 'transfer', target: recv, api: shortText(fnNode!, 40), at: call });
      else if (fnNode?.type === 'selector_expression' && !recv) this.usesIn(fnNode.childForFieldName('operand')!);
      for (const a of args) this.handOver(a, call, shortText(fnNode ?? call, 40));
      return {};
    }
    const api = shortText(fnNode!, 40);
    const handled = new Set<number>();
    const argAccess = args.map((a) => {
      const s = stripGo(a);
      if (s.type === 'call_expression') return this.lowerCall(s, { inlineArg: true }).access ?? null;
      const acc = accessOfGo(s);
      if (!acc) this.lowerExpression(a, false);
      return acc;
    });
    for (const i of summary.wipes) {
      const a = argAccess[i];
      if (a && !summary.releases.has(i)) this.b.emit({ k: 'wipe', target: a, at: call });
    }
    for (const i of summary.resets) {
      const a = argAccess[i];
      if (a) this.b.emit({ k: 'reset', target: a, at: call });
    }
    for (const [i, suffixes] of summary.releases) {
      const a = i === RECEIVER ? recv : argAccess[i];
      if (!a) continue;
      const wipes = summary.wipes.has(i);
      for (const s of [...suffixes].sort((x, y) => y.length - x.length)) this.b.emit({ k: 'release', target: a + s, api, at: call, ...(wipes && s === '' ? { wipes } : {}) });
      handled.add(i);
    }
    for (const i of summary.stores) {
      const a = argAccess[i];
      if (a) {
        this.b.emit({ k: 'transfer', target: a, api, at: call });
        handled.add(i);
      }
    }
    argAccess.forEach((a, i) => {
      if (!a || handled.has(i)) return;
      if (a.startsWith('$inline')) this.b.emit({ k: 'drop', target: a, at: call });
      else this.b.emit({ k: 'use', target: a, at: call });
    });
    if (summary.returnsOwned && !opts.returned && (summary.ownedResultIndex ?? 0) === 0) {
      return this.acquireResult(call, api, { release: summary.returnsOwned.release, kind: summary.returnsOwned.kind }, opts);
    }
    return {};
  }

  /** A pass to a function that only reads it (fmt.Println(p)): a use. */
  private argumentUse(arg: Node, call: Node): void {
    const s = stripGo(arg);
    const a = accessOfGo(s);
    if (a) this.b.emit({ k: 'use', target: a, at: call });
    else this.lowerExpression(arg, false);
  }

  private lowerCCall(call: Node, cname: string, opts: CallOpts): CallResult {
    const callee = cCallee(cname, this.env.knowledge);
    const api = `C.${cname}`;
    const args = callArgs(call);
    const argAccess: Array<Access | null> = [];
    const addrOf: Array<Access | null> = [];
    const inlineTemps: Access[] = [];
    for (const arg of args) {
      const a = stripGo(arg);
      let access: Access | null = null;
      let addr: Access | null = null;
      if (a.type === 'call_expression') {
        const r = this.lowerCall(a, { inlineArg: true });
        if (r.access) {
          access = r.access;
          if (r.access.startsWith('$inline')) inlineTemps.push(r.access);
        }
      } else if (a.type === 'unary_expression' && a.text.startsWith('&')) {
        addr = accessOfGo(a.childForFieldName('operand'));
        if (!addr) this.usesIn(a.childForFieldName('operand')!);
      } else {
        access = accessOfGo(a);
        if (!access) this.lowerExpression(a, false);
        else if (a.type === 'selector_expression') this.usesIn(a);
      }
      argAccess.push(access);
      addrOf.push(addr);
    }
    const entry = callee.entry;
    const handled = new Set<number>();
    for (const i of entry?.releases ?? []) {
      const a = argAccess[i];
      if (a) {
        // C.OPENSSL_clear_free wipes what it frees.
        this.b.emit({ k: 'release', target: a, api, at: call, ...(entry?.wipes === i ? { wipes: true } : {}) });
        handled.add(i);
      }
    }
    if (entry?.wipes !== undefined && !entry.releases?.length) {
      const a = argAccess[entry.wipes];
      if (a) this.b.emit({ k: 'wipe', target: a, at: call });
    }
    if (entry?.resets !== undefined) {
      const a = argAccess[entry.resets];
      if (a) this.b.emit({ k: 'reset', target: a, at: call });
    }
    this.lowerFacetSites(call, api, callee, args, argAccess, opts);
    const { args: taken, when: takesWhen } = takenArguments(entry, args.length);
    const repeated = repeatedTakes(taken, argAccess);
    for (const i of taken) {
      const a = argAccess[i];
      if (!a) continue;
      if (repeated.has(i)) {
        handled.add(i);
        continue;
      }
      const ev: Event = { k: 'transfer', target: a, api, at: call, owning: true };
      // A hand-over that takes effect only on success (`*_set0_*`, `EVP_PKEY_assign`) leaves the object ours on failure.
      if (takesWhen === 'success' && this.statusCall?.call.id === call.id) this.statusCall.successEvents.push(ev);
      else if (takesWhen === 'success' && opts.assignTo && a !== opts.assignTo && this.testedVars.has(opts.assignTo)) {
        const list = this.pendingSuccess.get(opts.assignTo) ?? [];
        list.push({ ev, block: this.b.current });
        this.pendingSuccess.set(opts.assignTo, list);
      } else this.b.emit(ev);
      handled.add(i);
    }
    if (entry?.upRef !== undefined) {
      const a = argAccess[entry.upRef];
      if (a) {
        // `if C.X509_up_ref(x) != 1 { return err }`: the reference exists only where the call succeeded.
        const ev: Event = { k: 'upref', target: a, at: call };
        if (this.statusCall?.call.id === call.id) this.statusCall.successEvents.push(ev);
        else this.b.emit(ev);
        handled.add(entry.upRef);
      }
    }
    for (const out of entry?.outParams ?? []) {
      const a = addrOf[out.arg];
      if (!a) continue;
      handled.add(out.arg);
      if (!this.isLocalStore(a)) continue;
      // `tmp := buf; C.i2d_SSL_SESSION(s, &tmp)` writes into the caller's buffer: only a nil pointer gets an allocation.
      if (callee.name.startsWith('i2d_') && this.nonNilAssigned.has(a)) continue;
      const site = this.newSite(call, api, a, { release: out.release, kind: callee.ownedResult?.kind ?? 'cgo' }, { inLoop: true });
      // `n := C.f(&out); if n == 0`, `if C.f(ctx, &out) != 1`: on the failure edge nothing was allocated.
      if (opts.assignTo) site.resultVar = opts.assignTo;
      this.b.emit({ k: 'acquire', site, target: a, at: call });
      if (this.statusCall?.call.id === call.id) this.statusCall.failureAssumptions.push(a);
      this.closureReleasesAfter(a, call);
    }
    args.forEach((_, i) => {
      if (handled.has(i)) return;
      const a = argAccess[i];
      if (a && !callee.known && this.mayTakeOwnership(cname, callee)) this.passedToUnknownC.add(a);
      if (a && !a.startsWith('$inline')) this.b.emit({ k: 'use', target: a, at: call });
      // &x to a C function: it may write a new pointer into x (we do not follow it).
      const addr = addrOf[i];
      if (addr && !callee.known) this.b.emit({ k: 'transfer', target: addr, api, at: call });
    });
    // In Go an inline allocation handed to a C function that does not take it is lost after the call.
    for (const t of inlineTemps) {
      if (handled.has(argAccess.indexOf(t))) continue;
      this.b.emit({ k: 'drop', target: t, at: call });
    }
    let result: CallResult = { callee };
    const reused = entry?.fillsArg;
    if (callee.ownedResult && reused !== undefined && args[reused] && !isNil(args[reused])) {
      // `bn = C.BN_bin2bn(buf, n, bn)` fills and returns the object it is given: nothing new to release.
      const from = argAccess[reused];
      if (opts.assignTo && from && from !== opts.assignTo) this.b.emit({ k: 'assign', target: opts.assignTo, from, at: call });
      if (opts.assignTo && from) result = { ...result, access: opts.assignTo };
    } else if (callee.ownedResult && !opts.returned) {
      result = { ...result, ...this.acquireResult(call, api, callee.ownedResult, opts) };
    } else if (entry?.borrowedFrom !== undefined && opts.assignTo) {
      const from = argAccess[entry.borrowedFrom];
      if (from) {
        this.b.emit({ k: 'assign', target: opts.assignTo, from: null, at: call });
        this.b.emit({ k: 'borrow', target: opts.assignTo, from, at: call });
        result = { ...result, access: opts.assignTo };
      }
    }
    if (callee.noreturn) this.exitWith(callee.noreturn, call);
    return result;
  }

  /**
   * An unknown C function that may keep or free what it is given: a shim declared in this file's cgo preamble
   * (`void _sqlite3_result_text(sqlite3_context*, const char*, int)` passes `&free` to sqlite), a wrapper-prefixed
   * shim of an API we do not know (`X_EVP_PKEY_assign_charp`), or a name that says it takes ownership.
   */
  private mayTakeOwnership(cname: string, callee: Callee): boolean {
    if (callee.name !== cname) return true;
    if (/(set0|add0|assign|push|own|take|transfer|consume|steal)/i.test(cname)) return true;
    return new RegExp(`\\b${cname}\\s*\\(`).test(this.env.file.preamble);
  }

  /**
   * Facet sites (see dataflow.ts): key material written into C memory this function owns
   * (`C.PKCS5_PBKDF2_HMAC(…, (*C.uchar)(key))` with `key := C.malloc(32)`), and an X509_STORE_CTX initialised
   * by `C.X509_STORE_CTX_init(ctx, …)`. Both are placed on the call. Go memory (`make([]byte, n)` passed as
   * `unsafe.Pointer(&b[0])`) is out of scope: the Go collector may have copied it already.
   */
  private lowerFacetSites(call: Node, api: string, callee: Callee, args: Node[], argAccess: Array<Access | null>, opts: CallOpts): void {
    const entry = callee.entry;
    if (!entry) return;
    const info: SiteInfo = { inLoop: this.loopDepth > 0, ...(this.currentStatement ? { statement: this.currentStatement } : {}) };
    let replay: Event[] = [];
    // C.EVP_read_pw_string reports success with 0: the 1-is-success reading of its test would be backwards.
    const zeroIsSuccess = statusZeroIsSuccess(entry.name ?? api.slice(2));
    const start = (site: Site, target: Access) => {
      if (opts.assignTo && !zeroIsSuccess) site.resultVar = opts.assignTo;
      this.b.emit({ k: 'acquire', site, target, at: call, ...(replay.length ? { replay } : {}) });
      // The call failed: nothing was written / initialised.
      if (this.statusCall?.call.id === call.id && !zeroIsSuccess) this.statusCall.failureAssumptions.push(target);
    };
    if (entry.initializes !== undefined) {
      const a = argAccess[entry.initializes];
      if (a && !a.startsWith('$inline')) {
        const site = this.newSite(call, api, a, { release: ['X509_STORE_CTX_cleanup', 'X509_STORE_CTX_free'], kind: 'x509init' }, info);
        site.facet = '#init';
        start(site, `${a}#init`);
      }
    }
    for (const w of entry.writesSecret ?? []) {
      const a = argAccess[w.arg];
      if (!a || !this.cMemory.has(a) || !this.locals.has(a) || this.params.has(a)) continue;
      if (!holdsSecret(entry.name ?? api.slice(2), a, w.role, this.keyBuffers.has(a))) continue;
      const site = this.newSite(call, api, a, { release: ['OPENSSL_cleanse', 'OPENSSL_clear_free'], kind: 'secret' }, info);
      site.facet = '#secret';
      site.secretStorage = 'heap';
      replay = this.deferredEvents.filter((e) => 'target' in e && e.target === a);
      const length = goSecretLength(args, secretLengthArgs(entry.name ?? api.slice(2), w.arg));
      if (length) site.fixHints = { secretLength: length };
      start(site, `${a}#secret`);
    }
  }

  /**
   * `defer func() { C.BN_free(p) }()` in a `case` or loop body, then `C.EVP_PKEY_get_bn_param(k, name, &p)`
   * later in that block: the closure frees what p holds when it runs, so this acquisition is released too.
   */
  private closureReleasesAfter(target: Access, call: Node): void {
    for (const r of this.scopedClosureReleases) {
      if (r.access !== target || call.startIndex < r.defer.endIndex || !isInside(call, r.scope)) continue;
      this.emitDeferred({ k: 'deferRelease', target, api: r.api, at: r.at, ...(r.wipes ? { wipes: true } : {}) });
      return;
    }
  }

  private acquireResult(call: Node, api: string, owned: NonNullable<Callee['ownedResult']>, opts: CallOpts): CallResult {
    const info: SiteInfo = { inLoop: this.loopDepth > 0, ...(this.currentStatement ? { statement: this.currentStatement } : {}) };
    if (opts.assignTo) {
      const site = this.newSite(call, api, opts.assignTo, owned, info);
      this.b.emit({ k: 'acquire', site, target: opts.assignTo, at: call });
      this.closureReleasesAfter(opts.assignTo, call);
      return { access: opts.assignTo };
    }
    if (opts.inlineArg || opts.discarded) {
      const temp = `$inline${this.inlineCount++}`;
      const site = this.newSite(call, api, '', owned, { ...info, inlineCall: call });
      this.b.emit({ k: 'acquire', site, target: temp, at: call });
      if (opts.discarded) {
        this.b.emit({ k: 'drop', target: temp, at: call });
        return {};
      }
      return { access: temp };
    }
    return {};
  }

  // ---- fix hints ------------------------------------------------------------------------------------

  /**
   * The safe fix (`defer <release>` after the acquisition) is offered only where it cannot change behaviour:
   * the variable is never released, handed over, aliased or reassigned anywhere in the function, the
   * acquisition is not in a loop, and the function has no goto.
   */
  private computeFixHints(): void {
    const events: Event[] = [];
    for (const b of this.b.blocks) {
      events.push(...b.events);
      for (const e of b.succs) events.push(...(e.events ?? []));
    }
    for (const site of this.sites) {
      const info = this.siteInfo.get(site)!;
      if (info.inLoop || this.hasGoto || site.facet) continue;
      const stmt = info.statement;
      if (!stmt) continue;
      if (site.variable === '' && info.inlineCall) {
        const hints = this.inlineHints(info.inlineCall, stmt, site);
        if (hints) site.fixHints = hints;
        continue;
      }
      const v = site.variable;
      if (!/^[A-Za-z_]\w*$/.test(v) || !/^(short_var_declaration|assignment_statement|var_spec|var_declaration)$/.test(stmt.type)) continue;
      if (stmt.parent?.type !== 'statement_list' && stmt.type !== 'var_spec') continue;
      const touches = (a: Access | null) => a !== null && (a === v || a.startsWith(`${v}.`) || a === `*${v}`);
      const clean = events.every((e) => {
        switch (e.k) {
          case 'acquire':
            return e.site.id === site.id || !touches(e.target);
          case 'use':
          case 'borrow':
          case 'wipe':
          case 'reset':
            return true;
          case 'assign':
            return !touches(e.target) && !touches(e.from);
          default:
            return !touches(e.target);
        }
      });
      if (!clean || this.results.names.includes(v)) continue;
      const statement = stmt.type === 'var_spec' ? stmt.parent?.type === 'var_declaration' ? stmt.parent : null : stmt;
      if (!statement || statement.parent?.type !== 'statement_list') continue;
      const hints = this.deferHints(statement, v, site);
      if (hints && this.passedToUnknownC.has(v)) hints.deferUncertain = true;
      if (hints) site.fixHints = hints;
    }
  }

  private lineIndent(row: number): string {
    return /^\s*/.exec(this.env.file.lines[row] ?? '')![0];
  }

  private importHints(site: Site): Pick<FixHints, 'needsUnsafeImport' | 'needsStdlibInclude' | 'releasePrefix'> {
    if ((site.release[0] ?? 'free') !== 'free') {
      const name = site.api.startsWith('C.') ? site.api.slice(2) : '';
      const prefix = this.env.knowledge.wrapperPrefixes.find((p) => name.startsWith(p) && name.length > p.length);
      return prefix ? { releasePrefix: prefix } : {};
    }
    const out: Pick<FixHints, 'needsUnsafeImport' | 'needsStdlibInclude'> = {};
    if (!this.env.file.hasUnsafe && this.env.file.unsafeImport) out.needsUnsafeImport = this.env.file.unsafeImport;
    if (this.env.file.stdlibInclude) out.needsStdlibInclude = this.env.file.stdlibInclude;
    return out;
  }

  private deferHints(statement: Node, v: Access, site: Site): FixHints | undefined {
    let anchor = statement;
    const next = statement.nextNamedSibling;
    if (next?.type === 'if_statement' && !next.childForFieldName('initializer') && !next.childForFieldName('alternative')) {
      const test = nilTest(stripParens(next.childForFieldName('condition')!));
      const subject = test ? accessOfGo(test.subject) : null;
      if (test && (subject === v || (subject && this.errOwner.get(subject) === v) || (subject && /^err\w*$/.test(subject) && !test.isNull))) anchor = next;
    }
    // The line after the anchor must start a new statement (nothing else on the anchor's last line).
    const lines = this.env.file.lines;
    const endRow = anchor.endPosition.row;
    if ((lines[endRow] ?? '').slice(anchor.endPosition.column).replace(/\/\/.*$/, '').trim() !== '') return undefined;
    if (this.lineIndent(statement.startPosition.row).length !== statement.startPosition.column) return undefined;
    return {
      deferInsertAt: { line: endRow + 1, character: 0 },
      indent: this.lineIndent(statement.startPosition.row),
      ...this.importHints(site),
    };
  }

  private inlineHints(call: Node, stmt: Node, site: Site): FixHints | undefined {
    if (stmt.parent?.type !== 'statement_list') return undefined;
    if (!/^(expression_statement|short_var_declaration|assignment_statement|return_statement)$/.test(stmt.type)) return undefined;
    if (this.lineIndent(stmt.startPosition.row).length !== stmt.startPosition.column) return undefined;
    return {
      indent: this.lineIndent(stmt.startPosition.row),
      inlineCall: { call: rangeOf(call), statementStart: { line: stmt.startPosition.row, character: stmt.startPosition.column }, text: call.text },
      ...this.importHints(site),
    };
  }
}

/** The length of a secret buffer as Go text for `C.OPENSSL_cleanse(p, <len>)`: `32`, `C.size_t(n)`. */
function goSecretLength(args: Node[], candidates: number[]): string | undefined {
  for (const i of candidates) {
    const a = args[i];
    if (!a) continue;
    let s = stripGo(a);
    if (s.type === 'unary_expression' && s.text.startsWith('&')) s = s.childForFieldName('operand') ?? s;
    const text = s.text.trim();
    if (s.type === 'int_literal') return text;
    if (/^([A-Za-z_][\w.]*|len\([\w.]+\))$/.test(text)) return `C.size_t(${text})`;
  }
  return undefined;
}

/**
 * `<call or status variable> op <int>` in OpenSSL's convention (1 success, 0 or less failure): whether the
 * true branch means the call failed. Undefined when the comparison says nothing certain.
 */
function statusTest(c: Node): { subject: Node; failedWhenTrue: boolean } | undefined {
  if (c.type !== 'binary_expression') return undefined;
  let op = c.childForFieldName('operator')?.text ?? '';
  let left = c.childForFieldName('left');
  let right = c.childForFieldName('right');
  if (!left || !right) return undefined;
  const intOf = (n: Node): number | undefined => {
    const s = stripGo(n);
    if (s.type === 'int_literal') return Number(s.text);
    if (s.type === 'unary_expression' && s.text.startsWith('-') && s.childForFieldName('operand')?.type === 'int_literal') return -Number(s.childForFieldName('operand')!.text);
    return undefined;
  };
  let k = intOf(right);
  if (k === undefined) {
    k = intOf(left);
    if (k === undefined) return undefined;
    [left, right] = [right, left];
    op = ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
  }
  const s = stripGo(left);
  if (s.type !== 'identifier' && !(s.type === 'call_expression' && cCallName(s))) return undefined;
  const failedWhenTrue =
    (op === '!=' && k === 1) || (op === '==' && k <= 0) || (op === '<=' && k <= 0) || (op === '<' && k <= 1)
      ? true
      : (op === '==' && k === 1) || (op === '>' && k >= 0) || (op === '>=' && k >= 1) || (op === '!=' && k === 0)
        ? false
        : undefined;
  return failedWhenTrue === undefined ? undefined : { subject: left, failedWhenTrue };
}

function stripParens(n: Node): Node {
  let x = n;
  while (x.type === 'parenthesized_expression' && namedChildren(x).length === 1) x = namedChildren(x)[0]!;
  return x;
}

function isInside(n: Node, container: Node | null): boolean {
  if (!container) return false;
  return n.startIndex >= container.startIndex && n.endIndex <= container.endIndex;
}

/** `x == nil` / `x != nil` (either side): the subject and whether the true branch means nil. */
export function nilTest(c: Node): { subject: Node; isNull: boolean } | undefined {
  if (c.type !== 'binary_expression') return undefined;
  const op = c.childForFieldName('operator')?.text;
  if (op !== '==' && op !== '!=') return undefined;
  const left = c.childForFieldName('left');
  const right = c.childForFieldName('right');
  if (!left || !right) return undefined;
  const subject = isNil(right) ? left : isNil(left) ? right : null;
  if (!subject) return undefined;
  return { subject, isNull: op === '==' };
}

// ---- file-level facts (imports, cgo preamble) -------------------------------------------------------

export function goFileInfo(root: Node, text: string): GoFileInfo {
  const packages = new Set<string>();
  let hasUnsafe = false;
  let importC: Node | undefined;
  let block: Node | undefined;
  const specs: Node[] = [];
  for (const decl of namedChildren(root)) {
    if (decl.type !== 'import_declaration') continue;
    forEachDescendant(decl, (n) => {
      if (n.type === 'import_spec_list' && !block) block = n;
      if (n.type !== 'import_spec') return true;
      const path = n.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
      const alias = n.childForFieldName('name')?.text;
      if (path === 'C') importC = decl;
      else specs.push(n);
      if (path === 'unsafe' && alias !== '_') hasUnsafe = true;
      packages.add(alias && alias !== '_' && alias !== '.' ? alias : path.split('/').pop()!);
      return false;
    });
  }
  packages.delete('C');
  const lines = text.split('\n');
  const info: GoFileInfo = { hasUnsafe, packages, lines, preamble: '' };
  if (!hasUnsafe) {
    const blockSpecs = block ? namedChildren(block).filter((s) => s.type === 'import_spec') : [];
    if (block && blockSpecs.length && !blockSpecs.some((s) => s.childForFieldName('path')?.text === '"C"')) {
      // Into the block, keeping gofmt's sorted order within the first group of standard imports.
      const after = blockSpecs.find((s) => (s.childForFieldName('path')?.text ?? '') > '"unsafe"' && !s.childForFieldName('name'));
      const prev = after?.previousNamedSibling;
      const sameGroup = after && (!prev || prev.type !== 'import_spec' || after.startPosition.row - prev.endPosition.row <= 1);
      if (after && sameGroup && !/\./.test(after.childForFieldName('path')?.text ?? '')) {
        info.unsafeImport = { insertAt: { line: after.startPosition.row, character: 0 }, text: `\t"unsafe"\n` };
      } else {
        const firstGroup = blockSpecs.filter((s) => !/\./.test(s.childForFieldName('path')?.text ?? ''));
        const last = firstGroup[firstGroup.length - 1] ?? blockSpecs[blockSpecs.length - 1]!;
        info.unsafeImport = { insertAt: { line: last.endPosition.row + 1, character: 0 }, text: `\t"unsafe"\n` };
      }
    } else if (importC) {
      info.unsafeImport = { insertAt: { line: importC.endPosition.row + 1, character: 0 }, text: 'import "unsafe"\n' };
    }
  }
  if (importC) {
    const pre = importC.previousSibling;
    const preamble: Node[] = [];
    for (let c = pre; c && c.type === 'comment'; c = c.previousSibling) {
      const below = preamble.length ? preamble[preamble.length - 1]! : importC;
      if (below.startPosition.row - c.endPosition.row !== 1) break;
      preamble.push(c);
    }
    const preambleText = preamble.map((c) => c.text).join('\n');
    info.preamble = preambleText;
    if (!/#\s*include\s*<stdlib\.h>/.test(preambleText)) {
      const last = preamble[0];
      if (!last) {
        info.stdlibInclude = { insertAt: { line: importC.startPosition.row, character: 0 }, text: '// #include <stdlib.h>\n' };
      } else if (last.text.startsWith('//')) {
        info.stdlibInclude = { insertAt: { line: importC.startPosition.row, character: 0 }, text: '// #include <stdlib.h>\n' };
      } else {
        const endRow = last.endPosition.row;
        const closing = lines[endRow] ?? '';
        if (closing.trim() === '*/') info.stdlibInclude = { insertAt: { line: endRow, character: 0 }, text: '#include <stdlib.h>\n' };
        else info.stdlibInclude = { insertAt: { line: endRow, character: last.endPosition.column - 2 }, text: '\n#include <stdlib.h>\n' };
      }
    }
  }
  return info;
}
