// Bottom-up summaries of the functions of one C file: which parameters (or their fields) a function
// releases or stores, whether it returns an owned object, whether it never returns. Cheap syntactic scan,
// iterated so that helpers calling helpers are summarised too.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Knowledge } from '../knowledge';
import { emptySummary, resolveCallee, resourceKindOf, type FunctionSummary } from '../callees';
import { callEffects, looksLikeReleaser, namesReleaser } from '../lowering/call-semantics';
import { forEachDescendant } from '../syntax';
import { NORETURN_MARK } from './macros';
import { accessOfC, addressOperand, baseOf, callArgsC, declaredName, functionNameC, inUncompiledArm, isNullLiteral, neverCompiled, parameterNamesC, stripC } from './syntax';

const ROUNDS = 3;

export function collectFunctionsC(root: Node): Node[] {
  const out: Node[] = [];
  forEachDescendant(root, (n) => {
    if (n.type === 'function_definition') {
      out.push(n);
      return false;
    }
    return true;
  });
  return out;
}

/**
 * One definition per configuration: where `#if`/`#else` arms define a function twice (an OpenSSL 1.1 and a 1.0
 * version of a shim), the arm not compiled on the assumed build is left out; otherwise the last one would win.
 */
function compiledDefinitions(functions: Node[]): Node[] {
  const count = new Map<string, number>();
  for (const fn of functions) {
    const name = functionNameC(fn);
    if (name) count.set(name, (count.get(name) ?? 0) + 1);
  }
  if (![...count.values()].some((n) => n > 1)) return functions;
  return functions.filter((fn) => (count.get(functionNameC(fn) ?? '') ?? 0) < 2 || !inUncompiledArm(fn));
}

/** Names declared `noreturn` anywhere in the file (prototypes or definitions). */
function noreturnNames(root: Node): Set<string> {
  const names = new Set<string>();
  forEachDescendant(root, (n) => {
    if (n.type === 'declaration' || n.type === 'function_definition') {
      const head = n.type === 'function_definition' ? n.text.slice(0, (n.childForFieldName('body')?.startIndex ?? n.endIndex) - n.startIndex) : n.text;
      if (NORETURN_MARK.test(head)) {
        const name = n.type === 'function_definition' ? functionNameC(n) : declaredName(n.childForFieldName('declarator'));
        if (name) names.add(name);
      }
      return false;
    }
    return n.type === 'translation_unit' || n.type.startsWith('preproc_') || n.type === 'linkage_specification' || n.type === 'declaration_list' || n.type === 'ERROR';
  });
  return names;
}

/**
 * `remember`: keep each function's summary on its node for the next version of an edited document.
 * `declaredNoreturn`: functions the file's headers declare noreturn.
 * `external`: summaries of the project's functions defined in other files (project-index.ts); the file's own
 * definitions win on a name clash.
 */
export function summarizeC(
  functions: Node[],
  root: Node,
  knowledge: Knowledge,
  remember = false,
  declaredNoreturn: ReadonlySet<string> = new Set(),
  external: ReadonlyMap<string, FunctionSummary> = new Map(),
): Map<string, FunctionSummary> {
  const summaries = new Map<string, FunctionSummary>(external);
  functions = compiledDefinitions(functions);
  const noreturn = noreturnNames(root);
  for (const name of declaredNoreturn) noreturn.add(name);
  for (const name of noreturn) summaries.set(name, { ...emptySummary(), noreturn: /raise|longjmp/i.test(name) ? 'unwind' : 'process-exit' });
  // Round 0 summarises every function; a later round redoes only those calling a function whose summary
  // changed in the round before (helpers calling helpers), so most files are walked once.
  const callsOf = new Map<Node, Set<string>>();
  let changedNames: Set<string> | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const changedNow = new Set<string>();
    for (const fn of functions) {
      const name = functionNameC(fn);
      // A library's own implementation of an API (`SSL_SESSION_free` in ssl_sess.c): the documented contract wins.
      if (!name || knowledge.lookup(name)) continue;
      const previousCalls = callsOf.get(fn);
      if (changedNames && previousCalls && ![...previousCalls].some((c) => changedNames!.has(c))) continue;
      const { summary, calls } = remember ? summarizeRemembered(fn, knowledge, summaries) : summarizeFresh(fn, knowledge, summaries);
      callsOf.set(fn, calls);
      const next = noreturn.has(name) ? { ...summary, noreturn: /raise|longjmp/i.test(name) ? ('unwind' as const) : ('process-exit' as const) } : summary;
      const before = summaries.get(name);
      if (!before || fingerprint(before) !== fingerprint(next)) {
        summaries.set(name, next);
        changedNow.add(name);
      }
    }
    if (changedNow.size === 0) break;
    changedNames = changedNow;
  }
  return summaries;
}

/** All summaries of a file as one string: a function's analysis depends on them (function-cache.ts). */
export function summariesFingerprint(summaries: ReadonlyMap<string, FunctionSummary>): string {
  return [...summaries].map(([name, s]) => `${name}=${printOf(s)}`).join('\n');
}

/**
 * A function's summary depends only on its syntax, the knowledge base and the summaries of the functions it
 * calls. Between versions of an edited document most function nodes are the same objects (grafted, see
 * parsing/syntax-node.ts), so the last result is kept per node with what it read, and reused while that holds.
 */
interface Remembered {
  knowledge: Knowledge;
  /** Fingerprint of each callee's summary as read (empty: none). */
  read: Map<string, string>;
  summary: FunctionSummary;
  calls: Set<string>;
}
const remembered = new WeakMap<Node, Remembered>();

function summarizeRemembered(fn: Node, knowledge: Knowledge, summaries: ReadonlyMap<string, FunctionSummary>): { summary: FunctionSummary; calls: Set<string> } {
  const last = remembered.get(fn);
  if (last && last.knowledge === knowledge && [...last.read].every(([name, print]) => printOf(summaries.get(name)) === print)) return last;
  const calls = new Set<string>();
  const summary = summarizeOne(fn, knowledge, summaries, calls);
  const read = new Map<string, string>();
  for (const name of calls) read.set(name, printOf(summaries.get(name)));
  remembered.set(fn, { knowledge, read, summary, calls });
  return { summary, calls };
}

function summarizeFresh(fn: Node, knowledge: Knowledge, summaries: ReadonlyMap<string, FunctionSummary>): { summary: FunctionSummary; calls: Set<string> } {
  const calls = new Set<string>();
  return { summary: summarizeOne(fn, knowledge, summaries, calls), calls };
}

/** One line per summary: equal lines, equal summaries. */
export function printOf(s: FunctionSummary | undefined): string {
  return s ? `${fingerprint(s)}:${s.returnsOwned ? `${s.returnsOwned.kind}:${s.returnsOwned.release.join(',')}` : ''}` : '';
}

const fingerprints = new WeakMap<FunctionSummary, string>();

/** Summaries are not changed once made (a noreturn variant is a copy), so each is printed once. */
function fingerprint(s: FunctionSummary): string {
  let print = fingerprints.get(s);
  if (print === undefined) fingerprints.set(s, (print = printSummary(s)));
  return print;
}

function printSummary(s: FunctionSummary): string {
  const rel = [...s.releases].map(([i, set]) => `${i}:${[...set].sort().join('|')}`).join(';');
  return `${rel}/${[...s.stores].join(',')}/${[...s.wipes].join(',')}/${[...s.resets].join(',')}/${s.returnsOwned?.via ?? ''}/${s.noreturn ?? ''}/${[...(s.opaque ?? [])].join(',')}/${[...(s.replaces ?? [])].map(([i, set]) => `${i}:${[...set].sort().join('|')}`).join(';')}`;
}

function summarizeOne(
  fn: Node,
  knowledge: Knowledge,
  summaries: ReadonlyMap<string, FunctionSummary>,
  calls: Set<string>,
): FunctionSummary {
  const summary = emptySummary();
  const params = parameterNamesC(fn);
  const paramIndex = new Map(params.map((p, i) => [p, i] as const).filter(([p]) => p));
  const body = fn.childForFieldName('body');
  if (!body) return summary;
  const locals = new Set<string>();
  /** Locals that only ever hold a parameter (`struct entry *e = data;`): their fields are the parameter's. */
  const paramAliases = new Map<string, number>();
  /** Owned locals that also escape (`list = ret;`, `ret = lookup(name);`): a lookup-or-create function. */
  const notOwned = new Set<string>();
  const returned: string[] = [];
  let returnsBorrowed = false;
  const ownedVars = new Map<string, { release: string[]; kind: FunctionSummary['returnsOwned'] extends infer R ? (R extends { kind: infer K } ? K : never) : never; via: string }>();

  const paramOf = (access: string | null): { index: number; suffix: string } | undefined => {
    if (!access) return undefined;
    if (access.startsWith('*')) {
      const idx = paramIndex.get(access.slice(1));
      if (idx !== undefined) return { index: idx, suffix: '*' };
      // `(*sm_apdu)->data`: a field of what the parameter points to.
      const m = /^\*([A-Za-z_]\w*)(->.+)$/.exec(access);
      const pointee = m && !locals.has(m[1]!) ? paramIndex.get(m[1]!) : undefined;
      return pointee === undefined ? undefined : { index: pointee, suffix: `*${m![2]}` };
    }
    const base = baseOf(access);
    const alias = paramAliases.get(base);
    if (alias !== undefined && !access.startsWith('*')) return { index: alias, suffix: access.slice(base.length) };
    const idx = paramIndex.get(base);
    if (idx === undefined || locals.has(base)) return undefined;
    return { index: idx, suffix: access.slice(base.length) };
  };
  /** Fields of a parameter the body assigns (`p->name = NULL`, `p->name = strdup(v)`), as `index|suffix`. */
  const assignedFields = new Set<string>();
  const addRelease = (index: number, suffix: string) => {
    let set = summary.releases.get(index);
    if (!set) summary.releases.set(index, (set = new Set()));
    set.add(suffix);
  };

  /** Parameters the body moves (`line = special + 1;`, `p++`): what they point to later is not what was passed. */
  const moved = movedParameters(body, paramIndex);

  const visit = (n: Node): boolean => {
    // `#if 0` is never compiled: only its `#else` arm counts.
    if (neverCompiled(n)) {
      const alt = n.childForFieldName('alternative');
      if (alt) forEachDescendant(alt, visit);
      return false;
    }
    if (n.type === 'declaration') {
      for (const d of n.childrenForFieldName('declarator')) {
        if (!d) continue;
        const inner = d.type === 'init_declarator' ? d.childForFieldName('declarator') : d;
        const name = declaredName(inner);
        if (name) locals.add(name);
        const value = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
        if (name && value) noteOwned(name, value);
        const from = value ? paramOf(accessOfC(value)) : undefined;
        if (name && from && from.suffix === '') paramAliases.set(name, from.index);
      }
    } else if (n.type === 'assignment_expression') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const target = accessOfC(left);
      if (target && right) noteOwned(target, right);
      const field = paramOf(target);
      if (field && field.suffix !== '' && field.suffix !== '*') assignedFields.add(`${field.index}|${field.suffix}`);
      if (right && n.childForFieldName('operator')?.text === '=') {
        const rightAccess = accessOfC(right);
        // `acme_cfgs = ret;`, `e->next = ret;`: the object is linked somewhere that outlives the call.
        if (rightAccess && locals.has(rightAccess) && (!target || target !== baseOf(target) || !locals.has(target))) notOwned.add(rightAccess);
        // `ret = get_cfg(name);` on another path: the result is not always a new object.
        const r = stripC(right);
        if (target && locals.has(target) && r.type === 'call_expression') {
          const fnNode = r.childForFieldName('function');
          if (fnNode?.type !== 'identifier' || !resolveCallee(fnNode.text, knowledge, summaries, 'c').ownedResult) notOwned.add(target);
        }
        const from = paramOf(rightAccess);
        // p stored into a global, another parameter's field, an out-parameter or an array (`cache[n++] = p`)
        // outlives the call.
        // Any field or pointee counts, even of a local object (`base->buf = buf; cbb->base = base;`).
        // (A member of a struct on the stack, `keybuf.data = key;`, dies with the call: not a store.)
        const stackMember = !!target && /^[A-Za-z_]\w*(~\d+)?\.[A-Za-z_]\w*$/.test(target) && locals.has(baseOf(target));
        if (from && from.suffix === '' && !moved.has(from.index) && !stackMember && (!target || target !== baseOf(target) || !locals.has(target))) summary.stores.add(from.index);
      }
    } else if (n.type === 'call_expression') {
      const fnNode = n.childForFieldName('function');
      if (fnNode?.type !== 'identifier') return true;
      calls.add(fnNode.text);
      const callee = resolveCallee(fnNode.text, knowledge, summaries, 'c');
      const args = callArgsC(n);
      // `X509_up_ref(issuer); return issuer;`: the caller gets a reference of its own to release.
      const upRef = callee.entry?.upRef;
      if (upRef !== undefined && args[upRef] && /_up_ref$/.test(fnNode.text)) {
        const target = accessOfC(stripC(args[upRef]!));
        const release = fnNode.text.replace(/_up_ref$/, '_free');
        if (target && knowledge.lookup(release)?.releases?.length) ownedVars.set(target, { release: [release], kind: 'ossl', via: fnNode.text });
      }
      // `asprintf(&ret, …)` then `return ret`: an allocation through an out-parameter makes a wrapper too.
      for (const out of callee.entry?.outParams ?? []) {
        const into = args[out.arg] ? addressOperand(stripC(args[out.arg]!)) : null;
        if (!into) continue;
        const target = accessOfC(into);
        if (target && !fnNode.text.startsWith('i2d_')) {
          ownedVars.set(target, { release: out.release, kind: resourceKindOf(callee.entry!, knowledge.sourceOf(callee.entry!), 'c'), via: fnNode.text });
        }
      }
      const argParam = (i: number) => {
        const a = args[i];
        if (!a) return undefined;
        const s = stripC(a);
        // helper(&p->x) or helper(p) where p is a T**: pass through as '*'.
        if (addressOperand(s)) return undefined;
        return paramOf(accessOfC(s));
      };
      if (!callee.known) {
        // `ckch_conf_clean(&s->conf)`, `helper(s)` defined elsewhere: what s holds may be released there.
        for (const a of args) {
          const x = stripC(a);
          const p = paramOf(accessOfC(addressOperand(x) ?? x));
          if (p) (summary.opaque ??= new Set()).add(p.index);
        }
        // `sqlite3_result_text(ctx, s, n, &free)`: given a destructor, the callee keeps what it is passed.
        if (args.some((a) => namesReleaser(destructorName(a), knowledge))) {
          for (const a of args) {
            const p = paramOf(accessOfC(stripC(a)));
            if (p && p.suffix === '') summary.stores.add(p.index);
          }
        }
      }
      if (!callee.known && /(^|_)(new|create|wrap)(_|$)/i.test(fnNode.text)) {
        // `bufferevent_openssl_socket_new(base, fd, ssl, …)`: an outside constructor wraps the parameter.
        args.forEach((_, i) => {
          const p = argParam(i);
          if (p && p.suffix === '') summary.stores.add(p.index);
        });
      }
      if (!callee.known && looksLikeReleaser(fnNode.text)) {
        // `freezero(p, n)`: we cannot vouch for the release, but the caller must not report a leak either.
        const p = argParam(0);
        if (p && p.suffix === '') summary.stores.add(p.index);
        // `ha_free(&conf->ca_file)`: a free-and-NULL macro releases the field it is given the address of.
        const a0 = args[0] ? stripC(args[0]) : undefined;
        const field = a0 ? addressOperand(a0) : null;
        if (field) {
          const q = paramOf(accessOfC(field));
          if (q && q.suffix !== '' && q.suffix !== '*') addRelease(q.index, q.suffix);
        }
      }
      // What the call does to its arguments, as far as they are this function's parameters (or their fields).
      const effects = callEffects(callee);
      for (const [i, suffixes] of effects.releases) {
        const p = argParam(i);
        if (!p) continue;
        // `err: if (options & CLOSE_ON_FREE) SSL_free(ssl); return NULL;`: released on some paths only. The
        // caller cannot tell which, so it no longer owns it (no leak), but it is not freed for sure either.
        // (Fields freed per type, `switch (key->algorithm) { case …: free(key->u.ec.x); }`, stay releases: the
        // destructor frees what the object holds, whichever it is.)
        if (p.suffix === '' && suffixes.has('') && releasedOnSomePaths(n, body, args[i]!)) {
          summary.stores.add(p.index);
          continue;
        }
        for (const suffix of suffixes) {
          if (suffix === '*') continue;
          addRelease(p.index, p.suffix + suffix);
          // The callee released and replaced it: so did this function.
          if (callee.summary?.replaces?.get(i)?.has(suffix)) assignedFields.add(`${p.index}|${p.suffix + suffix}`);
        }
      }
      for (const i of [...effects.takes, ...effects.stores]) {
        const p = argParam(i);
        if (p && p.suffix === '') summary.stores.add(p.index);
      }
      for (const [positions, into] of [[effects.wipes, summary.wipes], [effects.resets, summary.resets]] as const) {
        for (const i of positions) {
          const p = argParam(i);
          if (p) into.add(p.index);
        }
      }
    } else if (n.type === 'return_statement') {
      const value = n.namedChild(0);
      if (!value) return true;
      let v = stripC(value);
      // `return name ? strdup(name) : NULL;`: the call is what the caller may get.
      if (v.type === 'conditional_expression') {
        const arms = [v.childForFieldName('consequence'), v.childForFieldName('alternative')].map((a) => (a ? stripC(a) : undefined));
        const call = arms.find((a) => a?.type === 'call_expression');
        if (call && arms.some((a) => a && isNullLiteral(a))) v = call;
      }
      const access = accessOfC(v);
      if (access && ownedVars.has(access)) returned.push(access);
      // `return input;`, `return "[redacted]";`, `return fallback;` (a static): on that path the caller gets
      // something it must not free, so the function is no allocator (net_ossl_sanitize_log_value).
      else if (v.type === 'string_literal' || (access && !isNullLiteral(v) && (paramOf(access) !== undefined || !locals.has(baseOf(access))))) returnsBorrowed = true;
      else if (v.type === 'call_expression') {
        const fnNode = v.childForFieldName('function');
        if (fnNode?.type === 'identifier') {
          const callee = resolveCallee(fnNode.text, knowledge, summaries, 'c');
          const filled = callee.entry?.fillsArg !== undefined ? v.childForFieldName('arguments')?.namedChildren[callee.entry.fillsArg] : undefined;
          if (callee.ownedResult && !(filled && !isNullLiteral(filled))) summary.returnsOwned ??= { ...callee.ownedResult, via: fnNode.text };
          // `return testmode ? … : smfi_getsymval(ctx, sym)`-style dispatch: on that path the result is whatever
          // the other function returns, not known to be the caller's to free.
          else returnsBorrowed = true;
        }
      }
    }
    return true;
  };
  forEachDescendant(body, visit);
  // `bd->bio = BIO_new(…); *out = bd; return bd->bio;`: the holder escaped too.
  // `p->cache = strdup(v); return p->cache;`: what a parameter's field keeps is the parameter's, returned borrowed.
  const keptByParameter = (access: string) => {
    const p = paramOf(access);
    return !!p && p.suffix !== '' && p.suffix !== '*';
  };
  for (const access of returned) if (!notOwned.has(access) && !notOwned.has(baseOf(access)) && !keptByParameter(access)) summary.returnsOwned ??= ownedVars.get(access)!;
  // Only a function returning a pointer returns an object (`static int name_oneline(…)` does not).
  if (summary.returnsOwned && (!returnsPointer(fn) || returnsBorrowed)) delete summary.returnsOwned;
  const never = endsNeverReturning(body, knowledge, summaries);
  if (never) summary.noreturn = never;
  // `free(p->name); p->name = strdup(v);` (or `= NULL`): the field's old object is released and the field then
  // holds something else, which the caller's later release of p frees as its own.
  for (const [index, suffixes] of summary.releases) {
    for (const suffix of suffixes) {
      if (suffix !== '' && assignedFields.has(`${index}|${suffix}`)) {
        let set = (summary.replaces ??= new Map<number, Set<string>>()).get(index);
        if (!set) summary.replaces.set(index, (set = new Set<string>()));
        set.add(suffix);
      }
    }
  }
  return summary;

  function noteOwned(target: string, value: Node): void {
    const v = stripC(value);
    if (v.type !== 'call_expression') return;
    const fnNode = v.childForFieldName('function');
    if (fnNode?.type !== 'identifier') return;
    const callee = resolveCallee(fnNode.text, knowledge, summaries, 'c');
    if (callee.ownedResult) ownedVars.set(target, { ...callee.ownedResult, via: fnNode.text });
  }
}

/**
 * `void fatal(const char *m, …) { va_list ap; …; exit(1); }`: no return anywhere, and the body ends in a call
 * that never returns (exit, abort, longjmp, or a project function that does not).
 */
function endsNeverReturning(body: Node, knowledge: Knowledge, summaries: ReadonlyMap<string, FunctionSummary>): FunctionSummary['noreturn'] {
  const statements = body.namedChildren.filter((c) => c.type !== 'comment');
  const last = statements[statements.length - 1];
  const call = last?.type === 'expression_statement' && last.namedChild(0) ? stripC(last.namedChild(0)!) : undefined;
  const fnNode = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (fnNode?.type !== 'identifier') return undefined;
  const kind = resolveCallee(fnNode.text, knowledge, summaries, 'c').noreturn;
  if (!kind) return undefined;
  let returns = false;
  forEachDescendant(body, (n) => {
    if (n.type === 'return_statement') returns = true;
    return !returns;
  });
  return returns ? undefined : kind;
}

function movedParameters(body: Node, paramIndex: ReadonlyMap<string, number>): Set<number> {
  const moved = new Set<number>();
  forEachDescendant(body, (n) => {
    const target = n.type === 'assignment_expression' ? n.childForFieldName('left') : n.type === 'update_expression' ? n.childForFieldName('argument') : null;
    const index = target?.type === 'identifier' ? paramIndex.get(target.text) : undefined;
    if (index !== undefined) moved.add(index);
    return true;
  });
  return moved;
}

/**
 * A release inside the body that not every path reaches: under a test other than one of the released
 * object itself (`if (p) free(p)`, `if (s->x != NULL)`), or after a top-level `return` (an error label only
 * gotos reach).
 */
function releasedOnSomePaths(call: Node, body: Node, released: Node): boolean {
  const target = accessOfC(addressOperand(stripC(released)) ?? stripC(released));
  let child = call;
  for (let n = call.parent; n && n !== body; child = n, n = n.parent) {
    if (n.type === 'if_statement' || n.type === 'conditional_expression' || n.type === 'while_statement' || n.type === 'for_statement' || n.type === 'switch_statement') {
      const condition = n.childForFieldName('condition');
      if (!condition || condition === child) continue;
      if (!(target && testsOnlyPresenceOf(condition, target))) return true;
    }
  }
  const statements = body.namedChildren;
  const at = statements.indexOf(child);
  return at > 0 && statements.slice(0, at).some((s) => s.type === 'return_statement');
}

/** `p`, `!p`, `p != NULL`, `(s->x)`: the condition asks only whether `access` (or what holds it) is set. */
function testsOnlyPresenceOf(condition: Node, access: string): boolean {
  const text = condition.text.replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');
  const m = /^!?\(?([\w.>\-[\]]+?)\)?(?:[!=]=(?:NULL|0|\(void\*\)0))?$/.exec(text);
  return !!m && (m[1] === access || access.startsWith(`${m[1]}->`) || access.startsWith(`${m[1]}.`));
}

/** `T *f(…)`, `T **f(…)`: the declarator of the definition wraps the function declarator in a pointer. */
function returnsPointer(fn: Node): boolean {
  const d = fn.childForFieldName('declarator');
  if (!d) return true;
  return d.type === 'pointer_declarator' || (d.type !== 'function_declarator' && d.text.trimStart().startsWith('*'));
}

/** The function an argument names, through casts and `&` (`(GDestroyNotify)g_free`, `&free`). */
function destructorName(arg: Node): string {
  let s = stripC(arg);
  for (;;) {
    if (s.type === 'cast_expression') s = stripC(s.childForFieldName('value') ?? s);
    else if (s.type === 'pointer_expression' && s.text.startsWith('&')) s = stripC(s.childForFieldName('argument') ?? s);
    else break;
  }
  return s.type === 'identifier' ? s.text : '';
}
