// `#if` / `#else` arms that each hold half of a construct (`#ifdef NEW_API if (a && b) { #else if (a) { #endif`,
// `} else #endif {`) cannot parse with every arm in place. Such a conditional is reduced to one arm: its
// directives and the other arms become spaces, so every byte, line and column stays where it was. A
// conditional whose arms are each whole statements or declarations is left alone: the analysis follows every
// arm of those (and keeps a condition's arms consistent along a path), and a leak in an arm that is not this
// machine's configuration is still a leak. (Reducing the other conditionals on the same names too, for one
// consistent configuration, lost true findings of the other configuration on the real-code bench.)
//
// The arm kept: the one whose condition holds on a Linux build against OpenSSL 3 (`OPENSSL_VERSION_NUMBER <
// 0x10100000L` is false, `defined(LIBRESSL_VERSION_NUMBER)` and `defined(_WIN32)` are false, `#if 0` is
// false); for any other condition the first arm.

/** OPENSSL_VERSION_NUMBER of the OpenSSL the configuration assumes (3.0.0). */
const OPENSSL_VERSION = 0x30000000;

/** Macros not defined on the assumed build: other TLS libraries, other platforms. */
const UNDEFINED = /^(LIBRESSL_VERSION_NUMBER|OPENSSL_IS_BORINGSSL|OPENSSL_IS_AWSLC|BORINGSSL_API_VERSION|_WIN32|_WIN64|WIN32|_MSC_VER|__APPLE__|__MINGW32__|__CYGWIN__)$/;

type Truth = boolean | undefined;

/** The value of a `#if` condition on the assumed build, or undefined when it depends on the project. */
export function conditionValue(condition: string): Truth {
  const tokens = condition.replace(/\/\*.*?\*\/|\/\/.*$/g, ' ').match(/\d\w*|\w+|&&|\|\||[<>=!]=|[<>!()]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const or = (): Truth => {
    let v = and();
    while (peek() === '||') {
      i++;
      const r = and();
      v = v === true || r === true ? true : v === false && r === false ? false : undefined;
    }
    return v;
  };
  const and = (): Truth => {
    let v = comparison();
    while (peek() === '&&') {
      i++;
      const r = comparison();
      v = v === false || r === false ? false : v === true && r === true ? true : undefined;
    }
    return v;
  };
  const comparison = (): Truth => {
    const left = unary();
    const op = peek();
    if (op && /^([<>]=?|[=!]=)$/.test(op)) {
      i++;
      const right = unary();
      if (typeof left !== 'number' || typeof right !== 'number') return undefined;
      return { '<': left < right, '<=': left <= right, '>': left > right, '>=': left >= right, '==': left === right, '!=': left !== right }[op];
    }
    return typeof left === 'number' ? left !== 0 : left;
  };
  const unary = (): Truth | number => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (t === '!') {
      const v = unary();
      return typeof v === 'number' ? v === 0 : v === undefined ? undefined : !v;
    }
    if (t === '(') {
      const v = or();
      if (peek() === ')') i++;
      return v;
    }
    if (t === 'defined') {
      const paren = peek() === '(';
      if (paren) i++;
      const name = tokens[i++] ?? '';
      if (paren && peek() === ')') i++;
      return UNDEFINED.test(name) ? false : name === 'OPENSSL_VERSION_NUMBER' ? true : undefined;
    }
    if (/^\d/.test(t)) {
      const n = Number.parseInt(t.replace(/[uUlL]+$/, ''), /^0[xX]/.test(t) ? 16 : 10);
      return Number.isNaN(n) ? undefined : n;
    }
    if (t === 'OPENSSL_VERSION_NUMBER') return OPENSSL_VERSION;
    return UNDEFINED.test(t) ? 0 : undefined;
  };
  const v = or();
  return i === tokens.length ? (typeof v === 'number' ? v !== 0 : v) : undefined;
}

interface Arm {
  /** Line of the arm's directive (`#if`, `#elif`, `#else`). */
  directive: number;
  /** Lines the directive spans (a `\` continuation). */
  directiveEnd: number;
  kind: string;
  condition: string;
  /** Body lines: directiveEnd + 1 up to the next arm's directive (exclusive). */
  end: number;
}

interface Conditional {
  arms: Arm[];
  /** Line of `#endif`. */
  endif: number;
  nested: Conditional[];
}

const DIRECTIVE = /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)$/;

function conditionalsOf(lines: string[]): Conditional[] {
  const top: Conditional[] = [];
  const stack: Conditional[] = [];
  for (let n = 0; n < lines.length; n++) {
    const m = DIRECTIVE.exec(lines[n]!);
    if (!m) continue;
    let end = n;
    while (lines[end]!.endsWith('\\') && end + 1 < lines.length) end++;
    const condition = [m[2]!, ...lines.slice(n + 1, end + 1)].join(' ').replace(/\\/g, ' ');
    const kind = m[1]!;
    const arm: Arm = { directive: n, directiveEnd: end, kind, condition, end: -1 };
    if (kind === 'if' || kind === 'ifdef' || kind === 'ifndef') {
      const c: Conditional = { arms: [arm], endif: -1, nested: [] };
      (stack.length ? stack[stack.length - 1]!.nested : top).push(c);
      stack.push(c);
    } else if (stack.length) {
      const c = stack[stack.length - 1]!;
      c.arms[c.arms.length - 1]!.end = n;
      if (kind === 'endif') {
        c.endif = n;
        stack.pop();
      } else c.arms.push(arm);
    }
    n = end;
  }
  // An unterminated conditional (a broken file) is left as it is.
  const complete = (cs: Conditional[]): Conditional[] => cs.filter((c) => c.endif >= 0).map((c) => ({ ...c, nested: complete(c.nested) }));
  return complete(top);
}

/** Code lines only: `#include`, `#pragma` and `#define` (with its continuations) say nothing of the arm's C. */
function withoutDirectives(body: string[]): string[] {
  const code: string[] = [];
  let continued = false;
  for (const l of body) {
    const directive: boolean = continued || /^\s*#/.test(l);
    continued = directive && l.endsWith('\\');
    if (!directive) code.push(l);
  }
  return code;
}

/** An arm that holds part of a construct: unbalanced braces or parentheses, a control header without its
 * body, a statement cut at either end, or an `else` cut from its `if`. */
function holdsPartOf(lines: string[], arm: Arm): boolean {
  const text = withoutDirectives(lines.slice(arm.directiveEnd + 1, arm.end))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, ' ');
  let braces = 0;
  let parens = 0;
  // `}else if(x){` balances but closes a block opened before the arm.
  let dips = false;
  for (const c of text) {
    if (c === '{') braces++;
    else if (c === '}') dips ||= --braces < 0;
    else if (c === '(') parens++;
    else if (c === ')') dips ||= --parens < 0;
  }
  const trimmed = text.trim();
  // `if (ret != -1)` whose body follows the conditional.
  const lastStatement = trimmed.slice(Math.max(trimmed.lastIndexOf(';'), trimmed.lastIndexOf('{'), trimmed.lastIndexOf('}')) + 1).trim();
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  const header = (/^(else\s+)?(if|while|for|switch)\b/.test(lastStatement) && lastStatement.endsWith(')')) || /^(}\s*)?(else\s+)?(if|while|for|switch)\s*\(.*\)$/.test(lastLine);
  // `const` of a declaration, `&& r->quic == NULL` of a condition, `static int f(…)` of a definition.
  const fragment = trimmed !== '' && (/[^;{}):]$/.test(trimmed) || /^(\|\||&&|[|&?:+,.)]|->)/.test(trimmed) || (trimmed.endsWith(')') && !/[;{}]/.test(trimmed)));
  return dips || header || fragment || braces !== 0 || parens !== 0 || /\belse$/.test(trimmed) || /^else\b/.test(trimmed);
}

/** `if(bp)` right before the conditional: each arm is the body (C takes one; the grammar wants a statement).
 * Or the conditional is inside an expression or a parameter list (`f(a,` / `flags =` before it). */
function bodyOfHeader(lines: string[], c: Conditional): boolean {
  let n = c.arms[0]!.directive;
  let previous = '';
  while (!previous && --n >= 0) {
    let line = lines[n]!.replace(/\/\*.*?\*\/|\/\/.*$/g, '');
    // The end of a block comment: the code before it, if any.
    if (line.includes('*/')) {
      while (n > 0 && !lines[n]!.includes('/*')) n--;
      line = lines[n]!.slice(0, lines[n]!.indexOf('/*'));
    }
    previous = line.trim();
  }
  return /^(}\s*)?(else\s+)?(if|while|for)\s*\(.*\)$/.test(previous) || /^(}\s*)?else$/.test(previous) || /[(,=|&+\-*/?"]$/.test(previous);
}

function keptArm(c: Conditional): number {
  for (let i = 0; i < c.arms.length; i++) {
    const a = c.arms[i]!;
    if (a.kind === 'else') return i;
    const name = a.condition.trim().split(/\s/)[0] ?? '';
    const value = a.kind === 'ifdef' ? (UNDEFINED.test(name) ? false : undefined) : a.kind === 'ifndef' ? (UNDEFINED.test(name) ? true : undefined) : conditionValue(a.condition);
    if (value !== false) return i;
  }
  return -1;
}

/** `text` with every conditional whose arms hold parts of a construct reduced to one arm; undefined if none. */
export function reduceSplitConditionals(text: string): string | undefined {
  const lines = text.split('\n');
  const blank = (from: number, to: number) => {
    for (let k = from; k <= to; k++) lines[k] = lines[k]!.replace(/[^\s]/g, ' ');
  };
  let changed = false;
  const conditionals = conditionalsOf(lines);
  const visit = (cs: Conditional[]) => {
    for (const c of cs) {
      if (!bodyOfHeader(lines, c) && !c.arms.some((a) => holdsPartOf(lines, a))) {
        visit(c.nested);
        continue;
      }
      changed = true;
      const keep = keptArm(c);
      c.arms.forEach((a, i) => {
        blank(a.directive, a.directiveEnd);
        if (i !== keep) blank(a.directiveEnd + 1, a.end - 1);
      });
      blank(c.endif, c.endif);
      const kept = c.arms[keep];
      if (kept) visit(c.nested.filter((n) => n.arms[0]!.directive > kept.directiveEnd && n.endif < kept.end));
    }
  };
  visit(conditionals);
  return changed ? lines.join('\n') : undefined;
}
