// Go front end: function_declaration / method_declaration → lifecycle CFG (see ir.ts). Models cgo: C
// allocations (C.CString, C.CBytes, C.malloc, owned OpenSSL results), releases (C.free, C.X_free, defer,
// deferred closures, helpers and methods of this file), hand-overs (return, stores that outlive the call,
// channel sends, append, closures, unknown Go functions), and Go control flow (for/range, switch, select,
// labels, goto, panic, os.Exit/log.Fatal). This layer: statements, conditions and assignments.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Access, Edge, FunctionCfg } from '../ir';
import { forEachDescendant, shortText } from '../syntax';
import { GoDeferLowerer } from './defer';
import { goCallSummary } from './summaries';
import { accessOfGo, cCallName, namedChildren, nilTest, statusTest, stripGo, stripParens } from './syntax';

export type { GoLowerEnv } from './state';

export class GoLowerer extends GoDeferLowerer {
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

  // ---- statements ---------------------------------------------------------------------------------

  protected lowerStatement(n: Node | null | undefined, topLevel = false): void {
    if (!n) return;
    const saved = this.statement;
    this.statement = n;
    try {
      this.lowerStatementInner(n, topLevel);
    } finally {
      this.statement = saved;
    }
  }

  protected lowerStatementInner(n: Node, topLevel: boolean): void {
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
      case 'goto_statement':
        this.hasGoto = true;
        return this.lowerGoto(namedChildren(n).find((c) => c.type === 'label_name')?.text, n);
      case 'labeled_statement': {
        const label = n.childForFieldName('label')?.text;
        this.enterLabel(label);
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

  protected takeLabel(): string | undefined {
    const l = this.pendingLabel;
    this.pendingLabel = undefined;
    return l;
  }

  protected lowerIf(n: Node): void {
    this.takeLabel();
    const init = n.childForFieldName('initializer');
    if (init) this.lowerStatement(init);
    this.lowerIfElse(
      n.childForFieldName('condition'),
      () => this.lowerStatement(n.childForFieldName('consequence')),
      () => this.lowerStatement(n.childForFieldName('alternative')),
    );
  }

  protected lowerFor(n: Node): void {
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

  protected lowerSwitch(n: Node): void {
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

  protected lowerSelect(n: Node): void {
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

  protected lowerReturn(n: Node): void {
    const list = namedChildren(n)[0];
    const values = list ? (list.type === 'expression_list' ? namedChildren(list) : [list]) : [];
    for (const v of values) this.handOver(v, n, 'return');
    if (values.length === 0) {
      // Bare return with named results hands them over.
      for (const r of this.results.names) if (r && r !== '_') this.b.emit({ k: 'transfer', target: r, api: 'return', at: n });
    }
    this.exitWith('return', n, values.length ? values : undefined);
  }

  // ---- conditions -----------------------------------------------------------------------------------

  protected lowerCondition(cond: Node, t: number, f: number): void {
    const c = stripParens(cond);
    if (c.type === 'true' || c.type === 'false') {
      this.b.branch({ to: c.type === 'true' ? t : f });
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
      if (left && right && (op === '&&' || op === '||')) return this.lowerShortCircuit(op, left, right, t, f);
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
      this.b.branch(nonNullEdge, nullEdge);
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
        // `ret := C.DSA_set0_pqg(d, p, q, g); if ret != 1 {…}`: the hand-over happened only where ret reports success.
        const pending = this.takePendingSuccess(variable);
        if (pending) success.events = [...(success.events ?? []), ...pending];
      }
    }
    this.b.branch(trueEdge, falseEdge);
  }

  // ---- assignments ----------------------------------------------------------------------------------

  protected lowerAssignment(n: Node): void {
    const isSpec = n.type === 'var_spec';
    const left = isSpec ? n.childrenForFieldName('name').filter((x): x is Node => !!x) : namedChildren(n.childForFieldName('left'));
    const right = namedChildren(isSpec ? n.childForFieldName('value') : n.childForFieldName('right'));
    const op = isSpec ? '=' : (n.childForFieldName('operator')?.text ?? (n.type === 'short_var_declaration' ? ':=' : '='));
    if (op !== '=' && op !== ':=') {
      for (const r of right) this.lowerExpression(r, false);
      return;
    }
    for (const l of left) this.errOwner.delete(l.text);
    if (isSpec && !right.length) return this.lowerZeroValues(left, n);
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
   * `var s *C.char` in a loop body is a new variable each time round, nil until assigned: what the previous
   * iteration's `s` held is not this one's. Only for a name declared once (another declaration may be an
   * outer variable this one shadows, which lives on).
   */
  private lowerZeroValues(names: Node[], stmt: Node): void {
    for (const x of names) {
      if (x.type !== 'identifier' || this.params.has(x.text) || this.declarationCount.get(x.text) !== 1) continue;
      this.b.emit({ k: 'assign', target: x.text, from: null, at: stmt });
    }
  }

  protected assignOne(l: Node, value: Node, stmt: Node): void {
    const target = accessOfGo(l);
    this.flushPendingSuccess(target, false);
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
  protected viewOf(v: Node): Access | null {
    if (v.type !== 'slice_expression') return null;
    const operand = v.childForFieldName('operand');
    const s = operand ? stripGo(operand) : null;
    if (!s || s.id === operand?.id) return null;
    return accessOfGo(s);
  }

  protected lowerMultiAssign(left: Node[], value: Node, stmt: Node): void {
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
}
