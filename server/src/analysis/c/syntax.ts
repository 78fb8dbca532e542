// C syntax helpers shared by the C front end and the C summaries (tree-sitter-c node types): access paths,
// constants, declarators, preprocessor conditions.
import { isVariable } from '../facts';
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Access, FlagOp } from '../ir';
import { conditionValue } from '../../parsing/conditional-arms';

/** Status comparisons: does `<value> op k` being true mean the call failed, succeeded, or neither? */
export function statusMeaning(op: string, k: number): 'failed' | 'succeeded' | undefined {
  if ((op === '<' && k <= 1 && k >= 0) || (op === '<=' && k === 0) || (op === '==' && k === 0) || (op === '!=' && k === 1)) {
    return 'failed';
  }
  // `asprintf(&s, …) == -1`, `i2d_X509(x, &der) != -1`.
  if (op === '==' && k < 0) return 'failed';
  if (op === '!=' && k < 0) return 'succeeded';
  if ((op === '>' && k === 0) || (op === '>=' && (k === 1 || k === 0)) || (op === '==' && k === 1) || (op === '!=' && k === 0)) {
    return 'succeeded';
  }
  return undefined;
}

export function stripC(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
    else if (n.type === 'cast_expression' && n.childForFieldName('value')) n = n.childForFieldName('value')!;
    else return n;
  }
}

/** `x`, `c->ctx`, `c.ctx`, `*out`; null for anything that is not a plain access path. */
export function accessOfC(node: Node | null): Access | null {
  if (!node) return null;
  const n = stripC(node);
  switch (n.type) {
    case 'identifier':
      return n.text;
    case 'field_expression': {
      const base = accessOfC(n.childForFieldName('argument'));
      const field = n.childForFieldName('field');
      const op = n.childForFieldName('operator')?.text ?? (n.text.includes('->') ? '->' : '.');
      return base && field ? `${base}${op}${field.text}` : null;
    }
    case 'pointer_expression': {
      if (n.childForFieldName('operator')?.text !== '*') return null;
      const inner = accessOfC(n.childForFieldName('argument'));
      return inner && isVariable(inner) ? `*${inner}` : null;
    }
    default:
      return null;
  }
}

/** A call's arguments, comments between them left out. */
export function callArgsC(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
}

export function baseOf(access: Access): string {
  const m = /^\**([A-Za-z_$][\w$]*(?:~\d+)?)/.exec(access);
  return m ? m[1]! : access;
}

export function isNullLiteral(n: Node): boolean {
  const s = stripC(n);
  return s.type === 'null' || (s.type === 'number_literal' && /^0+[uUlL]*$/.test(s.text)) || s.text === 'NULL';
}

export function constantTruth(n: Node): boolean | undefined {
  const s = stripC(n);
  if (s.type === 'number_literal') return !/^0+[uUlL]*$/.test(s.text);
  if (s.type === 'true') return true;
  if (s.type === 'false') return false;
  return undefined;
}

export function numberValue(n: Node): number | undefined {
  const s = stripC(n);
  if (s.type === 'number_literal' && /^-?\d+$/.test(s.text)) return Number(s.text);
  if (s.type === 'unary_expression' && s.childForFieldName('operator')?.text === '-') {
    const v = numberValue(s.childForFieldName('argument')!);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Value of an error accumulator after `err |= SOME_FLAG`: unknown bits, but not zero. */
export const NONZERO = 0x40000000;

/** `ERR_ALERT | ERR_FATAL`, `0x10`: bits that are set (macro names stand for non-zero flags). */
export function setsBits(n: Node): boolean {
  const s = stripC(n);
  if (s.type === 'identifier') return /^[A-Z][A-Z0-9_]*$/.test(s.text) && !/_(NONE|OK|SUCCESS)$/.test(s.text);
  if (s.type === 'number_literal') return constantValue(s) !== undefined && constantValue(s) !== 0;
  if (s.type === 'binary_expression' && s.childForFieldName('operator')?.text === '|') {
    return setsBits(s.childForFieldName('left')!) || setsBits(s.childForFieldName('right')!);
  }
  return false;
}

export const MIRROR: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };
export const NEGATE: Record<FlagOp, FlagOp> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

/** Integer value of a constant initializer (`0`, `-1`, `NULL`, `true`); undefined for anything else. */
export function constantValue(n: Node): number | undefined {
  const s = stripC(n);
  if (s.type === 'null' || s.text === 'NULL' || s.type === 'false') return 0;
  if (s.type === 'true') return 1;
  // tree-sitter-c reads `-1` in an initializer as one number_literal.
  if (s.type === 'number_literal' && /^-?(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.test(s.text)) {
    const t = s.text.replace(/[uUlL]+$/, '');
    return t.startsWith('-') ? -Number(t.slice(1)) : Number(t);
  }
  if (s.type === 'unary_expression' && s.childForFieldName('operator')?.text === '-') {
    const v = constantValue(s.childForFieldName('argument')!);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** The access a condition tests as a flag: a variable (`verbose`) or a field (`cfg->verbose`); null otherwise. */
export function flagAccessOf(n: Node): Access | null {
  return n.type === 'identifier' || n.type === 'field_expression' ? accessOfC(n) : null;
}

/** `x` in `&x`, or null when `n` is not an address-of expression. */
export function addressOperand(n: Node): Node | null {
  return n.type === 'pointer_expression' && n.childForFieldName('operator')?.text === '&' ? n.childForFieldName('argument') : null;
}

/** `#if 0`: never compiled. */
export function neverCompiled(n: Node): boolean {
  return n.type === 'preproc_if' && n.childForFieldName('condition')?.text.trim() === '0';
}

/**
 * `n` sits in a conditional arm not compiled on the assumed build (conditional-arms.ts): the `#if` arm of a
 * false condition, or the `#else` of a true one. Undecided conditions count as compiled.
 */
export function inUncompiledArm(n: Node): boolean {
  for (let child = n, parent = n.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type !== 'preproc_if' && parent.type !== 'preproc_elif' && parent.type !== 'preproc_ifdef' && parent.type !== 'preproc_elifdef') continue;
    const inAlternative = parent.childForFieldName('alternative')?.id === child.id;
    let holds: boolean | undefined;
    if (parent.type === 'preproc_if' || parent.type === 'preproc_elif') holds = conditionValue(parent.childForFieldName('condition')?.text ?? '');
    else {
      const name = parent.childForFieldName('name')?.text ?? '';
      const value = conditionValue(`defined(${name})`);
      holds = value === undefined ? undefined : /^#\s*(ifndef|elifndef)/.test(parent.text) ? !value : value;
    }
    if (holds === undefined) continue;
    // Past a false `#if`, an `#elif` decides for itself (one step up the chain).
    if (inAlternative && (child.type === 'preproc_elif' || child.type === 'preproc_elifdef') && !holds) continue;
    if (holds === inAlternative) return true;
  }
  return false;
}

/** The statement before `n` in its block, comments skipped. */
export function previousStatement(n: Node): Node | null {
  let p = n.previousNamedSibling;
  while (p && p.type === 'comment') p = p.previousNamedSibling;
  return p;
}

/** Name declared by a (possibly nested pointer/array/function) declarator. */
export function declaredName(declarator: Node | null): string | null {
  let n = declarator;
  while (n) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n.text;
    n = n.childForFieldName('declarator');
  }
  return null;
}

export function isPointerDeclarator(declarator: Node | null): boolean {
  let n = declarator;
  while (n) {
    if (n.type === 'pointer_declarator') return true;
    if (n.type === 'array_declarator') return true;
    n = n.childForFieldName('declarator');
  }
  return false;
}

export function functionNameC(fn: Node): string | null {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  return d ? declaredName(d.childForFieldName('declarator')) : null;
}

export function parameterNamesC(fn: Node): string[] {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  const list = d?.childForFieldName('parameters');
  if (!list) return [];
  return list.namedChildren
    .filter((p): p is Node => !!p && p.type === 'parameter_declaration')
    .map((p) => declaredName(p.childForFieldName('declarator')) ?? '');
}

/**
 * Flag key of a preprocessor conditional (`#if X`, `#ifdef X`, `#ifndef X`, `#elif X`) and the value of the
 * condition in its first arm. Keys start with `#` so they never clash with a C variable.
 */
export function preprocCondition(n: Node): { key: Access; armA: number } | undefined {
  if (n.type === 'preproc_ifdef') {
    const name = n.childForFieldName('name')?.text;
    if (!name) return undefined;
    return { key: `#defined(${name})`, armA: /^#\s*ifndef/.test(n.text) ? 0 : 1 };
  }
  if (n.type !== 'preproc_if' && n.type !== 'preproc_elif') return undefined;
  let text = n.childForFieldName('condition')?.text.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  let armA = 1;
  const single = /^defined\s*\(?\s*(\w+)\s*\)?$/.exec(text);
  const negated = /^!\s*defined\s*\(?\s*(\w+)\s*\)?$/.exec(text);
  if (single) text = `defined(${single[1]})`;
  else if (negated) {
    text = `defined(${negated[1]})`;
    armA = 0;
  }
  const compared = versionComparison(text);
  if (compared) return { key: versionKey(compared.name, compared.atLeast), armA: compared.holds ? 1 : 0 };
  return { key: text.startsWith('defined(') ? `#${text}` : `#if ${text}`, armA };
}

/**
 * `OPENSSL_VERSION_NUMBER < 0x30000000L` read as `OPENSSL_VERSION_NUMBER >= 0x30000000` being false: every
 * comparison of a name with a number is one of `name >= k`, so `#if X < k` and `#if X >= k` are one condition.
 */
export function versionComparison(text: string): { name: string; atLeast: number; holds: boolean } | undefined {
  const m = /^\(?\s*([A-Za-z_]\w*)\s*(<|<=|>|>=)\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*\)?$/.exec(text);
  if (!m) return undefined;
  const k = Number.parseInt(m[3]!, /^0[xX]/.test(m[3]!) ? 16 : 10);
  switch (m[2]) {
    case '>=':
      return { name: m[1]!, atLeast: k, holds: true };
    case '<':
      return { name: m[1]!, atLeast: k, holds: false };
    case '>':
      return { name: m[1]!, atLeast: k + 1, holds: true };
    default:
      return { name: m[1]!, atLeast: k + 1, holds: false };
  }
}

export function versionKey(name: string, atLeast: number): Access {
  return `#if ${name} >= 0x${atLeast.toString(16)}`;
}

/** The length argument next to a secret buffer (`…, sizeof(key), key)`, `RAND_bytes(key, 32)`), for OPENSSL_clear_free. */
export function secretLengthText(args: Node[], candidates: number[]): string | undefined {
  for (const i of candidates) {
    const a = args[i];
    if (!a) continue;
    const s = stripC(a);
    const text = s.type === 'pointer_expression' && s.text.startsWith('&') ? s.childForFieldName('argument')?.text : s.text;
    if (text && /^(\d+[uUlL]*|sizeof\s*\(?\s*[\w.>-]+\s*\)?|[A-Z_][A-Z0-9_]*|[a-z_]\w*len\w*)$/i.test(text.trim())) return text.trim();
  }
  return undefined;
}
