// What a C file's own text and the headers it includes say beyond its syntax tree (read once per text):
// named constants, pointer typedefs, noreturn declarations, and function-like macros of the project that leave
// the function: `LOG_FUNC_RETURN(ctx, r)` (OpenSC log.h) always
// returns, `LOG_TEST_RET(ctx, r, text)` returns when r < 0, `goto_if_error(r, msg, cleanup)` (tpm2-tss) jumps
// to a label. They stay calls in the syntax tree; read from the file and the headers it includes, they become
// the exits and jumps they are.

export interface MacroExit {
  kind: 'return' | 'goto';
  /** Taken on some expansions only (`if (_ret < 0) { …; return _ret; }`): the path may go on after it. */
  conditional: boolean;
  /** goto: the label, written in the macro (`goto err`) or passed as the argument at `labelArg`. */
  label?: string;
  labelArg?: number;
  /**
   * What the guard of a conditional exit tests, when it tests an argument: `if ((p) == NULL) { …; return ec; }`
   * leaves when argument `arg` is NULL ('null'), `if ((r) != TSS2_RC_SUCCESS)` / `if (_ret < 0)` when the
   * status in it reports a failure ('failed').
   */
  test?: { arg: number; when: 'null' | 'nonnull' | 'failed'; failure?: { op: '<' | '<=' | '!='; k: string } };
}

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)\(([^()]*)\)((?:[^\n\\]|\\\n|\\(?!\n))*)$/gm;

interface Define {
  params: string[];
  exit?: MacroExit;
  /** `#define LOG_FUNC_RETURN(ctx, r) SC_FUNC_RETURN((ctx), SC_LOG_DEBUG_NORMAL, (r))`: a macro that is another. */
  alias?: { inner: string; args: string[] };
}

/** What one text (a file or a header) says, read once per text: headers are read by every file including them. */
interface TextFacts {
  defines: Map<string, Define>;
  constants: Map<string, number>;
  pointerTypes: Set<string>;
  noreturn: Set<string>;
}

const factsByText = new Map<string, TextFacts>();
const FACTS_CACHE_LIMIT = 512;

function factsOf(text: string): TextFacts {
  let facts = factsByText.get(text);
  if (facts) return facts;
  const defines = new Map<string, Define>();
  if (text.includes('define')) {
    for (const m of text.matchAll(DEFINE)) {
      if (defines.has(m[1]!)) continue;
      const body = m[3]!.replace(/\\\n/g, ' ').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/g, ' ');
      const params = m[2]!.split(',').map((p) => p.trim());
      const exit = /\b(return|goto)\b/.test(body) ? exitOf(body, params) : undefined;
      const call = exit ? null : /^\s*([A-Za-z_]\w*)\s*\((.*)\)\s*;?\s*$/.exec(body);
      defines.set(m[1]!, { params, ...(exit ? { exit } : {}), ...(call ? { alias: { inner: call[1]!, args: splitArgs(call[2]!).map((a) => a.replace(/[()]/g, '').trim()) } } : {}) });
    }
  }
  facts = { defines, constants: constantsIn(text), pointerTypes: pointerTypedefsIn(text), noreturn: noreturnDeclaredIn(text) };
  if (factsByText.size >= FACTS_CACHE_LIMIT) factsByText.clear();
  factsByText.set(text, facts);
  return facts;
}

export interface ProjectFacts {
  /** Function-like macros that return or jump, by name. */
  exits: Map<string, MacroExit>;
  /** Named integer constants (`#define SC_SUCCESS 0`, enumerators). */
  constants: Map<string, number>;
  /** Pointer type names (`typedef struct msgctx *msgctx;`). */
  pointerTypes: Set<string>;
  /** Functions declared noreturn. */
  noreturn: Set<string>;
}

/** What a file and the headers it includes say beyond its syntax tree (the first definition of a name wins). */
export function projectFacts(texts: readonly string[]): ProjectFacts {
  const out: ProjectFacts = { exits: new Map(), constants: new Map(), pointerTypes: new Set(), noreturn: new Set() };
  const defines = new Map<string, Define>();
  for (const text of texts) {
    const facts = factsOf(text);
    for (const [name, d] of facts.defines) if (!defines.has(name)) defines.set(name, d);
    for (const [name, v] of facts.constants) if (!out.constants.has(name)) out.constants.set(name, v);
    for (const name of facts.pointerTypes) out.pointerTypes.add(name);
    for (const name of facts.noreturn) out.noreturn.add(name);
  }
  for (const [name, d] of defines) if (d.exit) out.exits.set(name, d.exit);
  for (let round = 0; round < 3; round++) {
    for (const [name, d] of defines) {
      const inner = d.alias && !out.exits.has(name) ? out.exits.get(d.alias.inner) : undefined;
      if (!inner) continue;
      // Argument positions of the inner macro are this macro's parameters passed on, or fixed text.
      const passed = d.alias!.args;
      const ownIndex = (k: number) => (passed[k] !== undefined ? d.params.indexOf(passed[k]!) : -1);
      const { test, labelArg, ...rest } = inner;
      const outer: MacroExit = { ...rest };
      if (test && ownIndex(test.arg) >= 0) outer.test = { ...test, arg: ownIndex(test.arg) };
      if (labelArg !== undefined) {
        // The label passed on: `#define GOTO_ERR(r) SC_GOTO(r, err)` or one of this macro's own parameters.
        if (ownIndex(labelArg) >= 0) outer.labelArg = ownIndex(labelArg);
        else if (/^[A-Za-z_]\w*$/.test(passed[labelArg] ?? '')) outer.label = passed[labelArg]!;
        else continue;
      }
      out.exits.set(name, outer);
    }
  }
  return out;
}

/** A fingerprint of what the texts say (the analysis of a function depends on it, function-cache.ts). */
export function projectFactsFingerprint(facts: ProjectFacts): string {
  const exits = [...facts.exits].map(([n, e]) => `${n}:${e.kind}:${e.conditional}:${e.label ?? e.labelArg ?? ''}:${e.test ? `${e.test.arg}${e.test.when}` : ''}`);
  return `${exits.join(';')}\n${[...facts.constants].join(';')}\n${[...facts.pointerTypes].join(';')}`;
}

function exitOf(rawBody: string, params: string[]): MacroExit | undefined {
  let body = rawBody.trim().replace(/;\s*$/, '');
  // `do { … } while (0)` and `{ … }`: the statements inside.
  const wrapped = /^do\s*\{([\s\S]*)\}\s*while\s*\(\s*0\s*\)$/.exec(body) ?? /^\{([\s\S]*)\}$/.exec(body);
  if (wrapped) body = wrapped[1]!;
  const exit = /\b(return|goto\s+([A-Za-z_]\w*))\b/.exec(body);
  if (!exit) return undefined;
  const before = body.slice(0, exit.index);
  // Inside a block of the body (an `if`, an `else`, a loop), or the statement that holds it starts with `if`.
  let depth = 0;
  let statementStart = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (depth === 0 && (c === ';' || c === '}' || c === '{')) statementStart = i + 1;
  }
  const conditional = depth > 0 || /^\s*(if|else|while|for|switch)\b/.test(before.slice(statementStart)) || /\?/.test(before.slice(statementStart));
  const test = conditional ? guardTest(before, params) : undefined;
  const how = { conditional, ...(test ? { test } : {}) };
  if (exit[1] === 'return') return { kind: 'return', ...how };
  const label = exit[2]!;
  const labelArg = params.indexOf(label);
  return labelArg >= 0 ? { kind: 'goto', ...how, labelArg } : { kind: 'goto', ...how, label };
}

/** The argument the last `if (…)` before the exit tests, and how (see MacroExit.test). */
function guardTest(before: string, params: string[]): MacroExit['test'] {
  const at = before.lastIndexOf('if');
  const open = before.indexOf('(', at);
  if (at < 0 || open < 0) return undefined;
  let depth = 0;
  let close = -1;
  for (let i = open; i < before.length && close < 0; i++) {
    if (before[i] === '(') depth++;
    else if (before[i] === ')' && --depth === 0) close = i;
  }
  if (close < 0) return undefined;
  const condition = before.slice(open + 1, close).replace(/[()\s]/g, '');
  // `int _ret = (r);` before the test: the status tested is the argument's.
  const aliases = new Map<string, string>([...before.slice(0, at).matchAll(/\b(\w+)\s*=\s*\(?\s*(\w+)\s*\)?\s*;/g)].map((m) => [m[1]!, m[2]!]));
  const argOf = (name: string) => params.indexOf(aliases.get(name) ?? name);
  let m = /^(\w+)==NULL$|^NULL==(\w+)$|^!(\w+)$/.exec(condition);
  if (m && argOf(m[1] ?? m[2] ?? m[3]!) >= 0) return { arg: argOf(m[1] ?? m[2] ?? m[3]!), when: 'null' };
  m = /^(\w+)!=NULL$|^NULL!=(\w+)$/.exec(condition);
  if (m && argOf(m[1] ?? m[2]!) >= 0) return { arg: argOf(m[1] ?? m[2]!), when: 'nonnull' };
  m = /^(\w+)(!=|<=|<)(\w*(?:SUCCESS|OK)\w*|0)$/.exec(condition);
  if (m && (m[2] !== '<' && m[2] !== '<=' ? true : m[3] === '0') && argOf(m[1]!) >= 0) {
    return { arg: argOf(m[1]!), when: 'failed', failure: { op: m[2] as '<' | '<=' | '!=', k: m[3]! } };
  }
  return undefined;
}

/** Top-level comma-separated arguments of a macro call's argument text. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Names of pointer types a text defines: `typedef struct msgctx * msgctx;`, `typedef X509 *X509_ptr;`. */
function pointerTypedefsIn(text: string): Set<string> {
  const names = new Set<string>();
  if (!text.includes('typedef')) return names;
  for (const m of text.matchAll(/\btypedef\s+(?:(?:struct|union|const|unsigned|signed)\s+)*[A-Za-z_]\w*\s*\*+\s*([A-Za-z_]\w*)\s*;/g)) names.add(m[1]!);
  return names;
}

/**
 * Integer values of the project's named constants: `#define SC_SUCCESS 0`, `#define SC_ERROR_INTERNAL -1400`,
 * `enum { HTTP, HTTPS }`. Status variables assigned and tested against them become flags like `ret = -1`.
 */
function constantsIn(text: string): Map<string, number> {
  const values = new Map<string, number>();
  const number = (t: string): number | undefined => {
    const m = /^\(?\s*(-)?\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*\)?$/.exec(t.trim());
    if (!m) return undefined;
    const v = Number.parseInt(m[2]!, /^0[xX]/.test(m[2]!) ? 16 : 10);
    return m[1] ? -v : v;
  };
  for (const m of text.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([^\n]*?)[ \t]*(?:\/\*.*\*\/|\/\/.*)?$/gm)) {
    const v = number(m[2]!);
    if (v !== undefined && !values.has(m[1]!)) values.set(m[1]!, v);
  }
  for (const m of text.matchAll(/\benum\b[^{};]*\{([^{}]*)\}/g)) {
    let next = 0;
    for (const item of m[1]!.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ').split(',')) {
      const e = /^\s*([A-Za-z_]\w*)\s*(?:=\s*(.+?))?\s*$/.exec(item);
      if (!e) {
        if (item.trim()) break; // `#if` inside, or an expression: the values after it are unknown
        continue;
      }
      const v = e[2] !== undefined ? (number(e[2]) ?? values.get(e[2].trim())) : next;
      if (v === undefined) break;
      if (!values.has(e[1]!)) values.set(e[1]!, v);
      next = v + 1;
    }
  }
  return values;
}

/** A declaration marked as never returning: `_Noreturn`, `noreturn`, `__attribute__((noreturn))`, projects' macros. */
export const NORETURN_MARK = /\b(_Noreturn|noreturn|__noreturn__|NORETURN|NO_RETURN|ATTR_NORETURN|ossl_noreturn|__dead2?|G_GNUC_NORETURN)\b/;

/**
 * Names of the functions a header declares noreturn (`NORETURN void util_fatal(const char *, ...);`). Read as
 * text, declaration by declaration: a header is read for its prototypes only, never analysed.
 */
export function noreturnDeclaredIn(text: string): Set<string> {
  const names = new Set<string>();
  if (!NORETURN_MARK.test(text)) return names;
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ').replace(/^[ \t]*#[^\n]*(\\\n[^\n]*)*/gm, ' ');
  for (const declaration of code.split(/[;{}]/)) {
    if (!NORETURN_MARK.test(declaration)) continue;
    // The declared name: the first identifier before a `(` that is not an attribute or a marker.
    for (const m of declaration.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
      const name = m[1]!;
      if (NORETURN_MARK.test(name) || /^(__attribute__|__declspec|__format__|format|printf|__printf__)$/.test(name)) continue;
      names.add(name);
      break;
    }
  }
  return names;
}
