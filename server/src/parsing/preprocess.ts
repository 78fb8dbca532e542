// What a C declaration that does not parse as written is parsed as instead: conditionals whose
// arms each hold half of a construct reduced to one arm (conditional-arms.ts), and project macros tree-sitter
// cannot read as C rewritten into what they stand for. Byte for byte in place: every line and column of the
// code stays where it was, so positions, fixes and suppressions need no mapping.
//
// Reducing every conditional to one arm was tried first: on the real-code bench it lost more true findings in
// the other arms (pre-3.0 OpenSSL code) than it removed false ones, so only the split ones are reduced.
import type { Point, Tree, Node as TreeNode } from 'web-tree-sitter';
import { reduceSplitConditionals } from './conditional-arms';
import { isEmptyLabelBody } from './syntax-node';
import { parse } from './parser';

/**
 * A C file that does not parse because of split `#if` arms or project macros (`} else #endif {`,
 * `void f __P((int));`, `LL_FOREACH(l, e) {`) is analysed with its broken top-level declarations repaired
 * (below); the rest stays as written. Both texts have the same length, so positions agree.
 */
export function parseRepaired(text: string, tree: Tree): { tree: Tree; text: string } | undefined {
  const chosen = repairForParsing(text);
  if (chosen === undefined) return undefined;
  let hybrid = '';
  let at = 0;
  const replaced: Array<{ startIndex: number; endIndex: number; startPosition: Point; endPosition: Point }> = [];
  for (const node of tree.rootNode.children) {
    if (!node?.hasError) continue;
    const repairedText = chosen.slice(node.startIndex, node.endIndex);
    hybrid += text.slice(at, node.startIndex) + repairedText;
    at = node.endIndex;
    if (repairedText !== text.slice(node.startIndex, node.endIndex)) replaced.push(node);
  }
  hybrid += text.slice(at);
  // Nothing to repair where it does not parse (the macros and arms rewritten are elsewhere).
  if (!replaced.length) return undefined;
  // Reparsed incrementally from a copy (the caller's tree stays as it is): the text changed only there.
  const edited = tree.copy();
  for (const r of replaced) {
    edited.edit({ startIndex: r.startIndex, oldEndIndex: r.endIndex, newEndIndex: r.endIndex, startPosition: r.startPosition, oldEndPosition: r.endPosition, newEndPosition: r.endPosition });
  }
  let repaired: Tree;
  try {
    repaired = parse('c', hybrid, edited);
  } finally {
    edited.delete();
  }
  if (damage(repaired) < damage(tree)) return { tree: repaired, text: hybrid };
  repaired.delete();
  return undefined;
}

/** Bytes under ERROR nodes, and one per MISSING node but the empty statement after a label (see
 * syntax-node.ts). Measured in the tree, not by declarations: one `#ifdef` around half a file is one node. */
function damage(tree: Tree): number {
  let n = 0;
  const visit = (node: TreeNode) => {
    if (node.type === 'ERROR') {
      n += 1 + node.endIndex - node.startIndex;
      return;
    }
    if (node.isMissing && !isEmptyLabelBody(node)) n++;
    for (const child of node.children) if (child?.hasError) visit(child);
  };
  visit(tree.rootNode);
  return n;
}

/** The repaired text, or undefined when there is nothing to repair. */
export function repairForParsing(text: string): string | undefined {
  const reduced = reduceSplitConditionals(text) ?? text;
  const rewritten = rewriteProjectMacros(reduced) ?? reduced;
  return rewritten === text ? undefined : rewritten;
}

/** Macros used as attributes or storage classes (`LWS_VISIBLE int f(…)`, `static ngx_inline int`): blanked. */
const ATTRIBUTE_MACROS = /\b(LWS_VISIBLE|LWS_EXTERN|LWS_WARN_UNUSED_RESULT|ngx_inline|ossl_inline|ossl_unused|__owur|NOEXPORT|__attribute_noinline__|__attribute_pure__|__attribute_const__|__wur|ATTR_NONNULL\s*\([^()]*\)|ATTR_UNUSED|ATTR_NORETURN|WARN_UNUSED_RESULT|WARN_UNUSED|PRAGMA_DIAGNOSTIC_(PUSH|POP)|_U_|ngx_cdecl|WINAPI|APIENTRY|CALLBACK|__stdcall|__cdecl)(?=[\s;])/g;
/** `LL_FOREACH(list, el) {`, `VTAILQ_FOREACH_SAFE(e, &h, link, tmp) {`, `HASH_ITER(hh, h, el, tmp) {`: loops. */
const LOOP_MACRO = /^(\s*)([A-Z][A-Z0-9_]*(?:FOREACH|FOR_EACH|_ITER)[A-Z0-9_]*)(\s*\()/gm;

/** glibc-style attribute macros (`__attribute_cold__`, `__attribute_format__((__printf__, 4, 5))`,
 * `__declspec_dllexport__`), and `__attribute__((unused))`, which the grammar does not take after `*const`. */
const ATTRIBUTE_SPELLINGS = /\b(__attribute_(?!noreturn)\w+__|__declspec_\w+__|__attribute__\s*(?=\(\(\s*unused\s*\)\)))(\s*\(\([^()]*(?:\([^()]*\)[^()]*)*\)\))?/g;
/** `BROKER_EXPORT int f(…)`, `WOLFSSL_API void f(…);`: a capitals macro before a declaration's specifiers is
 * an export or attribute macro. One that says the function never returns stays (macros.ts reads it). */
const EXPORT_MACRO = /^([A-Z][A-Z0-9]*_[A-Z0-9_]*)(?=[ \t]+(?:static|extern|inline|const|void|int|char|unsigned|signed|long|short|bool|struct|enum|union|float|double)\b)|^[A-Z][A-Z0-9_]*_(?:API|EXPORT|EXTERN|PUBLIC|VISIBLE)(?=[ \t]+[A-Za-z_])/gm;
/** libev's `EV_P_` / `EV_A_` (the loop parameter and argument when several loops are built in). */
const LIBEV_LOOP_MACRO = /\bEV_[PA]_?(?=[ \t]+[A-Za-z_]|\))/g;

const TYPE_ARGUMENT = /(?<=[(,][ \t]*)struct[ \t]+([A-Za-z_]\w*)(?:[ \t]*\*)?(?=[ \t]*,)/g;
/** `LDNS_XMALLOC(unsigned char, n)`, `va_arg(ap, char *)`: a built-in type passed to a macro, before a comma
 * or after one (never a cast or a sizeof, which have no comma). */
const BUILTIN_TYPE_ARGUMENT =
  /(?<=\([ \t]*)(?:(?:unsigned|signed|const)[ \t]+)*(?:char|short|int|long|float|double|void)(?:[ \t]*\*)*(?=[ \t]*,)|(?<=,[ \t]*)(?:(?:unsigned|signed|const)[ \t]+)*(?:char|short|int|long|float|double|void)(?:[ \t]*\*)*(?=[ \t]*[,)])/g;
/** `tt_int_op(test_ok, ==, 3)`: a comparison operator passed to a macro. */
const OPERATOR_ARGUMENT = /(?<=,\s*)(?:==|!=|<=|>=|<|>)(?=[ \t]*,)/g;
/** `LDNS_XREALLOC(p, ldns_key *, n)`: a named pointer type passed to a macro (no expression ends in `*`). */
const POINTER_TYPE_ARGUMENT = /(?<=,[ \t]*[A-Za-z_]\w*[ \t]*)\*+(?=[ \t]*[,)])/g;
/** `VERBOSE(unsigned long sslerr = ERR_get_error());`: a macro wrapped around a declaration. */
const WRAPPED_DECLARATION = /^([ \t]*)([A-Z][A-Z0-9_]*)\((?=[ \t]*(?:(?:const|unsigned|signed|struct)[ \t]+)?(?:char|short|int|long|size_t|unsigned|bool|double|float|struct)\b)/gm;

const LOWER_LOOP_MACRO = /^(\s*)([a-z][a-z0-9_]*(?:foreach|for_each)[a-z0-9_]*)(\s*\()/gm;

/** Where the parenthesis at `open` closes, if it does before any of `stops` and within `limit` characters. */
function closingParen(text: string, open: number, stops: string, limit = Infinity): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length && i < open + limit; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (stops.includes(c)) return undefined;
  }
  return undefined;
}

/** The parenthesis at `open` closes before a `{` (the call is a loop header). */
function blockFollowsCall(text: string, open: number): boolean {
  const close = closingParen(text, open, ';{}', 2000);
  return close !== undefined && /^\s*\{/.test(text.slice(close + 1, close + 200));
}

/** WRAPPED_DECLARATION: the macro's name and its parentheses blanked, when `);` closes it on the same line. */
function unwrapDeclarations(text: string): string {
  const chars = text.split(''); // UTF-16 units, as match indexes count
  let changed = false;
  for (const m of text.matchAll(WRAPPED_DECLARATION)) {
    const open = m.index! + m[0].length - 1;
    const close = closingParen(text, open, '\n');
    if (close === undefined || text[close + 1] !== ';') continue;
    for (let k = m.index! + m[1]!.length; k <= open; k++) chars[k] = ' ';
    chars[close] = ' ';
    changed = true;
  }
  return changed ? chars.join('') : text;
}

/** `text` with the macros below rewritten; undefined when there are none. */
export function rewriteProjectMacros(text: string): string | undefined {
  const blank = (m: string) => m.replace(/[^\s]/g, ' ');
  let out = text.replace(ATTRIBUTE_MACROS, blank).replace(ATTRIBUTE_SPELLINGS, blank);
  // `H2O_NORETURN static void *f(…)`: the C11 specifier in its place, which the grammar and macros.ts both read.
  out = out.replace(EXPORT_MACRO, (m) => (/NORETURN|NO_RETURN/.test(m) && m.length >= 9 ? `_Noreturn${' '.repeat(m.length - 9)}` : /DEAD/.test(m) ? m : blank(m)));
  // A type or an operator passed to a macro reads as a name of the same length (`unsigned_char`, `_har`, `0 `).
  out = out.replace(BUILTIN_TYPE_ARGUMENT, (m) => {
    const name = m.replace(/\*/g, ' ').replace(/[ \t]+(?=\S)/g, (w) => '_'.repeat(w.length));
    return `_${name.slice(1)}`;
  });
  out = out.replace(OPERATOR_ARGUMENT, (m) => `0${' '.repeat(m.length - 1)}`);
  out = out.replace(POINTER_TYPE_ARGUMENT, blank).replace(LIBEV_LOOP_MACRO, blank);
  out = unwrapDeclarations(out);
  // `H2O_STRUCT_FROM_MEMBER(struct pool_entry_t, link, p)`, `lws_start_foreach_dll(struct lws_dll2 *, p, h)`:
  // a type passed to a macro reads as the type's name.
  out = out.replace(TYPE_ARGUMENT, (m, name: string) => {
    const at = m.indexOf(name, 6);
    return `${' '.repeat(at)}${name}${' '.repeat(m.length - at - name.length)}`;
  });
  // `void f __P((int, char *));`: the K&R-compatibility wrapper around a prototype's parameter list.
  out = out.replace(/\b__P\s*\(\(([^()]*(?:\([^()]*\)[^()]*)*)\)\)/g, (m, params: string) => {
    const open = m.indexOf('((');
    return `${' '.repeat(open + 1)}(${params})${' '}`;
  });
  // A loop macro whose body follows: `while (list, el) {` runs the body zero or more times, as the macro does.
  const asWhile = (indent: string, name: string, paren: string) => `${indent}while${' '.repeat(name.length - 5)}${paren}`;
  out = out.replace(LOOP_MACRO, (_m, indent: string, name: string, paren: string) => asWhile(indent, name, paren));
  // `lws_start_foreach_dll_safe(struct lws_dll2 *, p, tp, head) {`, `list_for_each_entry(pos, head, member) {`:
  // a lower-case loop macro, only where a block follows (a `g_list_foreach(l, free_cb, NULL);` call stays).
  out = out.replace(LOWER_LOOP_MACRO, (m, indent: string, name: string, paren: string, offset: number) =>
    blockFollowsCall(out, offset + m.length - 1) ? asWhile(indent, name, paren) : m,
  );
  return out === text ? undefined : out;
}
