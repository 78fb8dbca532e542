// C front end: function_definition → lifecycle CFG (see ir.ts). Statements, loops, switch, goto and labels,
// preprocessor arms, and conditions (NULL tests, status tests, flags); expressions and calls are the layer
// below (expressions.ts), call semantics the lowering core (lowering/call-semantics.ts).
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { NONZERO_FLAG, type Access, type Edge, type Event, type FlagOp, type FunctionCfg } from '../ir';
import { forEachDescendant, shortText } from '../syntax';
import { accessOfC, callArgsC, constantTruth, declaredName, flagAccessOf, isNullLiteral, MIRROR, NEGATE, neverCompiled, numberValue, preprocCondition, statusMeaning, stripC, versionComparison, versionKey } from './syntax';
import { CExpressionLowerer } from './expressions';
import { flagHolds } from '../flag-values';
import type { MacroExit } from './macros';

export type { CLowerEnv } from './state';

export class CLowerer extends CExpressionLowerer {
  /** Numbers each name is compared with in the function's `#if`s (versionThresholds). */
  private thresholds: Map<string, number[]> | undefined;

  lower(): FunctionCfg {
    const body = this.fn.childForFieldName('body');
    const entry = this.b.current;
    if (body) {
      this.collectDeclarations(body);
      this.collectFlags(body);
      this.lowerStatement(body);
      const closing = body.lastChild ?? body;
      this.b.exit('end', closing);
    }
    return { name: this.name, node: this.fn, blocks: this.b.blocks, entry, sites: this.sites, stableFlags: this.stableFlags };
  }

  // ---- statements -----------------------------------------------------------------------------

  protected lowerStatement(n: Node | null): void {
    if (!n) return;
    const outer = this.statement;
    this.statement = n;
    try {
      this.lowerStatementKind(n);
    } finally {
      this.statement = outer;
    }
  }

  protected lowerStatementKind(n: Node): void {
    switch (n.type) {
      case 'compound_statement':
        for (const c of n.namedChildren) if (c) this.lowerStatement(c);
        return;
      case 'declaration':
        return this.lowerDeclaration(n);
      case 'expression_statement': {
        const e = n.namedChild(0);
        if (e && !this.lowerMacroExit(e)) this.lowerExpression(e, true);
        return;
      }
      case 'if_statement':
        return this.lowerIf(n);
      case 'while_statement':
        return this.lowerWhile(n);
      case 'do_statement':
        return this.lowerDo(n);
      case 'for_statement':
        return this.lowerFor(n);
      case 'switch_statement':
        return this.lowerSwitch(n);
      case 'return_statement':
        return this.lowerReturn(n);
      case 'break_statement':
        if (this.breaks.length) this.b.jump(this.breaks[this.breaks.length - 1]!);
        return;
      case 'continue_statement':
        if (this.continues.length) this.b.jump(this.continues[this.continues.length - 1]!);
        return;
      case 'goto_statement':
        return this.lowerGoto(n.childForFieldName('label')?.text, n);
      case 'labeled_statement':
        this.enterLabel(n.childForFieldName('label')?.text);
        for (const c of n.namedChildren) if (c && c.type !== 'statement_identifier') this.lowerStatement(c);
        return;
      case 'preproc_if':
      case 'preproc_ifdef':
      case 'preproc_elif':
      case 'preproc_else':
        return this.lowerPreprocIf(n);
      case 'attributed_statement':
        for (const c of n.namedChildren) if (c && c.type !== 'attribute_declaration') this.lowerStatement(c);
        return;
      case 'case_statement':
        // A case label outside a switch body we understood: lower its statements in sequence.
        for (const c of n.namedChildren) if (c && !c.equals(n.childForFieldName('value') ?? c)) this.lowerStatement(c);
        return;
      default:
        // ERROR regions, preprocessor lines, empty statements: no lifecycle events.
        return;
    }
  }

  /** `LOG_TEST_RET(ctx, r, "…");`, `goto_error(r, rc, "…", cleanup);`: a project macro that returns or jumps. */
  protected lowerMacroExit(e: Node): boolean {
    const call = stripC(e);
    const fnNode = call.type === 'call_expression' ? call.childForFieldName('function') : null;
    const exit = fnNode?.type === 'identifier' ? this.env.macroExits?.get(fnNode.text) : undefined;
    if (!exit) return false;
    const args = callArgsC(call);
    const label = exit.label ?? (exit.labelArg !== undefined ? args[exit.labelArg]?.text : undefined);
    if (exit.kind === 'goto' && !label) return false;
    for (const a of args) this.lowerExpression(a, false);
    const name = fnNode!.text;
    // `LOG_TEST_RET(ctx, SC_ERROR_INVALID_ARGUMENTS, "…")`: the status tested is a constant, the test decided.
    const decided = this.decidedExit(exit, args);
    if (decided === false) return true;
    const leaves: Edge['step'] = exit.kind === 'return' ? { at: call, message: `\`${name}\` returns` } : { at: call, message: `\`${name}\` jumps to ${label}`, goto: label! };
    if (!exit.conditional || decided) {
      if (exit.kind === 'return') this.b.exit('return', call);
      else this.b.jump(this.labelBlock(label!), leaves);
      return true;
    }
    const leaveTo = exit.kind === 'return' ? this.b.newBlock() : this.labelBlock(label!);
    const goesOn = this.b.newBlock();
    const leaveEdge: Edge = { to: leaveTo, step: leaves };
    const goOnEdge: Edge = { to: goesOn, step: { at: call, message: `\`${name}\` goes on` } };
    // `return_if_null(key, …)` leaves only where key is NULL; `LOG_TEST_RET(ctx, r, …)` where r reports failure.
    const tested = exit.test ? accessOfC(args[exit.test.arg] ?? null) : null;
    if (tested && exit.test!.when === 'failed') {
      leaveEdge.status = { variable: tested, failed: true };
      goOnEdge.status = { variable: tested, failed: false };
      // `if (r >= 0) r = add(…); LOG_TEST_GOTO_ERR(ctx, r, …);`: the guard's test correlates with the flag's others.
      const failure = exit.test!.failure;
      const k = failure ? this.failureConstant(failure.k) : undefined;
      if (failure && k !== undefined && this.flagVars.has(tested)) {
        leaveEdge.flagTests = [{ variable: tested, op: failure.op, k }];
        goOnEdge.flagTests = [{ variable: tested, op: NEGATE[failure.op], k }];
      }
    } else if (tested) {
      leaveEdge.assume = [{ access: tested, isNull: exit.test!.when === 'null' }];
      goOnEdge.assume = [{ access: tested, isNull: exit.test!.when !== 'null' }];
      const allocator = this.allocationOnly.get(tested);
      if (allocator) (exit.test!.when === 'null' ? leaveEdge : goOnEdge).allocationFailure = allocator;
    }
    this.b.branch(leaveEdge, goOnEdge);
    this.b.current = leaveTo;
    if (exit.kind === 'return') this.b.exit('return', call);
    this.b.current = goesOn;
    return true;
  }

  /** The constant a macro's guard compares with, written as a number or a name (`SC_SUCCESS`). */
  private failureConstant(k: string): number | undefined {
    return /^\d+$/.test(k) ? Number(k) : this.env.constants?.get(k);
  }

  /** Whether a conditional exit's guard holds for constant arguments (undefined: it depends on the run). */
  private decidedExit(exit: MacroExit, args: Node[]): boolean | undefined {
    const failure = exit.conditional ? exit.test?.failure : undefined;
    const arg = failure ? args[exit.test!.arg] : undefined;
    const v = arg ? this.constant(arg) : undefined;
    const k = failure ? this.failureConstant(failure.k) : undefined;
    if (v === undefined || k === undefined) return undefined;
    return flagHolds(v, failure!.op, k);
  }

  protected lowerDeclaration(n: Node): void {
    for (const d of n.childrenForFieldName('declarator')) {
      if (!d || d.type !== 'init_declarator') continue;
      const name = declaredName(d.childForFieldName('declarator'));
      const value = d.childForFieldName('value');
      if (!name || !value) continue;
      if (!this.locals.has(name)) {
        // static / extern: the object outlives the function.
        this.lowerExpression(value, false);
        this.escapeValue(value, d);
        continue;
      }
      this.lowerAssign(name, value, d, d);
    }
  }

  protected lowerIf(n: Node): void {
    const cond = n.childForFieldName('condition');
    // An acquisition inside the branch starts its dataflow there: it is told what the branch says of stable flags.
    const facts = cond ? this.stableFactsOf(cond) : undefined;
    const alt = n.childForFieldName('alternative');
    // `else /* comment */ stmt`: the comment is a named child too.
    const altStatement = alt ? (alt.type === 'else_clause' ? (alt.namedChildren.find((c) => c && c.type !== 'comment') ?? null) : alt) : null;
    this.lowerIfElse(
      cond,
      () => this.withBranchFact(facts?.[0], () => this.lowerStatement(n.childForFieldName('consequence'))),
      () => {
        if (altStatement) this.withBranchFact(facts?.[1], () => this.lowerStatement(altStatement));
      },
    );
  }

  protected withBranchFact(facts: Array<[Access, number]> | undefined, lower: () => void): void {
    for (const f of facts ?? []) this.branchFacts.push(f);
    try {
      lower();
    } finally {
      for (const _ of facts ?? []) this.branchFacts.pop();
    }
  }

  /** What `if (cond)` says of a stable flag on its then / else branch: `v` / `!v` / `v == k` / `v != k`. */
  protected stableFactsOf(cond: Node): [Array<[Access, number]> | undefined, Array<[Access, number]> | undefined] | undefined {
    let c = stripC(cond);
    let negated = false;
    while (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
      negated = !negated;
      c = stripC(c.childForFieldName('argument')!);
    }
    // `if (bs->certs && certs)`: on the then-branch both hold (the else-branch knows neither for sure).
    if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&&' && !negated) {
      const parts = [c.childForFieldName('left'), c.childForFieldName('right')].map((p) => (p ? this.stableFactsOf(p)?.[0] : undefined));
      if (parts.some((p) => !p)) return undefined;
      return [parts.flatMap((p) => p!), undefined];
    }
    const stable = (n: Node): Access | undefined => {
      const a = flagAccessOf(n);
      return a && this.stableFlags.has(a) ? a : undefined;
    };
    let facts: [Array<[Access, number]> | undefined, Array<[Access, number]> | undefined] | undefined;
    const single = stable(c);
    if (single) facts = [[[single, NONZERO_FLAG]], [[single, 0]]];
    else if (c.type === 'binary_expression') {
      const op = c.childForFieldName('operator')?.text;
      const left = stripC(c.childForFieldName('left')!);
      const k = this.constant(c.childForFieldName('right')!);
      const v = stable(left);
      if (v && k !== undefined) {
        if (op === '==') facts = [[[v, k]], k === 0 ? [[v, NONZERO_FLAG]] : undefined];
        else if (op === '!=') facts = [k === 0 ? [[v, NONZERO_FLAG]] : undefined, [[v, k]]];
      }
    }
    return facts && negated ? [facts[1], facts[0]] : facts;
  }

  protected lowerLoop(cond: Node | null, body: Node | null, update: Node | null, testFirst: boolean): void {
    const head = this.b.newBlock();
    const bodyB = this.b.newBlock();
    const updateB = this.b.newBlock();
    const after = this.b.newBlock();
    this.b.flowInto(testFirst ? head : bodyB);
    this.loopDepth++;
    if (testFirst) this.lowerLoopTest(cond, bodyB, after);
    this.b.current = bodyB;
    this.breaks.push(after);
    this.continues.push(updateB);
    this.lowerStatement(body);
    this.breaks.pop();
    this.continues.pop();
    this.b.flowInto(updateB);
    if (update) this.lowerExpression(update, true);
    if (testFirst) this.b.flowInto(head);
    else this.lowerLoopTest(cond, bodyB, after);
    this.b.current = after;
    this.loopDepth--;
  }

  protected lowerLoopTest(cond: Node | null, bodyB: number, after: number): void {
    if (!cond || constantTruth(cond) === true) {
      this.b.branch({ to: bodyB });
      return;
    }
    this.lowerCondition(cond, bodyB, after);
  }

  protected lowerWhile(n: Node): void {
    this.lowerLoop(n.childForFieldName('condition'), n.childForFieldName('body'), null, true);
  }

  protected lowerDo(n: Node): void {
    this.lowerLoop(n.childForFieldName('condition'), n.childForFieldName('body'), null, false);
  }

  protected lowerFor(n: Node): void {
    const init = n.childForFieldName('initializer');
    if (init) {
      if (init.type === 'declaration') this.lowerDeclaration(init);
      else this.lowerExpression(init, true);
    }
    this.lowerLoop(n.childForFieldName('condition'), n.childForFieldName('body'), n.childForFieldName('update'), true);
  }

  protected lowerSwitch(n: Node): void {
    const cond = n.childForFieldName('condition');
    if (cond) this.lowerExpression(cond, false);
    const head = this.b.current;
    const after = this.b.newBlock();
    this.breaks.push(after);
    this.b.current = this.b.newBlock(); // statements before the first case are unreachable
    let hasDefault = false;
    const body = n.childForFieldName('body');
    // `switch (jwk->kty) { case LWS_GENCRYPTO_KTY_EC: … }` on a flag: the case edge says its value, and a case
    // entered only from the switch (the one before it ends in break) keeps it for what it acquires.
    const subject = cond ? flagAccessOf(stripC(cond)) : null;
    const flag = subject && this.flagVars.has(subject) ? subject : null;
    let previousEnded = true;
    for (const c of body?.namedChildren ?? []) {
      if (!c) continue;
      if (c.type === 'case_statement') {
        const caseB = this.b.newBlock();
        const value = c.childForFieldName('value');
        if (!value) hasDefault = true;
        const k = flag && value ? (this.constant(value) ?? this.symbolicConstant(value)) : undefined;
        const tests = k !== undefined ? { flagTests: [{ variable: flag!, op: '==' as const, k }] } : {};
        this.b.edge(head, { to: caseB, step: { at: c, message: `${value ? `case ${shortText(value, 30)}` : 'default'} taken` }, ...tests });
        this.b.flowInto(caseB); // fallthrough from the previous case
        const statements = c.namedChildren.filter((s): s is Node => !!s && !(value && s.equals(value)) && s.type !== 'comment');
        const facts: Array<[Access, number]> | undefined = k !== undefined && previousEnded && this.stableFlags.has(flag!) ? [[flag!, k]] : undefined;
        this.withBranchFact(facts, () => {
          for (const s of statements) this.lowerStatement(s);
        });
        const last = statements[statements.length - 1];
        previousEnded = !!last && /^(break_statement|return_statement|goto_statement|continue_statement)$/.test(last.type);
      } else {
        this.lowerStatement(c);
      }
    }
    this.breaks.pop();
    if (!hasDefault) this.b.edge(head, { to: after });
    this.b.flowInto(after);
  }

  protected lowerPreprocIf(n: Node): void {
    // Both arms may be compiled: branch to each, join after. One site per call node keeps one finding per site.
    // The same condition takes the same arm everywhere in the function (`#if OPENSSL_VERSION_NUMBER < …` around
    // the allocation and again around the cleanup): each arm's edge carries the condition's value as a flag.
    if (n.type === 'preproc_else') {
      // The last arm of a chain: reached only when every condition before failed, and then always compiled.
      for (const c of n.namedChildren) if (c) this.lowerStatement(c);
      return;
    }
    const cond = preprocCondition(n);
    const alt = n.childForFieldName('alternative');
    const skip = new Set([n.childForFieldName('condition')?.id, n.childForFieldName('name')?.id, alt?.id]);
    const body = n.namedChildren.filter((c) => c && !skip.has(c.id));
    // `#if 0` is never compiled, `#if 1` always. A cleanup or hand-over under `#ifdef HAVE_X` with no `#else` is
    // taken to be compiled (`#ifndef S_SPLINT_S dsa->q = Q; #endif`): code is built with the features its cleanup
    // needs (precision over a guessed configuration).
    if (neverCompiled(n)) {
      if (alt) this.lowerPreprocIf(alt);
      return;
    }
    const alwaysCompiled = n.type === 'preproc_if' && n.childForFieldName('condition')?.text.trim() === '1';
    if (alwaysCompiled || (!alt && body.some((c) => this.releasesSomething(c) || this.handsSomethingOver(c)))) {
      for (const c of body) this.lowerStatement(c);
      return;
    }
    const head = this.b.current;
    const after = this.b.newBlock();
    const arm = (value: number | undefined, lower: () => void) => {
      const facts = cond && value !== undefined ? this.armFacts(cond.key, value) : [];
      const block = this.b.newBlock();
      this.b.edge(head, { to: block, ...(facts.length ? { flagTests: facts.map(({ key, value: k }) => ({ variable: key, op: '==' as const, k })) } : {}) });
      this.b.current = block;
      this.preprocArms.push(...facts);
      lower();
      this.preprocArms.splice(this.preprocArms.length - facts.length, facts.length);
      this.b.flowInto(after);
    };
    arm(cond?.armA, () => {
      for (const c of body) this.lowerStatement(c);
    });
    arm(cond ? 1 - cond.armA : undefined, () => {
      if (alt) this.lowerPreprocIf(alt);
    });
  }

  /**
   * What an arm of `#if key` says: the condition's value, and for a version comparison what it implies of the
   * function's other thresholds (`OPENSSL_VERSION_NUMBER >= 0x30000000` holds, so `>= 0x10002000` holds too).
   */
  protected armFacts(key: Access, value: number): Array<{ key: Access; value: number }> {
    const facts = [{ key, value }];
    const m = /^#if (\w+) >= 0x([0-9a-f]+)$/.exec(key);
    if (!m) return facts;
    const atLeast = Number.parseInt(m[2]!, 16);
    for (const other of this.versionThresholds(m[1]!)) {
      if (value === 1 && other < atLeast) facts.push({ key: versionKey(m[1]!, other), value: 1 });
      if (value === 0 && other > atLeast) facts.push({ key: versionKey(m[1]!, other), value: 0 });
    }
    return facts;
  }

  /** The thresholds `name` is compared with in the function's conditionals. */
  protected versionThresholds(name: string): number[] {
    let all = this.thresholds;
    if (!all) {
      all = this.thresholds = new Map();
      forEachDescendant(this.fn, (n) => {
        if (n.type !== 'preproc_if' && n.type !== 'preproc_elif') return true;
        const compared = versionComparison(n.childForFieldName('condition')?.text.replace(/\s+/g, ' ').trim() ?? '');
        if (compared) all!.set(compared.name, [...(all!.get(compared.name) ?? []), compared.atLeast]);
        return true;
      });
    }
    return all.get(name) ?? [];
  }

  protected lowerReturn(n: Node): void {
    const value = n.namedChild(0);
    if (value) {
      const v = stripC(value);
      const access = accessOfC(v);
      if (access) {
        this.b.emit({ k: 'transfer', target: access, api: 'return', at: n });
      } else if (v.type === 'call_expression') {
        this.lowerCall(v, { returned: true });
      } else {
        this.lowerExpression(value, false);
        // `return ok ? x : NULL;`, `return (void *)x;`: what the returned value may be is handed over; what a
        // comparison or a known call merely reads (`return X509_get_version(x) == 2;`) is not.
        for (const a of this.returnedValues(value)) this.b.emit({ k: 'transfer', target: a, api: 'return', at: n });
      }
    }
    this.b.exit('return', n);
  }

  // ---- conditions -----------------------------------------------------------------------------

  protected lowerCondition(cond: Node, t: number, f: number): void {
    const c = stripC(cond);
    const truth = constantTruth(c);
    if (truth !== undefined) {
      this.b.branch({ to: truth ? t : f });
      return;
    }
    if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
      return this.lowerCondition(c.childForFieldName('argument')!, f, t);
    }
    if (c.type === 'binary_expression') {
      const op = c.childForFieldName('operator')?.text ?? '';
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left && right && (op === '&&' || op === '||')) return this.lowerShortCircuit(op, left, right, t, f);
      if (left && right && (op === '==' || op === '!=')) {
        const subject = isNullLiteral(right) ? left : isNullLiteral(left) ? right : null;
        if (subject && numberValue(subject === left ? right : left) !== undefined && stripC(subject).type !== 'call_expression') {
          // x == NULL / x != 0
          this.setFlagTests(subject, op as FlagOp, 0, t, f);
          return this.branchOnTruth(subject, c, op === '==' ? f : t, op === '==' ? t : f);
        }
        if (subject && isNullLiteral(subject === left ? right : left) && stripC(subject === left ? right : left).type === 'null') {
          this.setFlagTests(subject, op as FlagOp, 0, t, f);
          return this.branchOnTruth(subject, c, op === '==' ? f : t, op === '==' ? t : f);
        }
      }
      if (left && right && (op === '==' || op === '!=')) {
        const a = accessOfC(left);
        const b = accessOfC(right);
        // (`ret != SC_SUCCESS` compares with a named constant, below; two pointers are compared here.)
        const constantSide = [left, right].some((n) => this.namedConstant(n) !== undefined || this.symbolicConstant(n) !== undefined);
        if (a && b && !constantSide) {
          this.lowerExpression(c, false, true);
          const step = (v: boolean) => ({ at: cond, message: `\`${shortText(cond)}\` is ${v}` });
          this.nextFlagTests = undefined;
          this.b.branch({ to: t, step: step(true), same: [{ a, b, equal: op === '==' }] }, { to: f, step: step(false), same: [{ a, b, equal: op !== '==' }] });
          return;
        }
      }
      if (left && right && op in MIRROR) {
        // `ret != SC_SUCCESS`: a named constant makes a flag test; only a number says which outcome is a failure.
        const literal = numberValue(right) !== undefined || numberValue(left) !== undefined;
        // An unknown constant decides only equality: `kty == LWS_GENCRYPTO_KTY_EC`, never `ret < SC_SUCCESS`.
        const equality = op === '==' || op === '!=';
        const named = (n: Node) => this.namedConstant(n) ?? (equality ? this.symbolicConstant(n) : undefined);
        const kRight = numberValue(right) ?? (literal ? undefined : named(right));
        const kLeft = numberValue(left) ?? (literal || kRight !== undefined ? undefined : named(left));
        const subject = kRight !== undefined ? left : kLeft !== undefined ? right : null;
        const k = kRight ?? kLeft;
        const realOp = kRight !== undefined ? op : MIRROR[op]!;
        const meaning = subject && k !== undefined && literal ? statusMeaning(realOp, k) : undefined;
        if (subject && k !== undefined) this.setFlagTests(subject, realOp as FlagOp, k, t, f);
        if (subject && meaning) {
          return this.branchOnStatus(subject, c, meaning === 'failed' ? f : t, meaning === 'failed' ? t : f);
        }
      }
    }
    if (c.type === 'identifier' || c.type === 'field_expression' || c.type === 'assignment_expression' || c.type === 'pointer_expression') {
      this.setFlagTests(c, '!=', 0, t, f);
      return this.branchOnTruth(c, c, t, f);
    }
    if (c.type === 'call_expression') {
      // `if (unlikely(ctx == NULL))`: branch-prediction hints are the condition they wrap.
      const hint = c.childForFieldName('function');
      const inner = c.childForFieldName('arguments')?.namedChildren.find((a) => a && a.type !== 'comment');
      if (hint?.type === 'identifier' && inner && /^(__builtin_expect|(ossl_|OSSL_|_+)?(un)?likely|(UN)?LIKELY)$/.test(hint.text)) {
        return this.lowerCondition(inner, t, f);
      }
      return this.branchOnStatus(c, c, t, f);
    }
    if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&') {
      // `if (err_code & ERR_CODE)` after `err_code |= ERR_FATAL`: read as `err_code != 0`.
      this.lowerExpression(c, false, true);
      this.setFlagTests(c, '!=', 0, t, f);
      const step = (v: boolean) => ({ at: cond, message: `\`${shortText(cond)}\` is ${v}` });
      const tEdge: Edge = { to: t, step: step(true) };
      const fEdge: Edge = { to: f, step: step(false) };
      this.flagEdges(tEdge, fEdge);
      this.b.branch(tEdge, fEdge);
      return;
    }
    if (c.type === 'comma_expression') {
      const left = c.childForFieldName('left');
      if (left) this.lowerExpression(left, true);
      return this.lowerCondition(c.childForFieldName('right')!, t, f);
    }
    // Lowering the condition lowers no other condition: the flag tests set above (`ret != SC_SUCCESS`,
    // `keylen > 258`) are still this branch's.
    const flagTests = this.nextFlagTests;
    this.lowerExpression(c, false);
    this.nextFlagTests = flagTests;
    const step = (v: boolean) => ({ at: cond, message: `\`${shortText(cond)}\` is ${v}` });
    const tEdge: Edge = { to: t, step: step(true) };
    const fEdge: Edge = { to: f, step: step(false) };
    this.flagEdges(tEdge, fEdge);
    this.b.branch(tEdge, fEdge);
  }

  /** `if (x)`, `if ((x = f()) == NULL)`: the edge where the value is NULL carries nothing to release. */
  protected branchOnTruth(subject: Node, cond: Node, nonNull: number, isNull: number): void {
    const s = stripC(subject);
    // `if (rc == 0)` after `rc = X509_STORE_CTX_get1_issuer(&issuer, …)`: a status, not a pointer.
    if (s.type === 'identifier' && this.statusVars.has(s.text)) return this.branchOnStatus(s, cond, nonNull, isNull);
    let access: Access | null = null;
    if (s.type === 'assignment_expression') access = this.lowerExpression(s, false) ?? null;
    else if (s.type === 'call_expression') return this.branchOnStatus(s, cond, nonNull, isNull);
    else {
      access = accessOfC(s);
      this.lowerExpression(s, false, true);
    }
    const shown = access ?? shortText(cond);
    const nonNullEdge: Edge = { to: nonNull, step: { at: cond, message: `\`${shown}\` is not NULL` } };
    const nullEdge: Edge = { to: isNull, step: { at: cond, message: `\`${shown}\` is NULL` } };
    if (access) {
      nonNullEdge.assume = [{ access, isNull: false }];
      nullEdge.assume = [{ access, isNull: true }];
      const allocator = this.allocationOnly.get(access);
      if (allocator) nullEdge.allocationFailure = allocator;
      // `if ((q = realloc(p, n)) == NULL)`: the hand-over of p happened only where q is not NULL.
      const pending = this.takePendingSuccess(access);
      if (pending) nonNullEdge.events = pending;
    }
    this.flagEdges(nonNullEdge, nullEdge);
    this.b.branch(nonNullEdge, nullEdge);
  }

  /** A status-returning call or status variable: success-only hand-overs and out-parameters depend on it. */
  protected branchOnStatus(subject: Node, cond: Node, success: number, failure: number): void {
    const s = stripC(subject);
    const successEdge: Edge = { to: success };
    const failureEdge: Edge = { to: failure };
    if (s.type === 'call_expression') {
      const successEvents: Event[] = [];
      const failureAssumptions: Access[] = [];
      // `if (SSL_get_peer_certificate(ssl) == NULL)`: a new object only tested, then dropped.
      const testedOnly = this.ownsUnnamedResult(s);
      const r = this.lowerCall(s, { successEvents, failureAssumptions, ...(testedOnly ? { inlineArg: true } : {}) });
      const temp = testedOnly && r.access?.startsWith('$inline') ? r.access : undefined;
      if (temp) {
        failureAssumptions.push(temp);
        successEvents.push({ k: 'drop', target: temp, at: s });
        failureEdge.events = [{ k: 'drop', target: temp, at: s }];
      }
      if (successEvents.length) successEdge.events = successEvents;
      if (failureAssumptions.length) failureEdge.assume = failureAssumptions.map((access) => ({ access, isNull: true }));
      const nullable = r.callee?.entry?.failsOnlyWhenNull;
      if (nullable) {
        const args = callArgsC(s);
        const accesses = nullable.map((i) => (args[i] ? accessOfC(args[i]!) : null));
        if (accesses.every((a): a is Access => !!a)) failureEdge.someNull = accesses;
      }
    } else {
      const access = s.type === 'assignment_expression' ? (this.lowerExpression(s, false) ?? null) : accessOfC(s);
      if (s.type !== 'assignment_expression') this.lowerExpression(s, false, true);
      if (access) {
        successEdge.status = { variable: access, failed: false };
        failureEdge.status = { variable: access, failed: true };
        // `ok = sk_X509_push(sk, x); if (ok <= 0) …`: the hand-over happened only where ok reports success.
        const pending = this.takePendingSuccess(access);
        if (pending) successEdge.events = [...(successEdge.events ?? []), ...pending];
      }
    }
    this.flagEdges(successEdge, failureEdge);
    successEdge.step = { at: cond, message: `\`${shortText(s)}\` succeeds` };
    failureEdge.step = { at: cond, message: `\`${shortText(s)}\` fails` };
    this.b.branch(successEdge, failureEdge);
  }
}
