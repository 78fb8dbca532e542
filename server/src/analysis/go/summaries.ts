// Summaries of the functions and methods of one Go file: which parameters (or receiver fields) a function
// releases, which it may keep (stores), and whether it returns an owned C pointer (a Go wrapper such as
// newKey() (*C.EVP_PKEY, error)). Cheap syntactic scan, iterated so helpers calling helpers are summarised.
// Only the file itself is scanned: helpers in other files of the package are unknown (passing a pointer to
// them is treated as a hand-over, which can only hide findings).
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Knowledge } from '../knowledge';
import { emptySummary, resolveCallee, type Callee, type FunctionSummary } from '../callees';
import { callEffects, RECEIVER } from '../lowering/call-semantics';
import {
  accessOfGo,
  callArgs,
  cCallName,
  goFunctionKey,
  isBenignGoCall,
  isConversionCall,
  isNil,
  namedChildren,
  parameterNamesGo,
  receiverNameGo,
  resultInfoGo,
  stripGo,
} from './syntax';
import { forEachDescendant } from '../syntax';

export interface GoSummary extends FunctionSummary {
  /** Index of the owned result among the function's results. */
  ownedResultIndex?: number;
  /** Index of the `error` result. */
  errorResultIndex?: number;
}

const ROUNDS = 3;
const NO_SUMMARIES: ReadonlyMap<string, FunctionSummary> = new Map();

export function collectFunctionsGo(root: Node): Node[] {
  const out: Node[] = [];
  forEachDescendant(root, (n) => {
    if (n.type === 'function_declaration' || n.type === 'method_declaration') {
      out.push(n);
      return false;
    }
    return true;
  });
  return out;
}

/**
 * What a C function does to ownership: the knowledge base (`C.` stripped, wrapper prefixes removed), else the
 * summary of a C helper the package compiles (cgo-helpers.ts).
 */
export function cCallee(name: string, knowledge: Knowledge, helpers: ReadonlyMap<string, FunctionSummary> = NO_SUMMARIES): Callee {
  const callee = resolveCallee(name, knowledge, helpers, 'go');
  // golang-fips/openssl re-implements 1.1 APIs for 1.0.2 with the same contract (port_dsa.c:
  // go_openssl_DSA_set0_pqg_backport takes p, q, g on success like DSA_set0_pqg).
  if ((!callee.known || callee.entry?.family === 'convention') && name.endsWith(BACKPORT)) {
    const base = resolveCallee(name.slice(0, -BACKPORT.length), knowledge, NO_SUMMARIES, 'go');
    if (base.known) return base;
  }
  return callee;
}

const BACKPORT = '_backport';

export function summarizeGo(
  functions: Node[],
  knowledge: Knowledge,
  cHelpers: ReadonlyMap<string, FunctionSummary> = NO_SUMMARIES,
  base: ReadonlyMap<string, GoSummary> = new Map(),
): Map<string, GoSummary> {
  const summaries = new Map<string, GoSummary>(base);
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    for (const fn of functions) {
      const key = goFunctionKey(fn);
      if (!key) continue;
      const next = summarizeOne(fn, knowledge, summaries, cHelpers);
      const before = summaries.get(key);
      if (!before || fingerprint(before) !== fingerprint(next)) {
        summaries.set(key, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return summaries;
}

function fingerprint(s: GoSummary): string {
  const rel = [...s.releases].map(([i, set]) => `${i}:${[...set].sort().join('|')}`).join(';');
  return `${rel}/${[...s.stores].sort().join(',')}/${[...s.wipes].sort().join(',')}/${[...s.resets].sort().join(',')}/${s.returnsOwned?.via ?? ''}/${s.ownedResultIndex ?? ''}`;
}

/** The summary of a Go call `f(...)` or `x.M(...)` when the callee is a function of this file. */
export function goCallSummary(call: Node, summaries: ReadonlyMap<string, GoSummary>, isVariable: (name: string) => boolean): GoSummary | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return isVariable(fn.text) ? undefined : summaries.get(fn.text);
  if (fn?.type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    const base = operand ? accessOfGo(operand)?.replace(/^\*/, '').split('.')[0] : undefined;
    if (base && isVariable(base)) {
      return summaries.get(`.${fn.childForFieldName('field')?.text ?? ''}`);
    }
  }
  return undefined;
}

function summarizeOne(fn: Node, knowledge: Knowledge, summaries: ReadonlyMap<string, GoSummary>, cHelpers: ReadonlyMap<string, FunctionSummary>): GoSummary {
  const summary: GoSummary = emptySummary();
  const results = resultInfoGo(fn);
  if (results.errorIndex !== undefined) summary.errorResultIndex = results.errorIndex;
  const params = parameterNamesGo(fn);
  const paramIndex = new Map<string, number>();
  params.forEach((p, i) => p && p !== '_' && paramIndex.set(p, i));
  const receiver = receiverNameGo(fn);
  if (receiver && receiver !== '_') paramIndex.set(receiver, RECEIVER);
  const body = fn.childForFieldName('body');
  if (!body) return summary;
  // Locals shadowing a parameter name make the name ambiguous: drop it (precision).
  const variables = new Set<string>(paramIndex.keys());
  forEachDescendant(body, (n) => {
    if (n.type === 'short_var_declaration' || n.type === 'var_spec') {
      const names = n.type === 'var_spec' ? n.childrenForFieldName('name') : namedChildren(n.childForFieldName('left'));
      for (const x of names) {
        if (x?.type !== 'identifier') continue;
        paramIndex.delete(x.text);
        variables.add(x.text);
      }
    }
  });
  const isVariable = (name: string) => variables.has(name);

  const paramOf = (node: Node | undefined): { index: number; suffix: string } | undefined => {
    if (!node) return undefined;
    const access = accessOfGo(node);
    if (!access || access.startsWith('*')) return undefined;
    const base = access.split('.')[0]!;
    const index = paramIndex.get(base);
    return index === undefined ? undefined : { index, suffix: access.slice(base.length) };
  };
  const addRelease = (index: number, suffix: string) => {
    let set = summary.releases.get(index);
    if (!set) summary.releases.set(index, (set = new Set()));
    set.add(suffix);
  };
  const owned = new Map<string, { release: string[]; kind: NonNullable<FunctionSummary['returnsOwned']>['kind']; via: string }>();
  let returnedAccess: string | undefined;
  const deferFreed = new Set<string>();

  const ownedOfCall = (call: Node): { result: NonNullable<FunctionSummary['returnsOwned']>; index: number } | undefined => {
    const cname = cCallName(call);
    if (cname) {
      const callee = cCallee(cname, knowledge, cHelpers);
      return callee.ownedResult ? { result: { ...callee.ownedResult, via: `C.${cname}` }, index: 0 } : undefined;
    }
    const fnNode = call.childForFieldName('function');
    if (fnNode?.type === 'identifier') {
      const s = summaries.get(fnNode.text);
      if (s?.returnsOwned) return { result: s.returnsOwned, index: s.ownedResultIndex ?? 0 };
    }
    return undefined;
  };

  forEachDescendant(body, (n) => {
    switch (n.type) {
      case 'short_var_declaration':
      case 'assignment_statement':
      case 'var_spec': {
        const left = n.type === 'var_spec' ? n.childrenForFieldName('name').filter((x): x is Node => !!x) : namedChildren(n.childForFieldName('left'));
        const right = namedChildren(n.type === 'var_spec' ? n.childForFieldName('value') : n.childForFieldName('right'));
        if (right.length === 1 && stripGo(right[0]!).type === 'call_expression') {
          const o = ownedOfCall(stripGo(right[0]!));
          const target = o ? accessOfGo(left[o.index]) : null;
          if (o && target) owned.set(target, o.result);
        }
        break;
      }
      case 'call_expression': {
        const cname = cCallName(n);
        const args = callArgs(n);
        const goSummary = cname ? undefined : goCallSummary(n, summaries, isVariable);
        if (!cname && !goSummary) break;
        const callee: Callee = cname ? cCallee(cname, knowledge, cHelpers) : { name: '', known: true, summary: goSummary! };
        const fnNode = n.childForFieldName('function')!;
        const recv = !cname && fnNode.type === 'selector_expression' ? paramOf(fnNode.childForFieldName('operand') ?? undefined) : undefined;
        const effects = callEffects(callee);
        for (const [i, suffixes] of effects.releases) {
          const p = i === RECEIVER ? recv : paramOf(args[i]);
          if (p) for (const suffix of suffixes) addRelease(p.index, p.suffix + suffix);
          // `defer C.free(unsafe.Pointer(cs))`: freed at every return, so a returned cs is already dangling.
          const freed = cname ? accessOfGo(args[i]) : null;
          if (freed && n.parent?.type === 'defer_statement') deferFreed.add(freed);
        }
        for (const i of effects.takes) {
          const p = paramOf(args[i]);
          if (p && p.suffix === '') summary.stores.add(p.index);
        }
        // A helper that wipes (OPENSSL_cleanse) or resets (X509_STORE_CTX_cleanup) its parameter.
        for (const [positions, into] of [[effects.wipes, summary.wipes], [effects.resets, summary.resets]] as const) {
          for (const i of positions) {
            const p = paramOf(args[i]);
            if (p && p.suffix === '') into.add(p.index);
          }
        }
        break;
      }
      case 'return_statement': {
        const values = namedChildren(namedChildren(n)[0]?.type === 'expression_list' ? namedChildren(n)[0] : n);
        values.forEach((v, i) => {
          const s = stripGo(v);
          const a = accessOfGo(s);
          if (a && owned.has(a) && !summary.returnsOwned) {
            summary.returnsOwned = owned.get(a)!;
            summary.ownedResultIndex = i;
            returnedAccess = a;
          } else if (s.type === 'call_expression' && !summary.returnsOwned) {
            const o = ownedOfCall(s);
            if (o && o.index === 0) {
              summary.returnsOwned = o.result;
              summary.ownedResultIndex = i;
            }
          }
        });
        break;
      }
      case 'identifier': {
        const index = paramIndex.get(n.text);
        if (index !== undefined && index !== RECEIVER && !benignUse(n, summaries, knowledge)) summary.stores.add(index);
        break;
      }
    }
    return true;
  });
  // What it returns is freed by its own defer: the caller gets nothing to release.
  if (returnedAccess && deferFreed.has(returnedAccess)) {
    delete summary.returnsOwned;
    delete summary.ownedResultIndex;
  }
  // A wrapper that also keeps what it returns is not handing over ownership cleanly: no summary (precision).
  // `cacheCipher.Store(key, cipher); return cipher`, `handles[p] = v; return p`: the caller borrows it.
  if (returnedAccess && keptElsewhere(body, returnedAccess, summaries)) {
    delete summary.returnsOwned;
    delete summary.ownedResultIndex;
  }
  return summary;
}

/**
 * Whether a local that a function returns is also stored where it outlives the call: a map key or value, a
 * field or global, a composite literal, or an argument of a Go call that is not known to only read it.
 */
function keptElsewhere(body: Node, name: string, summaries: ReadonlyMap<string, GoSummary>): boolean {
  let kept = false;
  forEachDescendant(body, (n) => {
    if (kept) return false;
    if (n.type !== 'identifier' || n.text !== name) return true;
    let x = n;
    while (x.parent && (x.parent.type === 'parenthesized_expression' || x.parent.type === 'type_conversion_expression' || (x.parent.type === 'argument_list' && x.parent.parent && isConversionCall(x.parent.parent)))) {
      x = x.parent.type === 'argument_list' ? x.parent.parent! : x.parent;
    }
    const parent = x.parent;
    if (!parent) return true;
    switch (parent.type) {
      case 'index_expression': {
        // `m[p] = v`: p is a key of a map that outlives the call.
        const stmt = parent.parent?.parent;
        if (parent.childForFieldName('index')?.id === x.id && stmt?.type === 'assignment_statement' && stmt.childForFieldName('left')?.id === parent.parent?.id) kept = true;
        break;
      }
      case 'expression_list': {
        const stmt = parent.parent;
        if (stmt?.type === 'assignment_statement' && stmt.childForFieldName('right')?.id === parent.id) {
          const i = namedChildren(parent).findIndex((c) => c.id === x.id);
          const target = namedChildren(stmt.childForFieldName('left'))[i];
          if (target && target.type !== 'identifier') kept = true;
        }
        break;
      }
      case 'literal_element':
      case 'keyed_element':
      case 'send_statement':
        kept = true;
        break;
      case 'argument_list': {
        const call = parent.parent;
        if (call?.type !== 'call_expression' || cCallName(call)) break;
        const fnNode = call.childForFieldName('function');
        if (fnNode?.type === 'identifier') {
          const s = summaries.get(fnNode.text);
          const i = callArgs(call).findIndex((a) => a.id === x.id);
          if (fnNode.text !== 'append' && (!s || s.stores.has(i))) kept = !['len', 'cap', 'copy', 'print', 'println'].includes(fnNode.text);
          else if (fnNode.text === 'append') kept = true;
        } else if (fnNode?.type === 'selector_expression') {
          if (!isBenignGoCall(fnNode.childForFieldName('operand')?.text ?? '', fnNode.childForFieldName('field')?.text ?? '')) kept = true;
        }
        break;
      }
    }
    return true;
  });
  return kept;
}

/**
 * Conservative: a parameter occurrence that is not a plain use (C call argument, nil comparison, deref, field
 * read, reassignment, argument of a summarised helper) may keep the pointer somewhere.
 */
function benignUse(id: Node, summaries: ReadonlyMap<string, GoSummary>, knowledge: Knowledge, depth = 0): boolean {
  let n = id;
  for (;;) {
    const parent = n.parent;
    if (!parent) return false;
    if (parent.type === 'parenthesized_expression' || parent.type === 'type_conversion_expression') {
      n = parent;
      continue;
    }
    if (parent.type === 'argument_list' && parent.parent && isConversionCall(parent.parent)) {
      n = parent.parent;
      continue;
    }
    break;
  }
  const parent = n.parent!;
  switch (parent.type) {
    case 'argument_list': {
      const call = parent.parent;
      if (!call || call.type !== 'call_expression') return false;
      const cname = cCallName(call);
      if (cname) return true; // releases and hand-overs of C calls are summarised above
      const fnNode = call.childForFieldName('function');
      if (fnNode?.type === 'identifier') {
        const s = summaries.get(fnNode.text);
        if (!s) return false;
        const i = callArgs(call).findIndex((a) => a.id === n.id);
        return i >= 0 && !s.stores.has(i);
      }
      if (fnNode?.type === 'selector_expression') {
        const pkg = fnNode.childForFieldName('operand')?.text ?? '';
        if (isBenignGoCall(pkg, fnNode.childForFieldName('field')?.text ?? '')) return true;
      }
      return false;
    }
    case 'binary_expression': {
      const other = parent.childForFieldName('left')?.id === n.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
      return isNil(other) || /^(==|!=|<|>|<=|>=)$/.test(parent.childForFieldName('operator')?.text ?? '');
    }
    case 'selector_expression':
      return parent.childForFieldName('operand')?.id === n.id;
    case 'unary_expression':
      return parent.text.startsWith('*');
    case 'index_expression':
    case 'slice_expression':
      return parent.childForFieldName('operand')?.id === n.id;
    case 'expression_list': {
      const stmt = parent.parent;
      if (!stmt || (stmt.type !== 'assignment_statement' && stmt.type !== 'short_var_declaration')) return false;
      if (stmt.childForFieldName('left')?.id === parent.id) return true;
      // `r := (*rsa_st)(unsafe.Pointer(key))`: a view of the parameter, harmless when the view is only read.
      const left = namedChildren(stmt.childForFieldName('left'));
      return depth < 2 && n.id !== id.id && stmt.type === 'short_var_declaration' && left.length === 1 && namedChildren(parent).length === 1 && onlyRead(left[0]!, summaries, knowledge, depth + 1);
    }
    case 'if_statement':
    case 'expression_switch_statement':
      return true;
    default:
      return false;
  }
}

/** Every later mention of the local declared by `name` (in its function) is a benign use. */
function onlyRead(name: Node, summaries: ReadonlyMap<string, GoSummary>, knowledge: Knowledge, depth: number): boolean {
  let fn: Node | null = name.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  if (!fn) return false;
  let ok = true;
  forEachDescendant(fn, (x) => {
    if (!ok) return false;
    if (x.type === 'identifier' && x.text === name.text && x.id !== name.id && !benignUse(x, summaries, knowledge, depth)) ok = false;
    return ok;
  });
  return ok;
}
