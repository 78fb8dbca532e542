// Go front end, second layer: expressions and calls. cgo calls (`C.X_free(p)`) and calls of this file's
// functions get their effects from the call-semantics layer; everything else is Go's own: conversions,
// builtins, append, runtime.SetFinalizer, closures that capture, and Go functions nobody knows (which may
// keep what they are given).
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Access } from '../ir';
import type { Callee } from '../callees';
import { forEachDescendant, shortText } from '../syntax';
import type { CallOptions, CallResult, LoweredCall } from '../lowering/call-semantics';
import { looksLikeReleaser, namesReleaser } from '../lowering/call-semantics';
import { GoFixHints } from './fix-hints';
import { BUILTINS } from './state';
import { cCallee, goCallSummary } from './summaries';
import { accessOfGo, callArgs, cCallName, goNoreturn, isBenignGoCall, isConversionCall, namedChildren, stripGo, stripParens } from './syntax';

export abstract class GoExpressionLowerer extends GoFixHints {

  /** The value leaves this function (returned, sent, stored somewhere we do not follow). */
  protected handOver(value: Node, at: Node, api: string): void {
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

  // ---- expressions ----------------------------------------------------------------------------------

  /** Emits the events of evaluating `n`; returns the access holding its value when it is a tracked temporary. */
  protected lowerExpression(n: Node, discarded: boolean): Access | undefined {
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
  protected storeElements(body: Node, at: Node): void {
    for (const el of namedChildren(body)) {
      const value = el.type === 'keyed_element' ? el.childForFieldName('value') ?? namedChildren(el)[1] : el;
      const inner = value?.type === 'literal_element' ? namedChildren(value)[0] : value;
      if (!inner) continue;
      if (inner.type === 'literal_value') this.storeElements(inner, at);
      else this.handOver(inner, at, 'stored in a composite literal');
    }
  }

  /** A closure that is not deferred may run later or elsewhere: the variables it captures escape. */
  protected captureEscapes(fnLit: Node): void {
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
  protected escapeAll(call: Node, api: string): void {
    const fnNode = call.childForFieldName('function');
    if (fnNode?.type === 'func_literal') this.captureEscapes(fnNode);
    else if (fnNode?.type === 'selector_expression') {
      const recv = accessOfGo(fnNode.childForFieldName('operand'));
      if (recv && this.isVariable(recv.split('.')[0]!)) this.b.emit({ k: 'transfer', target: recv, api, at: call });
    }
    for (const a of callArgs(call)) this.handOver(a, call, api);
  }

  /** Dereferences (`*p`, `p.f`, `p[i]`) are uses; nested calls are lowered. */
  protected usesIn(n: Node): void {
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
  protected accessesIn(n: Node): Access[] {
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

  protected lowerCall(call: Node, opts: CallOptions): CallResult {
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
    const argAccess = args.map((a) => {
      const s = stripGo(a);
      if (s.type === 'call_expression') return this.lowerCall(s, { inlineArg: true }).access ?? null;
      const acc = accessOfGo(s);
      if (!acc) this.lowerExpression(a, false);
      return acc;
    });
    // A function of this file: its summary says what it releases, keeps and returns.
    const owned = summary.returnsOwned && (summary.ownedResultIndex ?? 0) === 0 ? { release: summary.returnsOwned.release, kind: summary.returnsOwned.kind } : undefined;
    const callee: Callee = { name: api, known: true, summary, ...(owned ? { ownedResult: owned } : {}) };
    const lowered: LoweredCall = { call, name: api, api, callee, args, argAccess, addrOf: args.map(() => null), receiver: recv, opts };
    const handled = this.lowerCallEffects(lowered);
    argAccess.forEach((a, i) => {
      if (!a || handled.has(i)) return;
      if (a.startsWith('$inline')) this.b.emit({ k: 'drop', target: a, at: call });
      else this.b.emit({ k: 'use', target: a, at: call });
    });
    return this.lowerCallResult(lowered);
  }

  /** A pass to a function that only reads it (fmt.Println(p)): a use. */
  protected argumentUse(arg: Node, call: Node): void {
    const s = stripGo(arg);
    const a = accessOfGo(s);
    if (a) this.b.emit({ k: 'use', target: a, at: call });
    else this.lowerExpression(arg, false);
  }

  protected lowerCCall(call: Node, cname: string, opts: CallOptions): CallResult {
    const callee = cCallee(cname, this.env.knowledge, this.env.cHelpers);
    const api = `C.${cname}`;
    const args = callArgs(call);
    const { argAccess, addrOf, inlineTemps } = this.evaluateArguments(args, (arg) => {
      const a = stripGo(arg);
      if (a.type === 'call_expression') {
        const access = this.lowerCall(a, { inlineArg: true }).access ?? null;
        return { access, temporary: !!access?.startsWith('$inline') };
      }
      if (a.type === 'unary_expression' && a.text.startsWith('&')) {
        const addr = accessOfGo(a.childForFieldName('operand'));
        if (!addr) this.usesIn(a.childForFieldName('operand')!);
        return { addr };
      }
      const access = accessOfGo(a);
      if (!access) this.lowerExpression(a, false);
      else if (a.type === 'selector_expression') this.usesIn(a);
      return { access };
    });
    // `if C.RAND_bytes(key, n) != 1`: the call is the one its condition tests.
    const tested = this.statusCall?.call.id === call.id ? this.statusCall : undefined;
    const testedOpts = tested ? { ...opts, successEvents: tested.successEvents, failureAssumptions: tested.failureAssumptions } : opts;
    const lowered: LoweredCall = { call, name: cname, api, callee, args, argAccess, addrOf, opts: testedOpts };
    const handled = this.lowerCallEffects(lowered);
    const kept = this.keptByUnknownC(cname, callee, args);
    args.forEach((_, i) => {
      if (handled.has(i)) return;
      const a = argAccess[i];
      if (a && kept.has(i)) {
        this.b.emit({ k: 'transfer', target: a, api, at: call });
        return;
      }
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
    return this.lowerCallResult(lowered);
  }

  /**
   * Arguments an unknown C function keeps: one named like a release (`C.virDomainFree(d)`) its first, one given
   * a destructor (`C.set_text(ctx, s, (*[0]byte)(C.free))`) all. Not a release we can vouch for, but no leak.
   */
  protected keptByUnknownC(cname: string, callee: Callee, args: Node[]): Set<number> {
    const kept = new Set<number>();
    if (callee.entry || callee.summary) return kept;
    if (args.some((arg) => namesReleaser(/\bC\.(\w+)\)*$/.exec(arg.text)?.[1] ?? '', this.env.knowledge))) args.forEach((_, i) => kept.add(i));
    else if (looksLikeReleaser(cname) && args.length) kept.add(0);
    return kept;
  }

  /**
   * An unknown C function that may keep or free what it is given: a shim declared in this file's cgo preamble
   * (`void _sqlite3_result_text(sqlite3_context*, const char*, int)` passes `&free` to sqlite), a wrapper-prefixed
   * shim of an API we do not know (`X_EVP_PKEY_assign_charp`), or a name that says it takes ownership.
   */
  protected mayTakeOwnership(cname: string, callee: Callee): boolean {
    if (callee.name !== cname) return true;
    if (/(set0|add0|assign|push|own|take|transfer|consume|steal)/i.test(cname)) return true;
    return new RegExp(`\\b${cname}\\s*\\(`).test(this.env.file.preamble);
  }
}
