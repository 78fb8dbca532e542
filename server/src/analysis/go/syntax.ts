// Go syntax helpers shared by the Go front end and the Go summaries (tree-sitter-go 0.25 node types).
import { isVariable } from '../facts';
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Access } from '../ir';

/** Builtin Go type names used as conversions (`string(b)`, `uintptr(p)`). */
const GO_CONVERSIONS = new Set(['uintptr', 'string', 'byte', 'rune', 'int', 'int32', 'int64', 'uint', 'uint32', 'uint64', 'uint8']);

/** cgo type names: `C.int(n)`, `C.size_t(len(b))`, `C.struct_foo` are conversions, not calls. */
export const C_TYPE = /^(u?char|schar|u?short|u?int|u?long|u?longlong|float|double|complexfloat|complexdouble|size_t|ssize_t|u?int\d+_t|uintptr_t|struct_\w+|union_\w+|enum_\w+)$/;

export function namedChildren(n: Node | null | undefined): Node[] {
  return (n?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'comment');
}

/** `C.name(...)`: the C function name, else null. */
export function cCallName(call: Node): string | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return null;
  const operand = fn.childForFieldName('operand');
  if (operand?.type !== 'identifier' || operand.text !== 'C') return null;
  return fn.childForFieldName('field')?.text ?? null;
}

export function callArgs(call: Node): Node[] {
  return namedChildren(call.childForFieldName('arguments'));
}

/** A call that only converts its argument: `unsafe.Pointer(p)`, `(*C.char)(p)`, `C.int(n)`, `uintptr(p)`, `unsafe.Slice(p, n)`. */
export function isConversionCall(call: Node): boolean {
  if (call.type !== 'call_expression') return false;
  const fn = call.childForFieldName('function');
  if (!fn || callArgs(call).length === 0) return false;
  if (fn.type === 'parenthesized_expression') return true;
  if (fn.type === 'identifier') return GO_CONVERSIONS.has(fn.text);
  if (fn.type === 'selector_expression') {
    const op = fn.childForFieldName('operand')?.text;
    const field = fn.childForFieldName('field')?.text ?? '';
    if (op === 'unsafe') return field === 'Pointer' || field === 'Slice' || field === 'String' || field === 'SliceData' || field === 'StringData';
    if (op === 'C') return C_TYPE.test(field);
  }
  return false;
}

/** Strips parentheses and conversions: `unsafe.Pointer((*C.char)(p))` → `p`. */
export function stripGo(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' && namedChildren(n).length === 1) n = namedChildren(n)[0]!;
    else if (n.type === 'type_conversion_expression' && n.childForFieldName('operand')) n = n.childForFieldName('operand')!;
    else if (n.type === 'call_expression' && isConversionCall(n)) n = callArgs(n)[0]!;
    else return n;
  }
}

/** `p`, `k.ptr`, `*out`; null for anything else. `C.x` and package selectors are not accesses. */
export function accessOfGo(node: Node | null | undefined): Access | null {
  if (!node) return null;
  const n = stripGo(node);
  switch (n.type) {
    case 'identifier':
      return n.text === '_' || n.text === 'nil' || n.text === 'C' ? null : n.text;
    case 'selector_expression': {
      const base = accessOfGo(n.childForFieldName('operand'));
      const field = n.childForFieldName('field')?.text;
      return base && field ? `${base}.${field}` : null;
    }
    case 'unary_expression': {
      if (n.childForFieldName('operator')?.text !== '*' && !n.text.startsWith('*')) return null;
      const inner = accessOfGo(n.childForFieldName('operand'));
      return inner && isVariable(inner) ? `*${inner}` : null;
    }
    default:
      return null;
  }
}

export function isNil(n: Node | null | undefined): boolean {
  return !!n && stripGo(n).type === 'nil';
}

function paramDeclNames(list: Node | null | undefined): string[] {
  const out: string[] = [];
  for (const p of namedChildren(list)) {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    const names = p.childrenForFieldName('name').filter((x): x is Node => !!x);
    if (names.length === 0) out.push('');
    for (const nm of names) out.push(nm.text);
  }
  return out;
}

export function parameterNamesGo(fn: Node): string[] {
  return paramDeclNames(fn.childForFieldName('parameters'));
}

export function receiverNameGo(fn: Node): string | null {
  if (fn.type !== 'method_declaration') return null;
  return paramDeclNames(fn.childForFieldName('receiver'))[0] || null;
}

export interface ResultInfo {
  count: number;
  /** Named results in order ('' for unnamed). */
  names: string[];
  errorIndex?: number;
}

export function resultInfoGo(fn: Node): ResultInfo {
  const result = fn.childForFieldName('result');
  if (!result) return { count: 0, names: [] };
  if (result.type !== 'parameter_list') return { count: 1, names: [''], ...(result.text === 'error' ? { errorIndex: 0 } : {}) };
  const names: string[] = [];
  let errorIndex: number | undefined;
  for (const p of namedChildren(result)) {
    if (p.type !== 'parameter_declaration') continue;
    const ns = p.childrenForFieldName('name').filter((x): x is Node => !!x);
    const type = p.childForFieldName('type')?.text;
    const count = Math.max(ns.length, 1);
    for (let i = 0; i < count; i++) {
      if (type === 'error') errorIndex ??= names.length;
      names.push(ns[i]?.text ?? '');
    }
  }
  return { count: names.length, names, ...(errorIndex !== undefined ? { errorIndex } : {}) };
}

/** Summary key of a function (`name`) or method (`.name`). */
export function goFunctionKey(fn: Node): string | null {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return null;
  return fn.type === 'method_declaration' ? `.${name}` : name;
}

/** Go standard functions that never retain their arguments (passing a pointer to them is a use). */
export function isBenignGoCall(pkg: string, name: string): boolean {
  if (pkg === 'fmt' || pkg === 'errors' || pkg === 'strconv' || pkg === 'strings' || pkg === 'bytes') return true;
  if (pkg === 'log') return /^Print/.test(name);
  if (pkg === 'runtime') return name === 'KeepAlive';
  return false;
}

/**
 * How a Go call ends the path: `os.Exit`, `log.Fatal` and an unrecovered `panic` end the process (no leak to
 * report, RULES.md); a panic the function itself recovers, and `runtime.Goexit`, unwind (a leak counts).
 */
export function goNoreturn(call: Node, recovers = false): 'process-exit' | 'unwind' | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const panicEnds = recovers ? 'unwind' : 'process-exit';
  if (fn.type === 'identifier' && fn.text === 'panic') return panicEnds;
  if (fn.type !== 'selector_expression') return undefined;
  const pkg = fn.childForFieldName('operand')?.text;
  const name = fn.childForFieldName('field')?.text ?? '';
  if (pkg === 'os' && name === 'Exit') return 'process-exit';
  if (pkg === 'log' && /^Fatal/.test(name)) return 'process-exit';
  if (pkg === 'log' && /^Panic/.test(name)) return panicEnds;
  if (pkg === 'runtime' && name === 'Goexit') return 'unwind';
  return undefined;
}

/** The length of a secret buffer as Go text for `C.OPENSSL_cleanse(p, <len>)`: `32`, `C.size_t(n)`. */
export function goSecretLength(args: Node[], candidates: number[]): string | undefined {
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
export function statusTest(c: Node): { subject: Node; failedWhenTrue: boolean } | undefined {
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

export function stripParens(n: Node): Node {
  let x = n;
  while (x.type === 'parenthesized_expression' && namedChildren(x).length === 1) x = namedChildren(x)[0]!;
  return x;
}

export function isInside(n: Node, container: Node | null): boolean {
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
