// C front end, first layer: what the function declares and tests (locals, owned bases, scalar flags and
// the values they hold), and the C answers to the call-semantics layer's questions.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { isVariable, type FixHints } from '../facts';
import type { Access, Edge, Event, ExitKind, FlagOp, FlagTest } from '../ir';
import { resolveCallee, type Callee, type FunctionSummary } from '../callees';
import { forEachDescendant } from '../syntax';
import { CallLowering, looksLikeReleaser, type LoweredCall } from '../lowering/call-semantics';
import type { LoweringEnv } from '../lowering/core';
import type { MacroExit } from './macros';
import {
  accessOfC,
  addressOperand,
  baseOf,
  callArgsC,
  constantValue,
  declaredName,
  flagAccessOf,
  functionNameC,
  isNullLiteral,
  isPointerDeclarator,
  MIRROR,
  NEGATE,
  parameterNamesC,
  secretLengthText,
  stripC,
} from './syntax';

export interface CLowerEnv extends LoweringEnv {
  summaries: ReadonlyMap<string, FunctionSummary>;
  /** Project macros that return or jump (c/macros.ts). */
  macroExits?: ReadonlyMap<string, MacroExit>;
  /** Type names the file or its headers define as pointers (`typedef struct msgctx *msgctx;`). */
  pointerTypedefs?: ReadonlySet<string>;
  /** Named integer constants of the file and its headers (`#define SC_SUCCESS 0`, enumerators). */
  constants?: ReadonlyMap<string, number>;
}

/** Stand-in values of unknown named constants (symbolicConstant): far above any real flag value. */
const SYMBOLIC_CONSTANTS = 2 ** 40;

export abstract class CLoweringState extends CallLowering {
  protected readonly language = 'c';
  /** Locals holding an OpenSSL object created here: its free releases its fields (`ASN1_STRING_free` → data). */
  protected readonly opensslObjects = new Set<string>();
  protected readonly breaks: number[] = [];
  protected readonly continues: number[] = [];
  /** `T *f(…)`: a wrapper's result may carry its arguments with it. */
  protected returnsPointer = false;
  /** Scalars assigned constants and tested in conditions: their values make correlated branches infeasible. */
  protected readonly flagVars = new Set<string>();
  /** Flags nothing writes in the function (parameters, top-level locals set once): one value per call. */
  protected readonly stableFlags = new Set<string>();
  /** Variables stored where we do not follow (`msg->tail = lg`), and the block of that store. */
  protected readonly storedIn = new Map<Access, Node>();
  /** Values of stable flags known from the enclosing `if` branches (innermost last). */
  protected readonly branchFacts: Array<[Access, number]> = [];
  /** The statement in which each variable was last given to an unknown function. */
  protected readonly givenToUnknown = new Map<Access, { api: string; statement: Node }>();
  /** Variables last given (in source order) the result of a call that fails only when memory runs out. */
  protected readonly allocationOnly = new Map<Access, string>();
  /** Flag values known in straight-line code outside loops, in lowering (source) order. */
  protected readonly flagsSoFar = new Map<string, number | null>();
  /** Enclosing `#if`/`#ifdef` arms of the statement being lowered: condition key and the value it has there. */
  protected readonly preprocArms: Array<{ key: Access; value: number }> = [];
  /** Local arrays (`unsigned char key[32]`): storage that ends with the function. */
  protected readonly arrayLocals = new Set<string>();
  /** Flag conditions for the next two-way branch lowerCondition creates. */
  protected nextFlagTests: { tBlock: number; fBlock: number; t: FlagTest; f: FlagTest } | undefined;

  constructor(fn: Node, protected override readonly env: CLowerEnv) {
    super(fn, env, functionNameC(fn) ?? '(anonymous)');
    let d = fn.childForFieldName('declarator');
    while (d && d.type !== 'function_declarator') {
      if (d.type === 'pointer_declarator') this.returnsPointer = true;
      d = d.childForFieldName('declarator');
    }
    for (const p of parameterNamesC(fn)) if (p) this.params.add(p);
  }

  // ---- declarations ---------------------------------------------------------------------------

  /** Locals (non-static) and the bases whose fields we own: heap objects we allocate and stack structs. */
  protected collectDeclarations(body: Node): void {
    const stack: Node[] = [body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'declaration') {
        const isStatic = n.namedChildren.some((c) => c?.type === 'storage_class_specifier' && /static|extern/.test(c.text));
        for (const d of n.childrenForFieldName('declarator')) {
          if (!d) continue;
          const inner = d.type === 'init_declarator' ? d.childForFieldName('declarator') : d;
          const name = declaredName(inner);
          if (!name || isStatic) continue;
          this.locals.add(name);
          if (inner?.type === 'array_declarator') this.arrayLocals.add(name);
          const typeNode = n.childForFieldName('type');
          if (
            typeNode &&
            !isPointerDeclarator(inner) &&
            (typeNode.type === 'primitive_type' ||
              typeNode.type === 'sized_type_specifier' ||
              (typeNode.type === 'type_identifier' && /^(size_t|ssize_t|off_t|u?int\d*_t|long|BOOL|bool)$/.test(typeNode.text)))
          ) {
            this.scalarLocals.add(name);
          }
          // `struct ctx c;`, `ctx_t c;` hold their fields; `msgctx dfc;` after `typedef struct msgctx *msgctx;` is a pointer.
          const pointerTypedef = typeNode?.type === 'type_identifier' && this.env.pointerTypedefs?.has(typeNode.text);
          if (!isPointerDeclarator(inner) && typeNode && /struct_specifier|type_identifier/.test(typeNode.type) && !pointerTypedef) {
            this.ownedBases.add(name);
          }
          const value = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
          if (value && this.allocates(value)) this.ownedBases.add(name);
          if (value && this.createsOpensslObject(value)) this.opensslObjects.add(name);
        }
      } else if (n.type === 'assignment_expression') {
        const left = accessOfC(n.childForFieldName('left'));
        const right = n.childForFieldName('right');
        if (left && isVariable(left) && right && this.allocates(right)) this.ownedBases.add(left);
        if (left && isVariable(left) && right && this.createsOpensslObject(right)) this.opensslObjects.add(left);
      } else if (n.type === 'call_expression') {
        const fnNode = n.childForFieldName('function');
        const keyArgs = fnNode?.type === 'identifier' ? this.callee(fnNode.text).entry?.keyArgs : undefined;
        if (keyArgs) {
          const args = callArgsC(n);
          for (const i of keyArgs) {
            const a = args[i] ? accessOfC(args[i]) : null;
            if (a) this.keyBuffers.add(a);
          }
        }
      }
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const c = n.namedChild(i);
        if (c) stack.push(c);
      }
    }
  }

  /** Finds scalar flags: identifiers assigned a constant somewhere and compared with a constant in a condition. */
  protected collectFlags(body: Node): void {
    const constant = new Set<string>();
    // Status variables a project macro tests (`if (r < 0) { …; LOG_TEST_RET(ctx, r, …); }`): the guard agrees with
    // the tests around it even when no constant is ever assigned.
    const macroTested = new Set<string>();
    // Where each variable is tested: the index of the top-level statement of the body holding the test.
    const testedAt = new Map<string, number[]>();
    const decidesFailure = new Set<string>();
    let statementIndex = 0;
    const tested = (name: string) => {
      this.testedVars.add(name);
      const at = testedAt.get(name);
      if (at) at.push(statementIndex);
      else testedAt.set(name, [statementIndex]);
    };
    const noteTested = (cond: Node | null) => {
      if (!cond) return;
      const c = stripC(cond);
      const flag = flagAccessOf(c);
      if (flag) tested(flag);
      else if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') noteTested(c.childForFieldName('argument'));
      else if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&') {
        const l = stripC(c.childForFieldName('left')!);
        if (l.type === 'identifier') tested(l.text);
      }
      else if (c.type === 'binary_expression') {
        const op = c.childForFieldName('operator')?.text ?? '';
        const l = c.childForFieldName('left');
        const r = c.childForFieldName('right');
        if (op === '&&' || op === '||') {
          noteTested(l);
          noteTested(r);
        } else if (l && r && op in MIRROR) {
          for (const [a, b] of [[l, r], [r, l]] as const) {
            const sa = stripC(a);
            if (this.constant(b) === undefined) continue;
            const flag = flagAccessOf(sa);
            if (flag) tested(flag);
            else if (sa.type === 'assignment_expression') {
              const t = accessOfC(sa.childForFieldName('left'));
              if (t) tested(t);
            }
          }
        }
      } else if (c.type === 'assignment_expression') {
        const t = accessOfC(c.childForFieldName('left'));
        if (t) tested(t);
      }
    };
    // Names written anywhere (assignment, ++/--, address taken), and locals declared directly in the body.
    const written = new Set<string>();
    const topLevelLocals = new Set<string>();
    for (const d of body.namedChildren) {
      if (d.type !== 'declaration') continue;
      for (const decl of d.childrenForFieldName('declarator')) {
        const name = declaredName(decl.type === 'init_declarator' ? decl.childForFieldName('declarator') : decl);
        if (name) topLevelLocals.add(name);
      }
    }
    /** Variables assigned exactly once, by a plain `v = …;` statement at the top level of the body: its index. */
    const writes = new Map<string, number>();
    const assignedOnceAt = new Map<string, number>();
    const top = body.namedChildren;
    for (statementIndex = 0; statementIndex < top.length; statementIndex++) {
      const stack: Node[] = [top[statementIndex]!];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'assignment_expression' || n.type === 'update_expression') {
          const target = stripC((n.childForFieldName('left') ?? n.childForFieldName('argument'))!);
          const flag = flagAccessOf(target);
          if (flag) written.add(flag);
          if (target.type === 'identifier') {
            writes.set(target.text, (writes.get(target.text) ?? 0) + 1);
            const statement = top[statementIndex]!;
            if (n.type === 'assignment_expression' && n.childForFieldName('operator')?.text === '=' && statement.type === 'expression_statement' && stripC(statement.namedChild(0)!) === n) {
              assignedOnceAt.set(target.text, statementIndex);
            }
          }
        } else if (addressOperand(n)) {
          const target = stripC(addressOperand(n)!);
          const flag = flagAccessOf(target);
          if (flag) written.add(flag);
          if (target.type === 'identifier') {
            writes.set(target.text, (writes.get(target.text) ?? 0) + 2); // written through the pointer, maybe often
          }
        }
        if (n.type === 'if_statement' || n.type === 'while_statement' || n.type === 'do_statement' || n.type === 'for_statement' || n.type === 'conditional_expression') {
          noteTested(n.childForFieldName('condition'));
        } else if (n.type === 'call_expression') {
          // `LOG_TEST_RET(ctx, r, …)`: a project macro whose guard tests a status argument.
          const fn = n.childForFieldName('function');
          const exit = fn?.type === 'identifier' ? this.env.macroExits?.get(fn.text) : undefined;
          const args = callArgsC(n);
          // `DSA_SIG_set0(sig, R, S)` fails only for a NULL R or S: whether they were checked decides its failure.
          const nullable = fn?.type === 'identifier' ? this.callee(fn.text).entry?.failsOnlyWhenNull : undefined;
          for (const i of nullable ?? []) {
            const arg = args[i] ? stripC(args[i]!) : undefined;
            if (arg?.type === 'identifier') decidesFailure.add(arg.text);
          }
          if (exit?.conditional && exit.test?.when === 'failed' && exit.test.failure) {
            const arg = args[exit.test.arg];
            const flag = arg ? flagAccessOf(stripC(arg)) : null;
            if (flag) {
              tested(flag);
              macroTested.add(flag);
            }
          }
        } else if (n.type === 'switch_statement') {
          // `switch (jwk->kty)`: each case tests the subject against its value.
          const subject = n.childForFieldName('condition');
          const flag = subject ? flagAccessOf(stripC(subject)) : null;
          if (flag) tested(flag);
        } else if (n.type === 'init_declarator') {
          const name = declaredName(n.childForFieldName('declarator'));
          const value = n.childForFieldName('value');
          if (name && value && this.constant(value) !== undefined) constant.add(name);
        } else if (n.type === 'assignment_expression' && n.childForFieldName('operator')?.text === '=') {
          const left = stripC(n.childForFieldName('left')!);
          const value = n.childForFieldName('right');
          if (left.type === 'identifier' && value && this.constant(value) !== undefined) constant.add(left.text);
        }
        for (let i = n.namedChildCount - 1; i >= 0; i--) {
          const c = n.namedChild(i);
          if (c) stack.push(c);
        }
      }
    }
    for (const v of constant) if (this.testedVars.has(v) && this.locals.has(v)) this.flagVars.add(v);
    for (const v of macroTested) if (this.locals.has(v)) this.flagVars.add(v);
    for (const v of decidesFailure) if (this.testedVars.has(v) && this.locals.has(v)) this.flagVars.add(v);
    // `idx = find(id);` as a statement of its own, never written again, and tested only after it: one value too.
    for (const [v, at] of assignedOnceAt) {
      if (writes.get(v) !== 1 || !topLevelLocals.has(v) || constant.has(v)) continue;
      if ((testedAt.get(v) ?? []).every((i) => i > at)) {
        this.flagVars.add(v);
        this.stableFlags.add(v);
      }
    }
    // A parameter or a top-level local that nothing writes after its declaration holds one value for the whole
    // call: `if (verbose) x = X_new(); … if (verbose) X_free(x);` takes the same branch both times.
    for (const v of this.testedVars) {
      if (written.has(v) || constant.has(v)) continue;
      // `cfg->verbose`, `bs->certs`: a field nothing here writes, of a parameter or local that keeps its value.
      const base = baseOf(v);
      const stableField = v !== base && /^[A-Za-z_]\w*(~\d+)?(->|\.)[A-Za-z_]\w*$/.test(v) && !written.has(base) && (this.params.has(base) || topLevelLocals.has(base));
      if (stableField) {
        this.flagVars.add(v);
        this.stableFlags.add(v);
        continue;
      }
      if (this.params.has(v) || topLevelLocals.has(v)) {
        this.flagVars.add(v);
        this.stableFlags.add(v);
      }
    }
  }

  protected emitFlag(target: Access, value: Node | null, at: Node): void {
    this.emitFlagValue(target, value ? (this.constant(value) ?? null) : null, at);
  }

  protected emitFlagValue(target: Access, v: number | null, at: Node): void {
    if (!this.flagVars.has(target)) return;
    this.b.emit({ k: 'flag', target, value: v, at });
    if (this.loopDepth === 0 && this.atTopLevel(at)) this.flagsSoFar.set(target, v);
    else this.flagsSoFar.delete(target);
  }

  /** A statement directly in the function body (not under a branch, loop or label). */
  protected atTopLevel(at: Node): boolean {
    let n: Node | null = at;
    while (n && n.type !== 'declaration' && n.type !== 'expression_statement') n = n.parent;
    const body = this.fn.childForFieldName('body');
    return !!n && !!body && !!n.parent && n.parent.equals(body);
  }

  /** The dataflow starts at the acquisition: tell it the flags set before (`int ret = 0;` at the top). */
  protected override emitAcquire(ev: Extract<Event, { k: 'acquire' }>): void {
    this.b.emit(ev);
    if (this.env.knowledge.lookup(ev.site.api)?.failsOnlyOnAllocation) this.allocationOnly.set(ev.target, ev.site.api);
    // The preprocessor arms around the acquisition are the ones compiled: later tests of the same condition agree.
    for (const arm of this.preprocArms) this.b.emit({ k: 'flag', target: arm.key, value: arm.value, at: ev.at });
    for (const [target, value] of this.branchFacts) this.b.emit({ k: 'flag', target, value, at: ev.at });
    if (this.loopDepth > 0) return;
    for (const [target, value] of this.flagsSoFar) if (value !== null) this.b.emit({ k: 'flag', target, value, at: ev.at });
  }

  /** A two-way branch on `subject op k` where the subject is a flag: both edges carry the condition. */
  protected setFlagTests(subject: Node, op: FlagOp, k: number, t: number, f: number): void {
    this.nextFlagTests = undefined;
    let s = stripC(subject);
    // `(err & ERR_FATAL) == 0`: an error accumulator tested against a mask reads as a test against zero.
    let masked = s.type === 'binary_expression' && s.childForFieldName('operator')?.text === '&' && k === 0 && (op === '==' || op === '!=');
    const mask = masked ? stripC(s.childForFieldName('right')!) : undefined;
    if (masked) s = stripC(s.childForFieldName('left')!);
    let name = flagAccessOf(s) ?? (s.type === 'assignment_expression' ? accessOfC(s.childForFieldName('left')) : null);
    if (!name || !this.flagVars.has(name) || t === f) return;
    // `type & SERVER_TIMEOUT` of a flag nothing writes is one value for the whole call too: a flag of its own.
    if (masked && this.stableFlags.has(name) && mask && (mask.type === 'identifier' || mask.type === 'number_literal')) {
      name = `${name}&${mask.text}`;
      this.stableFlags.add(name);
      masked = false;
    }
    const m = masked ? ({ masked: true } as const) : {};
    this.nextFlagTests = { tBlock: t, fBlock: f, t: { variable: name, op, k, ...m }, f: { variable: name, op: NEGATE[op], k, ...m } };
  }

  /** Adds the pending flag conditions to the two edges of the branch being created. */
  protected flagEdges(...edges: Edge[]): void {
    const ft = this.nextFlagTests;
    this.nextFlagTests = undefined;
    if (!ft) return;
    for (const e of edges) {
      if (e.to === ft.tBlock) e.flagTests = [...(e.flagTests ?? []), ft.t];
      else if (e.to === ft.fBlock) e.flagTests = [...(e.flagTests ?? []), ft.f];
    }
  }

  /** `v` holds NULL whenever it is passed by address to `call`: every other assignment stores NULL, and no other call gets `&v`. */
  protected onlyNullAssigned(v: Access, call: Node): boolean {
    if (!isVariable(v)) return false;
    const body = this.fn.childForFieldName('body');
    let sawNull = false;
    let ok = true;
    const stack: Node[] = body ? [body] : [];
    while (stack.length && ok) {
      const n = stack.pop()!;
      if (n.type === 'init_declarator' && declaredName(n.childForFieldName('declarator')) === v) {
        const value = n.childForFieldName('value');
        if (value && constantValue(value) === 0) sawNull = true;
        else if (value) ok = false;
      } else if (n.type === 'assignment_expression' && accessOfC(n.childForFieldName('left')) === v) {
        const value = n.childForFieldName('right');
        if (value && constantValue(value) === 0) sawNull = true;
        else ok = false;
      } else if (addressOperand(n) && accessOfC(addressOperand(n)) === v) {
        let p = n.parent;
        while (p && p.type !== 'call_expression') p = p.parent;
        if (!p || !p.equals(call)) {
          const fnNode = p?.childForFieldName('function');
          if (!fnNode || !fnNode.text.startsWith('i2d_')) ok = false;
        }
      }
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const c = n.namedChild(i);
        if (c) stack.push(c);
      }
    }
    return ok && sawNull;
  }

  /** What `value` returns when it is a call of a function returning an owned object. */
  protected ownedResultOf(value: Node): Callee['ownedResult'] {
    const v = stripC(value);
    const fnNode = v.type === 'call_expression' ? v.childForFieldName('function') : null;
    return fnNode?.type === 'identifier' ? this.callee(fnNode.text).ownedResult : undefined;
  }

  protected allocates(value: Node): boolean {
    return !!this.ownedResultOf(value);
  }

  /** Whether `n` calls a release function (known, summarised, or named like one). */
  protected releasesSomething(n: Node): boolean {
    return this.someDescendant(n, (x) => {
      if (x.type !== 'call_expression') return false;
      const fn = x.childForFieldName('function');
      if (fn?.type !== 'identifier') return false;
      const callee = this.callee(fn.text);
      return !!(callee.entry?.releases?.length || callee.summary?.releases.size || (!callee.known && looksLikeReleaser(fn.text)));
    });
  }

  /** Whether `n` hands something over: a store into a field or through a pointer, or a call that takes ownership. */
  protected handsSomethingOver(n: Node): boolean {
    return this.someDescendant(n, (x) => {
      if (x.type === 'assignment_expression') {
        const left = stripC(x.childForFieldName('left')!);
        return left.type === 'field_expression' || left.type === 'pointer_expression';
      }
      const fn = x.type === 'call_expression' ? x.childForFieldName('function') : null;
      return fn?.type === 'identifier' && !!this.callee(fn.text).entry?.takes;
    });
  }

  private someDescendant(n: Node, test: (x: Node) => boolean): boolean {
    let found = false;
    forEachDescendant(n, (x) => {
      if (!found && test(x)) found = true;
      return !found;
    });
    return found;
  }

  /** Whether `call` is given `target` itself as an argument. */
  protected passesItself(call: Node, target: Access): boolean {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    return args.some((a) => accessOfC(a) === target);
  }

  /**
   * Whether `call` returns a new object nobody else holds: a known owned result, not written through an
   * out-parameter as well (`X509_get_ext_d2i(x, nid, &crit, NULL)`) and not filling an argument.
   */
  protected ownsUnnamedResult(call: Node): boolean {
    const fnNode = call.childForFieldName('function');
    if (fnNode?.type !== 'identifier') return false;
    const callee = this.callee(fnNode.text);
    // Only documented APIs: a project's function may also link what it returns into a list of its own.
    if (!callee.ownedResult || !callee.entry || callee.summary || callee.entry.fillsArg !== undefined) return false;
    // `if (X509_NAME_delete_entry(n, i) == NULL)` after `e = X509_NAME_get_entry(n, i)`: released through e.
    if (/_(delete|pop|remove|shift)(_|$)/.test(fnNode.text)) return false;
    // (`d2i_X509_CRL(crl, &p, n)` with a non-NULL `TYPE **`: lowerCall stores the result there, no temporary.)
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    return !args.some((a) => addressOperand(stripC(a)));
  }

  /** Whether `value` creates an OpenSSL object, whose release function frees what its fields hold. */
  protected createsOpensslObject(value: Node): boolean {
    return this.ownedResultOf(value)?.kind === 'ossl';
  }

  protected callee(name: string): Callee {
    return resolveCallee(name, this.env.knowledge, this.env.summaries, 'c');
  }

  /** Storing into this access keeps the object in this function's hands (local variable or a field of a local object we own). */
  protected isLocalStore(access: Access): boolean {
    if (access.startsWith('*')) return false;
    const base = baseOf(access);
    if (access === base) return this.locals.has(base) || this.params.has(base);
    return this.locals.has(base) && this.ownedBases.has(base);
  }

  /** A named constant of the project (`SC_ERROR_INTERNAL`), for flags only: its sign says nothing of success. */
  protected namedConstant(n: Node): number | undefined {
    const s = stripC(n);
    return s.type === 'identifier' ? this.env.constants?.get(s.text) : undefined;
  }

  /**
   * `LWS_GENCRYPTO_KTY_EC` from a header we do not read: an unknown constant, equal only to itself. Its
   * stand-in value decides `==`, `!=` and `case` against the same name along a path, never an ordering.
   */
  protected symbolicConstant(n: Node): number | undefined {
    const s = stripC(n);
    if (s.type !== 'identifier' || !/^[A-Z][A-Z0-9_]*$/.test(s.text) || !/[A-Z].*_|_.*[A-Z]/.test(s.text)) return undefined;
    if (this.locals.has(s.text) || this.params.has(s.text) || this.env.constants?.has(s.text)) return undefined;
    let h = 0x811c9dc5;
    for (let i = 0; i < s.text.length; i++) h = Math.imul(h ^ s.text.charCodeAt(i), 0x01000193) >>> 0;
    return SYMBOLIC_CONSTANTS + h;
  }

  /** The integer a constant expression stands for: a literal, NULL, or a named constant. */
  protected constant(n: Node): number | undefined {
    return constantValue(n) ?? this.namedConstant(n);
  }

  // ---- the C answers of the call-semantics layer ----------------------------------------------

  protected isNullArgument(n: Node): boolean {
    return isNullLiteral(n);
  }

  protected exitAt(kind: Extract<ExitKind, 'process-exit' | 'unwind'>, at: Node): void {
    this.b.exit(kind, at);
  }

  protected outParamAllocates(a: Access, c: LoweredCall): boolean {
    // `ASN1_item_i2d(x, &seq->data, it)` into an ASN1_STRING: the string owns it and ASN1_STRING_free releases
    // it; a leak of it is the string's leak.
    if (a !== baseOf(a) && this.opensslObjects.has(baseOf(a))) return false;
    // `p = buf; i2d_X509(x, &p)` writes into the caller's buffer: only a NULL pointer gets a new allocation.
    return !c.name.startsWith('i2d_') || this.onlyNullAssigned(a, c.call);
  }

  protected ownsSecretBuffer(a: Access): boolean {
    return isVariable(a) && this.locals.has(a);
  }

  protected secretStorage(a: Access): 'stack' | 'heap' {
    return this.arrayLocals.has(a) ? 'stack' : 'heap';
  }

  protected secretFixHints(args: Node[], candidates: number[]): FixHints | undefined {
    const length = secretLengthText(args, candidates);
    return length ? { secretLength: length, functionEnd: this.fn.endPosition && { line: this.fn.endPosition.row, character: this.fn.endPosition.column } } : undefined;
  }
}
