// Go front end, third layer: defer. A deferred C release (`defer C.free(unsafe.Pointer(p))`) or helper runs at
// every later exit with the arguments it has now; a deferred closure reads its captured variables when it
// runs, guarded by what it tests (`if err != nil`), at the top level or inside a block.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Access } from '../ir';
import { forEachDescendant, shortText } from '../syntax';
import type { Callee } from '../callees';
import { callEffects, RECEIVER } from '../lowering/call-semantics';
import { GoExpressionLowerer } from './expressions';
import { BUILTINS, type ExitAction } from './state';
import { cCallee, goCallSummary } from './summaries';
import { accessOfGo, callArgs, cCallName, goNoreturn, isBenignGoCall, isInside, namedChildren, nilTest, parameterNamesGo } from './syntax';

export abstract class GoDeferLowerer extends GoExpressionLowerer {
  protected lowerDefer(n: Node, topLevel: boolean): void {
    const call = namedChildren(n)[0];
    if (!call || call.type !== 'call_expression') return;
    const fnNode = call.childForFieldName('function');
    const args = callArgs(call);
    const cname = cCallName(call);
    if (cname) {
      // Arguments are evaluated now: `defer C.free(unsafe.Pointer(p))` frees the value p has here.
      const callee = cCallee(cname, this.env.knowledge, this.env.cHelpers);
      const wipes = callee.entry?.wipes;
      // A helper keeping its argument (`virTypedParamsFreeWrapper` hands it to libvirt) disposes of it at exit.
      const releases = [...new Set([...wholeReleases(callee), ...(callee.summary?.stores ?? []), ...this.keptByUnknownC(cname, callee, args)])];
      for (const i of releases) {
        const a = args[i] ? accessOfGo(args[i]) : null;
        if (a) this.emitDeferred({ k: 'deferRelease', target: a, api: `C.${cname}`, at: call, ...(wipes !== undefined ? { wipes: true } : {}) });
      }
      // `defer C.OPENSSL_cleanse(key, n)`: runs at exit, before the frees deferred earlier.
      const wiped = wipes !== undefined && !releases.length && args[wipes] ? accessOfGo(args[wipes]) : null;
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
  protected closureReleases(body: Node, shadowed: Set<string>): ExitAction[] {
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
        const callee = cCallee(cname, this.env.knowledge, this.env.cHelpers);
        const entry = callee.entry;
        for (const i of wholeReleases(callee)) {
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

  protected guardOf(call: Node, body: Node, access: Access): Pick<ExitAction, 'when' | 'errName'> {
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
}

/** The arguments a C call releases whole: its knowledge entry's, or those of a C helper's summary. */
function wholeReleases(callee: Callee): number[] {
  return callEffects(callee)
    .releases.filter(([, suffixes]) => suffixes.has(''))
    .map(([i]) => i);
}
