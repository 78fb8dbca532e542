// C front end: function_definition → lifecycle CFG (see ir.ts).
import type { SyntaxNode as Node } from '../parsing/syntax-node';
import type { Knowledge } from './knowledge';
import { CfgBuilder, NONZERO_FLAG, type Access, type Edge, type Event, type FlagOp, type FlagTest, type FunctionCfg, type Site } from './ir';
import { repeatedTakes, resolveCallee, takenArguments, type Callee, type FunctionSummary } from './callees';
import { firstLineRange, forEachDescendant, shortText } from './syntax';
import { holdsSecret, secretLengthArgs, statusZeroIsSuccess, type SecretRole } from './secrets';

export interface LowerEnv {
  knowledge: Knowledge;
  summaries: ReadonlyMap<string, FunctionSummary>;
  text: string;
  nextSiteId(): number;
}

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
      return inner && /^[A-Za-z_]\w*$/.test(inner) ? `*${inner}` : null;
    }
    default:
      return null;
  }
}

export function baseOf(access: Access): string {
  const m = /^\**([A-Za-z_$][\w$]*)/.exec(access);
  return m ? m[1]! : access;
}

export function isNullLiteral(n: Node): boolean {
  const s = stripC(n);
  return s.type === 'null' || (s.type === 'number_literal' && /^0+[uUlL]*$/.test(s.text)) || s.text === 'NULL';
}

function constantTruth(n: Node): boolean | undefined {
  const s = stripC(n);
  if (s.type === 'number_literal') return !/^0+[uUlL]*$/.test(s.text);
  if (s.type === 'true') return true;
  if (s.type === 'false') return false;
  return undefined;
}

function numberValue(n: Node): number | undefined {
  const s = stripC(n);
  if (s.type === 'number_literal' && /^-?\d+$/.test(s.text)) return Number(s.text);
  if (s.type === 'unary_expression' && s.childForFieldName('operator')?.text === '-') {
    const v = numberValue(s.childForFieldName('argument')!);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Value of an error accumulator after `err |= SOME_FLAG`: unknown bits, but not zero. */
const NONZERO = 0x40000000;

/** `ERR_ALERT | ERR_FATAL`, `0x10`: bits that are set (macro names stand for non-zero flags). */
function setsBits(n: Node): boolean {
  const s = stripC(n);
  if (s.type === 'identifier') return /^[A-Z][A-Z0-9_]*$/.test(s.text) && !/_(NONE|OK|SUCCESS)$/.test(s.text);
  if (s.type === 'number_literal') return constantValue(s) !== undefined && constantValue(s) !== 0;
  if (s.type === 'binary_expression' && s.childForFieldName('operator')?.text === '|') {
    return setsBits(s.childForFieldName('left')!) || setsBits(s.childForFieldName('right')!);
  }
  return false;
}

const MIRROR: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };
const NEGATE: Record<FlagOp, FlagOp> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

/** Integer value of a constant initializer (`0`, `-1`, `NULL`, `true`); undefined for anything else. */
function constantValue(n: Node): number | undefined {
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

/** Calls whose result is one of their arguments (`BIO_push` returns the head of the chain). */
const RESULT_IS_ARG: Record<string, number> = { BIO_push: 0 };

/** Names of functions outside the file and the knowledge base that by convention release their first argument. */
export function looksLikeReleaser(name: string): boolean {
  return /(^|_)(free|freezero|clear_free|free_all|destroy|release|unref|cleanup|deinit|delete|close)$/i.test(name) || /free$/.test(name);
}

/** Release functions that free only the block itself, never what it points to. */
const SHALLOW_RELEASE = new Set(['OPENSSL_free', 'OPENSSL_clear_free', 'CRYPTO_free', 'CRYPTO_clear_free', 'OPENSSL_secure_free', 'OPENSSL_secure_clear_free']);

/**
 * An OpenSSL API the knowledge base does not list, whose name does not say it takes anything
 * (`EVP_PKEY_copy_parameters`, `EVP_PKEY_get_bits`): OpenSSL documents every call that takes ownership, and
 * names them by convention (set0, add0, assign, push, …); those that matter are in the knowledge base.
 */
const OPENSSL_API = /^(EVP|X509|X509V3|SSL|SSL_CTX|BIO|BN|RSA|EC|ECDSA|DH|DSA|ASN1|PEM|PKCS5|PKCS7|PKCS8|PKCS12|OCSP|CMS|OSSL|OPENSSL|CRYPTO|HMAC|RAND|OBJ|i2d|d2i|i2a|a2i|i2s|s2i|GENERAL_NAME|SMIME|TS|CT|SCT|CONF|NCONF|ENGINE)_/;
const TAKER_NAME = /(_set0|_add0|_assign|_push|_unshift|_insert|_set_bio|_set_ssl|_attach|_own|_create|_new|_set_ex_data|_set_app_data|_set_cert_store|_CA_list|_set_\w*arg)/;

/**
 * d2i_TYPE(TYPE **a, …), d2i_TYPE_bio(bp, TYPE **a), d2i_PrivateKey(type, EVP_PKEY **a, …) and
 * PEM_read(_bio)_TYPE(in, TYPE **x, …) also store their result in *a / *x.
 */
function alsoStoredAt(name: string): number | undefined {
  if (name.startsWith('d2i_')) return /_(bio|fp)$/.test(name) || /^d2i_(PrivateKey|PublicKey)(_ex)?$/.test(name) ? 1 : 0;
  return name.startsWith('PEM_read') ? 1 : undefined;
}

/** The access a condition tests as a flag: a variable (`verbose`) or a field (`cfg->verbose`); null otherwise. */
function flagAccessOf(n: Node): Access | null {
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

/** C library calls that only read their pointer arguments (printing, comparing, copying from them). */
const LIBC_READERS = /^(v?[fs]?n?printf|puts|fputs|fwrite|write|str(n?cmp|n?casecmp|len|nlen|chr|rchr|str|dup|ndup|n?cpy|n?cat|spn|cspn|pbrk|tol|toul|toll|toull|tod)|mem(cmp|cpy|move|chr)|ato[ifl]|syslog|perror|assert|abort|exit)$/;

/** The statement before `n` in its block, comments skipped. */
function previousStatement(n: Node): Node | null {
  let p = n.previousNamedSibling;
  while (p && p.type === 'comment') p = p.previousNamedSibling;
  return p;
}

function readsOnly(name: string): boolean {
  return OPENSSL_API.test(name) && !TAKER_NAME.test(name);
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

function isPointerDeclarator(declarator: Node | null): boolean {
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

interface CallOptions {
  /** The result is stored into this access (`x = f()`), which is local to the function. */
  assignTo?: Access;
  /** The node placed as the finding location for an acquisition (the assignment for a struct field). */
  siteNode?: Node;
  /** The result is returned: an owned result is handed straight to the caller. */
  returned?: boolean;
  /** The call is an argument of another call. */
  inlineArg?: boolean;
  /** The result is discarded (expression statement). */
  discarded?: boolean;
  /** The call is being tested by a condition: success-only hand-overs go on the success edge. */
  successEvents?: Event[];
  failureAssumptions?: Access[];
}

interface CallResult {
  /** Access holding the call's result when it is a tracked resource ($inlineN for an unnamed one). */
  access?: Access;
  callee?: Callee;
}

export class CLowerer {
  private readonly b = new CfgBuilder();
  private readonly sites: Site[] = [];
  private readonly locals = new Set<string>();
  private readonly params: Set<string>;
  private readonly ownedBases: Set<string>;
  /** Locals holding an OpenSSL object created here: its free releases its fields (`ASN1_STRING_free` → data). */
  private readonly opensslObjects = new Set<string>();
  private readonly labels = new Map<string, number>();
  private readonly breaks: number[] = [];
  private readonly continues: number[] = [];
  private inlineCount = 0;
  private readonly name: string;
  /** `T *f(…)`: a wrapper's result may carry its arguments with it. */
  private returnsPointer = false;
  /** Scalars assigned constants and tested in conditions: their values make correlated branches infeasible. */
  private readonly flagVars = new Set<string>();
  /** Flags nothing writes in the function (parameters, top-level locals set once): one value per call. */
  private readonly stableFlags = new Set<string>();
  /** Values of stable flags known from the enclosing `if` branches (innermost last). */
  private readonly branchFacts: Array<[Access, number]> = [];
  /** The statement being lowered, and the statement in which each variable was last given to an unknown function. */
  private statement: Node | undefined;
  private readonly givenToUnknown = new Map<Access, { api: string; statement: Node }>();
  /** Flag values known in straight-line code outside loops, in lowering (source) order. */
  private readonly flagsSoFar = new Map<string, number | null>();
  private loopDepth = 0;
  /** Enclosing `#if`/`#ifdef` arms of the statement being lowered: condition key and the value it has there. */
  private readonly preprocArms: Array<{ key: Access; value: number }> = [];
  /** Locals of scalar type (`int n`): never hold a resource. */
  private readonly scalarLocals = new Set<string>();
  /** Local arrays (`unsigned char key[32]`): storage that ends with the function. */
  private readonly arrayLocals = new Set<string>();
  /** Buffers passed where an API expects key material (EVP_EncryptInit_ex's key, HMAC's key, ...). */
  private readonly keyBuffers = new Set<string>();
  /** Variables the function tests in a condition (`if (!ok)`, `if (q == NULL)`). */
  private readonly testedVars = new Set<string>();
  /** Success-only hand-overs waiting for the test of the status variable that holds the call's result. */
  private readonly pendingSuccess = new Map<Access, Event[]>();
  /** Flag conditions for the next two-way branch lowerCondition creates. */
  private nextFlagTests: { tBlock: number; fBlock: number; t: FlagTest; f: FlagTest } | undefined;

  constructor(private readonly fn: Node, private readonly env: LowerEnv) {
    this.name = functionNameC(fn) ?? '(anonymous)';
    let d = fn.childForFieldName('declarator');
    while (d && d.type !== 'function_declarator') {
      if (d.type === 'pointer_declarator') this.returnsPointer = true;
      d = d.childForFieldName('declarator');
    }
    this.params = new Set(parameterNamesC(fn).filter(Boolean));
    this.ownedBases = new Set();
  }

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

  // ---- declarations ---------------------------------------------------------------------------

  /** Locals (non-static) and the bases whose fields we own: heap objects we allocate and stack structs. */
  private collectDeclarations(body: Node): void {
    const stack: Node[] = [body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'declaration') {
        const isStatic = n.namedChildren.some((c) => c?.type === 'storage_class_specifier' && /static|extern/.test(c.text));
        for (const d of n.childrenForFieldName('declarator')) {
          if (!d) continue;
          const inner = d.type === 'init_declarator' ? d.childForFieldName('declarator') : d;
          const name = declaredName(inner);
          if (!name || isStatic) continue;
          this.locals.add(name);
          if (inner?.type === 'array_declarator') this.arrayLocals.add(name);
          const typeNode = n.childForFieldName('type');
          if (
            typeNode &&
            !isPointerDeclarator(inner) &&
            (typeNode.type === 'primitive_type' ||
              typeNode.type === 'sized_type_specifier' ||
              (typeNode.type === 'type_identifier' && /^(size_t|ssize_t|off_t|u?int\d*_t|long|BOOL|bool)$/.test(typeNode.text)))
          ) {
            this.scalarLocals.add(name);
          }
          if (!isPointerDeclarator(inner) && typeNode && /struct_specifier|type_identifier/.test(typeNode.type)) {
            this.ownedBases.add(name);
          }
          const value = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
          if (value && this.allocates(value)) this.ownedBases.add(name);
          if (value && this.createsOpensslObject(value)) this.opensslObjects.add(name);
        }
      } else if (n.type === 'assignment_expression') {
        const left = accessOfC(n.childForFieldName('left'));
        const right = n.childForFieldName('right');
        if (left && /^[A-Za-z_]\w*$/.test(left) && right && this.allocates(right)) this.ownedBases.add(left);
        if (left && /^[A-Za-z_]\w*$/.test(left) && right && this.createsOpensslObject(right)) this.opensslObjects.add(left);
      } else if (n.type === 'call_expression') {
        const fnNode = n.childForFieldName('function');
        const keyArgs = fnNode?.type === 'identifier' ? this.callee(fnNode.text).entry?.keyArgs : undefined;
        if (keyArgs) {
          const args = n.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
          for (const i of keyArgs) {
            const a = args[i] ? accessOfC(args[i]) : null;
            if (a) this.keyBuffers.add(a);
          }
        }
      }
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const c = n.namedChild(i);
        if (c) stack.push(c);
      }
    }
  }

  /** Finds scalar flags: identifiers assigned a constant somewhere and compared with a constant in a condition. */
  private collectFlags(body: Node): void {
    const constant = new Set<string>();
    // Where each variable is tested: the index of the top-level statement of the body holding the test.
    const testedAt = new Map<string, number[]>();
    let statementIndex = 0;
    const tested = (name: string) => {
      this.testedVars.add(name);
      const at = testedAt.get(name);
      if (at) at.push(statementIndex);
      else testedAt.set(name, [statementIndex]);
    };
    const noteTested = (cond: Node | null) => {
      if (!cond) return;
      const c = stripC(cond);
      const flag = flagAccessOf(c);
      if (flag) tested(flag);
      else if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') noteTested(c.childForFieldName('argument'));
      else if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&') {
        const l = stripC(c.childForFieldName('left')!);
        if (l.type === 'identifier') tested(l.text);
      }
      else if (c.type === 'binary_expression') {
        const op = c.childForFieldName('operator')?.text ?? '';
        const l = c.childForFieldName('left');
        const r = c.childForFieldName('right');
        if (op === '&&' || op === '||') {
          noteTested(l);
          noteTested(r);
        } else if (l && r && op in MIRROR) {
          for (const [a, b] of [[l, r], [r, l]] as const) {
            const sa = stripC(a);
            if (constantValue(b) === undefined) continue;
            const flag = flagAccessOf(sa);
            if (flag) tested(flag);
            else if (sa.type === 'assignment_expression') {
              const t = accessOfC(sa.childForFieldName('left'));
              if (t) tested(t);
            }
          }
        }
      } else if (c.type === 'assignment_expression') {
        const t = accessOfC(c.childForFieldName('left'));
        if (t) tested(t);
      }
    };
    // Names written anywhere (assignment, ++/--, address taken), and locals declared directly in the body.
    const written = new Set<string>();
    const topLevelLocals = new Set<string>();
    for (const d of body.namedChildren) {
      if (d.type !== 'declaration') continue;
      for (const decl of d.childrenForFieldName('declarator')) {
        const name = declaredName(decl.type === 'init_declarator' ? decl.childForFieldName('declarator') : decl);
        if (name) topLevelLocals.add(name);
      }
    }
    /** Variables assigned exactly once, by a plain `v = …;` statement at the top level of the body: its index. */
    const writes = new Map<string, number>();
    const assignedOnceAt = new Map<string, number>();
    const top = body.namedChildren;
    for (statementIndex = 0; statementIndex < top.length; statementIndex++) {
      const stack: Node[] = [top[statementIndex]!];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'assignment_expression' || n.type === 'update_expression') {
          const target = stripC((n.childForFieldName('left') ?? n.childForFieldName('argument'))!);
          const flag = flagAccessOf(target);
          if (flag) written.add(flag);
          if (target.type === 'identifier') {
            writes.set(target.text, (writes.get(target.text) ?? 0) + 1);
            const statement = top[statementIndex]!;
            if (n.type === 'assignment_expression' && n.childForFieldName('operator')?.text === '=' && statement.type === 'expression_statement' && stripC(statement.namedChild(0)!) === n) {
              assignedOnceAt.set(target.text, statementIndex);
            }
          }
        } else if (addressOperand(n)) {
          const target = stripC(addressOperand(n)!);
          const flag = flagAccessOf(target);
          if (flag) written.add(flag);
          if (target.type === 'identifier') {
            writes.set(target.text, (writes.get(target.text) ?? 0) + 2); // written through the pointer, maybe often
          }
        }
        if (n.type === 'if_statement' || n.type === 'while_statement' || n.type === 'do_statement' || n.type === 'for_statement' || n.type === 'conditional_expression') {
          noteTested(n.childForFieldName('condition'));
        } else if (n.type === 'init_declarator') {
          const name = declaredName(n.childForFieldName('declarator'));
          const value = n.childForFieldName('value');
          if (name && value && constantValue(value) !== undefined) constant.add(name);
        } else if (n.type === 'assignment_expression' && n.childForFieldName('operator')?.text === '=') {
          const left = stripC(n.childForFieldName('left')!);
          const value = n.childForFieldName('right');
          if (left.type === 'identifier' && value && constantValue(value) !== undefined) constant.add(left.text);
        }
        for (let i = n.namedChildCount - 1; i >= 0; i--) {
          const c = n.namedChild(i);
          if (c) stack.push(c);
        }
      }
    }
    for (const v of constant) if (this.testedVars.has(v) && this.locals.has(v)) this.flagVars.add(v);
    // `idx = find(id);` as a statement of its own, never written again, and tested only after it: one value too.
    for (const [v, at] of assignedOnceAt) {
      if (writes.get(v) !== 1 || !topLevelLocals.has(v) || constant.has(v)) continue;
      if ((testedAt.get(v) ?? []).every((i) => i > at)) {
        this.flagVars.add(v);
        this.stableFlags.add(v);
      }
    }
    // A parameter or a top-level local that nothing writes after its declaration holds one value for the whole
    // call: `if (verbose) x = X_new(); … if (verbose) X_free(x);` takes the same branch both times.
    for (const v of this.testedVars) {
      if (written.has(v) || constant.has(v)) continue;
      // `cfg->verbose`, `bs->certs`: a field nothing here writes, of a parameter or local that keeps its value.
      const base = baseOf(v);
      const stableField = v !== base && /^[A-Za-z_]\w*(->|\.)[A-Za-z_]\w*$/.test(v) && !written.has(base) && (this.params.has(base) || topLevelLocals.has(base));
      if (stableField) {
        this.flagVars.add(v);
        this.stableFlags.add(v);
        continue;
      }
      if (this.params.has(v) || topLevelLocals.has(v)) {
        this.flagVars.add(v);
        this.stableFlags.add(v);
      }
    }
  }

  private emitFlag(target: Access, value: Node | null, at: Node): void {
    this.emitFlagValue(target, value ? (constantValue(value) ?? null) : null, at);
  }

  private emitFlagValue(target: Access, v: number | null, at: Node): void {
    if (!this.flagVars.has(target)) return;
    this.b.emit({ k: 'flag', target, value: v, at });
    if (this.loopDepth === 0 && this.atTopLevel(at)) this.flagsSoFar.set(target, v);
    else this.flagsSoFar.delete(target);
  }

  /** A statement directly in the function body (not under a branch, loop or label). */
  private atTopLevel(at: Node): boolean {
    let n: Node | null = at;
    while (n && n.type !== 'declaration' && n.type !== 'expression_statement') n = n.parent;
    const body = this.fn.childForFieldName('body');
    return !!n && !!body && !!n.parent && n.parent.equals(body);
  }

  /** The dataflow starts at the acquisition: tell it the flags set before (`int ret = 0;` at the top). */
  private emitAcquire(ev: Extract<Event, { k: 'acquire' }>): void {
    this.b.emit(ev);
    // The preprocessor arms around the acquisition are the ones compiled: later tests of the same condition agree.
    for (const arm of this.preprocArms) this.b.emit({ k: 'flag', target: arm.key, value: arm.value, at: ev.at });
    for (const [target, value] of this.branchFacts) this.b.emit({ k: 'flag', target, value, at: ev.at });
    if (this.loopDepth > 0) return;
    for (const [target, value] of this.flagsSoFar) if (value !== null) this.b.emit({ k: 'flag', target, value, at: ev.at });
  }

  /** A two-way branch on `subject op k` where the subject is a flag: both edges carry the condition. */
  private setFlagTests(subject: Node, op: FlagOp, k: number, t: number, f: number): void {
    this.nextFlagTests = undefined;
    let s = stripC(subject);
    // `(err & ERR_FATAL) == 0`: an error accumulator tested against a mask reads as a test against zero.
    const masked = s.type === 'binary_expression' && s.childForFieldName('operator')?.text === '&' && k === 0 && (op === '==' || op === '!=');
    if (masked) s = stripC(s.childForFieldName('left')!);
    const name = flagAccessOf(s) ?? (s.type === 'assignment_expression' ? accessOfC(s.childForFieldName('left')) : null);
    if (!name || !this.flagVars.has(name) || t === f) return;
    const m = masked ? ({ masked: true } as const) : {};
    this.nextFlagTests = { tBlock: t, fBlock: f, t: { variable: name, op, k, ...m }, f: { variable: name, op: NEGATE[op], k, ...m } };
  }

  /** Adds the pending flag conditions to the two edges of the branch being created. */
  private flagEdges(...edges: Edge[]): void {
    const ft = this.nextFlagTests;
    this.nextFlagTests = undefined;
    if (!ft) return;
    for (const e of edges) {
      if (e.to === ft.tBlock) e.flagTests = [...(e.flagTests ?? []), ft.t];
      else if (e.to === ft.fBlock) e.flagTests = [...(e.flagTests ?? []), ft.f];
    }
  }

  private flushPending(target: Access): void {
    const pending = this.pendingSuccess.get(target);
    if (!pending) return;
    this.pendingSuccess.delete(target);
    for (const ev of pending) this.b.emit(ev);
  }

  /** `v` holds NULL whenever it is passed by address to `call`: every other assignment stores NULL, and no other call gets `&v`. */
  private onlyNullAssigned(v: Access, call: Node): boolean {
    if (!/^[A-Za-z_]\w*$/.test(v)) return false;
    const body = this.fn.childForFieldName('body');
    let sawNull = false;
    let ok = true;
    const stack: Node[] = body ? [body] : [];
    while (stack.length && ok) {
      const n = stack.pop()!;
      if (n.type === 'init_declarator' && declaredName(n.childForFieldName('declarator')) === v) {
        const value = n.childForFieldName('value');
        if (value && constantValue(value) === 0) sawNull = true;
        else if (value) ok = false;
      } else if (n.type === 'assignment_expression' && accessOfC(n.childForFieldName('left')) === v) {
        const value = n.childForFieldName('right');
        if (value && constantValue(value) === 0) sawNull = true;
        else ok = false;
      } else if (addressOperand(n) && accessOfC(addressOperand(n)) === v) {
        let p = n.parent;
        while (p && p.type !== 'call_expression') p = p.parent;
        if (!p || !p.equals(call)) {
          const fnNode = p?.childForFieldName('function');
          if (!fnNode || !fnNode.text.startsWith('i2d_')) ok = false;
        }
      }
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const c = n.namedChild(i);
        if (c) stack.push(c);
      }
    }
    return ok && sawNull;
  }

  /** What `value` returns when it is a call of a function returning an owned object. */
  private ownedResultOf(value: Node): Callee['ownedResult'] {
    const v = stripC(value);
    const fnNode = v.type === 'call_expression' ? v.childForFieldName('function') : null;
    return fnNode?.type === 'identifier' ? this.callee(fnNode.text).ownedResult : undefined;
  }

  private allocates(value: Node): boolean {
    return !!this.ownedResultOf(value);
  }

  /** Whether `n` calls a release function (known, summarised, or named like one). */
  private releasesSomething(n: Node): boolean {
    let found = false;
    forEachDescendant(n, (x) => {
      if (found) return false;
      if (x.type === 'call_expression') {
        const fn = x.childForFieldName('function');
        if (fn?.type === 'identifier') {
          const callee = this.callee(fn.text);
          if (callee.entry?.releases?.length || callee.summary?.releases.size || (!callee.known && looksLikeReleaser(fn.text))) found = true;
        }
      }
      return !found;
    });
    return found;
  }

  /** Whether `call` is given `target` itself as an argument. */
  private passesItself(call: Node, target: Access): boolean {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    return args.some((a) => accessOfC(a) === target);
  }

  /**
   * Whether `call` returns a new object nobody else holds: a known owned result, not written through an
   * out-parameter as well (`X509_get_ext_d2i(x, nid, &crit, NULL)`) and not filling an argument.
   */
  private ownsUnnamedResult(call: Node): boolean {
    const fnNode = call.childForFieldName('function');
    if (fnNode?.type !== 'identifier') return false;
    const callee = this.callee(fnNode.text);
    // Only documented APIs: a project's function may also link what it returns into a list of its own.
    if (!callee.ownedResult || !callee.entry || callee.summary || callee.entry.fillsArg !== undefined) return false;
    // `if (X509_NAME_delete_entry(n, i) == NULL)` after `e = X509_NAME_get_entry(n, i)`: released through e.
    if (/_(delete|pop|remove|shift)(_|$)/.test(fnNode.text)) return false;
    // (`d2i_X509_CRL(crl, &p, n)` with a non-NULL `TYPE **`: lowerCall stores the result there, no temporary.)
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    return !args.some((a) => addressOperand(stripC(a)));
  }

  /** Whether `value` creates an OpenSSL object, whose release function frees what its fields hold. */
  private createsOpensslObject(value: Node): boolean {
    return this.ownedResultOf(value)?.kind === 'ossl';
  }

  private callee(name: string): Callee {
    return resolveCallee(name, this.env.knowledge, this.env.summaries, 'c');
  }

  /** Storing into this access keeps the object in this function's hands (local variable or a field of a local object we own). */
  private isLocalStore(access: Access): boolean {
    if (access.startsWith('*')) return false;
    const base = baseOf(access);
    if (access === base) return this.locals.has(base) || this.params.has(base);
    return this.locals.has(base) && this.ownedBases.has(base);
  }

  // ---- statements -----------------------------------------------------------------------------

  private lowerStatement(n: Node | null): void {
    if (!n) return;
    const outer = this.statement;
    this.statement = n;
    try {
      this.lowerStatementKind(n);
    } finally {
      this.statement = outer;
    }
  }

  private lowerStatementKind(n: Node): void {
    switch (n.type) {
      case 'compound_statement':
        for (const c of n.namedChildren) if (c) this.lowerStatement(c);
        return;
      case 'declaration':
        return this.lowerDeclaration(n);
      case 'expression_statement': {
        const e = n.namedChild(0);
        if (e) this.lowerExpression(e, true);
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
      case 'goto_statement': {
        const label = n.childForFieldName('label')?.text;
        if (label) this.b.jump(this.labelBlock(label), { at: n, message: `goto ${label}`, goto: label });
        return;
      }
      case 'labeled_statement': {
        const label = n.childForFieldName('label')?.text;
        if (label) this.b.flowInto(this.labelBlock(label));
        for (const c of n.namedChildren) if (c && c.type !== 'statement_identifier') this.lowerStatement(c);
        return;
      }
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

  private labelBlock(label: string): number {
    let b = this.labels.get(label);
    if (b === undefined) {
      b = this.b.newBlock();
      this.labels.set(label, b);
    }
    return b;
  }

  private lowerDeclaration(n: Node): void {
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

  private lowerIf(n: Node): void {
    const cond = n.childForFieldName('condition');
    const thenB = this.b.newBlock();
    const elseB = this.b.newBlock();
    const after = this.b.newBlock();
    if (cond) this.lowerCondition(cond, thenB, elseB);
    else this.b.edge(this.b.current, { to: thenB });
    // An acquisition inside the branch starts its dataflow there: it is told what the branch says of stable flags.
    const facts = cond ? this.stableFactsOf(cond) : undefined;
    this.b.current = thenB;
    this.withBranchFact(facts?.[0], () => this.lowerStatement(n.childForFieldName('consequence')));
    this.b.flowInto(after);
    this.b.current = elseB;
    const alt = n.childForFieldName('alternative');
    // `else /* comment */ stmt`: the comment is a named child too.
    const altStatement = alt ? (alt.type === 'else_clause' ? (alt.namedChildren.find((c) => c && c.type !== 'comment') ?? null) : alt) : null;
    if (altStatement) this.withBranchFact(facts?.[1], () => this.lowerStatement(altStatement));
    this.b.flowInto(after);
    this.b.current = after;
  }

  private withBranchFact(facts: Array<[Access, number]> | undefined, lower: () => void): void {
    for (const f of facts ?? []) this.branchFacts.push(f);
    try {
      lower();
    } finally {
      for (const _ of facts ?? []) this.branchFacts.pop();
    }
  }

  /** What `if (cond)` says of a stable flag on its then / else branch: `v` / `!v` / `v == k` / `v != k`. */
  private stableFactsOf(cond: Node): [Array<[Access, number]> | undefined, Array<[Access, number]> | undefined] | undefined {
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
      const k = constantValue(c.childForFieldName('right')!);
      const v = stable(left);
      if (v && k !== undefined) {
        if (op === '==') facts = [[[v, k]], k === 0 ? [[v, NONZERO_FLAG]] : undefined];
        else if (op === '!=') facts = [k === 0 ? [[v, NONZERO_FLAG]] : undefined, [[v, k]]];
      }
    }
    return facts && negated ? [facts[1], facts[0]] : facts;
  }

  private lowerLoop(cond: Node | null, body: Node | null, update: Node | null, testFirst: boolean): void {
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

  private lowerLoopTest(cond: Node | null, bodyB: number, after: number): void {
    if (!cond || constantTruth(cond) === true) {
      this.b.edge(this.b.current, { to: bodyB });
      this.b.current = this.b.newBlock();
      return;
    }
    this.lowerCondition(cond, bodyB, after);
  }

  private lowerWhile(n: Node): void {
    this.lowerLoop(n.childForFieldName('condition'), n.childForFieldName('body'), null, true);
  }

  private lowerDo(n: Node): void {
    this.lowerLoop(n.childForFieldName('condition'), n.childForFieldName('body'), null, false);
  }

  private lowerFor(n: Node): void {
    const init = n.childForFieldName('initializer');
    if (init) {
      if (init.type === 'declaration') this.lowerDeclaration(init);
      else this.lowerExpression(init, true);
    }
    this.lowerLoop(n.childForFieldName('condition'), n.childForFieldName('body'), n.childForFieldName('update'), true);
  }

  private lowerSwitch(n: Node): void {
    const cond = n.childForFieldName('condition');
    if (cond) this.lowerExpression(cond, false);
    const head = this.b.current;
    const after = this.b.newBlock();
    this.breaks.push(after);
    this.b.current = this.b.newBlock(); // statements before the first case are unreachable
    let hasDefault = false;
    const body = n.childForFieldName('body');
    for (const c of body?.namedChildren ?? []) {
      if (!c) continue;
      if (c.type === 'case_statement') {
        const caseB = this.b.newBlock();
        const value = c.childForFieldName('value');
        if (!value) hasDefault = true;
        this.b.edge(head, { to: caseB, step: { at: c, message: `${value ? `case ${shortText(value, 30)}` : 'default'} taken` } });
        this.b.flowInto(caseB); // fallthrough from the previous case
        for (const s of c.namedChildren) if (s && !(value && s.equals(value))) this.lowerStatement(s);
      } else {
        this.lowerStatement(c);
      }
    }
    this.breaks.pop();
    if (!hasDefault) this.b.edge(head, { to: after });
    this.b.flowInto(after);
  }

  private lowerPreprocIf(n: Node): void {
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
    // `#if 0` is never compiled, `#if 1` always. A cleanup under `#ifdef HAVE_X` with no `#else` is taken to be
    // compiled: code is built with the features its cleanup needs (precision over a guessed configuration).
    if (neverCompiled(n)) {
      if (alt) this.lowerPreprocIf(alt);
      return;
    }
    const alwaysCompiled = n.type === 'preproc_if' && n.childForFieldName('condition')?.text.trim() === '1';
    if (alwaysCompiled || (!alt && body.some((c) => this.releasesSomething(c)))) {
      for (const c of body) this.lowerStatement(c);
      return;
    }
    const head = this.b.current;
    const after = this.b.newBlock();
    const armA = this.b.newBlock();
    this.b.edge(head, { to: armA, ...(cond ? { flagTests: [{ variable: cond.key, op: '==' as const, k: cond.armA }] } : {}) });
    this.b.current = armA;
    if (cond) this.preprocArms.push({ key: cond.key, value: cond.armA });
    for (const c of body) this.lowerStatement(c);
    if (cond) this.preprocArms.pop();
    this.b.flowInto(after);
    const armB = this.b.newBlock();
    this.b.edge(head, { to: armB, ...(cond ? { flagTests: [{ variable: cond.key, op: '==' as const, k: 1 - cond.armA }] } : {}) });
    this.b.current = armB;
    if (cond) this.preprocArms.push({ key: cond.key, value: 1 - cond.armA });
    if (alt) this.lowerPreprocIf(alt);
    if (cond) this.preprocArms.pop();
    this.b.flowInto(after);
  }

  private lowerReturn(n: Node): void {
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

  private lowerCondition(cond: Node, t: number, f: number): void {
    const c = stripC(cond);
    const truth = constantTruth(c);
    if (truth !== undefined) {
      this.b.edge(this.b.current, { to: truth ? t : f });
      this.b.current = this.b.newBlock();
      return;
    }
    if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
      return this.lowerCondition(c.childForFieldName('argument')!, f, t);
    }
    if (c.type === 'binary_expression') {
      const op = c.childForFieldName('operator')?.text ?? '';
      const left = c.childForFieldName('left');
      const right = c.childForFieldName('right');
      if (left && right && (op === '&&' || op === '||')) {
        const mid = this.b.newBlock();
        if (op === '&&') this.lowerCondition(left, mid, f);
        else this.lowerCondition(left, t, mid);
        this.b.current = mid;
        this.lowerCondition(right, t, f);
        return;
      }
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
        if (a && b) {
          this.lowerExpression(c, false, true);
          const step = (v: boolean) => ({ at: cond, message: `\`${shortText(cond)}\` is ${v}` });
          this.nextFlagTests = undefined;
          this.b.edge(this.b.current, { to: t, step: step(true), same: [{ a, b, equal: op === '==' }] });
          this.b.edge(this.b.current, { to: f, step: step(false), same: [{ a, b, equal: op !== '==' }] });
          this.b.current = this.b.newBlock();
          return;
        }
      }
      if (left && right && op in MIRROR) {
        const kRight = numberValue(right);
        const kLeft = numberValue(left);
        const subject = kRight !== undefined ? left : kLeft !== undefined ? right : null;
        const k = kRight ?? kLeft;
        const realOp = kRight !== undefined ? op : MIRROR[op]!;
        const meaning = subject && k !== undefined ? statusMeaning(realOp, k) : undefined;
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
      this.b.edge(this.b.current, tEdge);
      this.b.edge(this.b.current, fEdge);
      this.b.current = this.b.newBlock();
      return;
    }
    if (c.type === 'comma_expression') {
      const left = c.childForFieldName('left');
      if (left) this.lowerExpression(left, true);
      return this.lowerCondition(c.childForFieldName('right')!, t, f);
    }
    this.lowerExpression(c, false);
    this.nextFlagTests = undefined;
    const step = (v: boolean) => ({ at: cond, message: `\`${shortText(cond)}\` is ${v}` });
    this.b.edge(this.b.current, { to: t, step: step(true) });
    this.b.edge(this.b.current, { to: f, step: step(false) });
    this.b.current = this.b.newBlock();
  }

  /** `if (x)`, `if ((x = f()) == NULL)`: the edge where the value is NULL carries nothing to release. */
  private branchOnTruth(subject: Node, cond: Node, nonNull: number, isNull: number): void {
    const s = stripC(subject);
    let access: Access | null = null;
    if (s.type === 'assignment_expression') access = this.lowerExpression(s, false) ?? null;
    else if (s.type === 'call_expression') return this.branchOnStatus(s, cond, nonNull, isNull);
    else {
      access = accessOfC(s);
      this.lowerExpression(s, false, true);
    }
    const from = this.b.current;
    const shown = access ?? shortText(cond);
    const nonNullEdge: Edge = { to: nonNull, step: { at: cond, message: `\`${shown}\` is not NULL` } };
    const nullEdge: Edge = { to: isNull, step: { at: cond, message: `\`${shown}\` is NULL` } };
    if (access) {
      nonNullEdge.assume = [{ access, isNull: false }];
      nullEdge.assume = [{ access, isNull: true }];
      const pending = this.pendingSuccess.get(access);
      if (pending) {
        // `if ((q = realloc(p, n)) == NULL)`: the hand-over of p happened only where q is not NULL.
        this.pendingSuccess.delete(access);
        nonNullEdge.events = pending;
      }
    }
    this.flagEdges(nonNullEdge, nullEdge);
    this.b.edge(from, nonNullEdge);
    this.b.edge(from, nullEdge);
    this.b.current = this.b.newBlock();
  }

  /** A status-returning call or status variable: success-only hand-overs and out-parameters depend on it. */
  private branchOnStatus(subject: Node, cond: Node, success: number, failure: number): void {
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
    } else {
      const access = s.type === 'assignment_expression' ? (this.lowerExpression(s, false) ?? null) : accessOfC(s);
      if (s.type !== 'assignment_expression') this.lowerExpression(s, false, true);
      if (access) {
        successEdge.status = { variable: access, failed: false };
        failureEdge.status = { variable: access, failed: true };
        const pending = this.pendingSuccess.get(access);
        if (pending) {
          // `ok = sk_X509_push(sk, x); if (ok <= 0) …`: the hand-over happened only where ok reports success.
          this.pendingSuccess.delete(access);
          successEdge.events = [...(successEdge.events ?? []), ...pending];
        }
      }
    }
    this.flagEdges(successEdge, failureEdge);
    successEdge.step = { at: cond, message: `\`${shortText(s)}\` succeeds` };
    failureEdge.step = { at: cond, message: `\`${shortText(s)}\` fails` };
    this.b.edge(this.b.current, successEdge);
    this.b.edge(this.b.current, failureEdge);
    this.b.current = this.b.newBlock();
  }

  // ---- expressions ----------------------------------------------------------------------------

  /**
   * Emits the events of evaluating `n`. Returns the access that holds the expression's value when it is a
   * tracked location (assignment target, inline resource). `asStatement`: the value is discarded.
   */
  private lowerExpression(n: Node, asStatement: boolean, noUse = false): Access | undefined {
    const e = stripC(n);
    switch (e.type) {
      case 'assignment_expression': {
        const left = e.childForFieldName('left');
        const right = e.childForFieldName('right');
        const op = e.childForFieldName('operator')?.text ?? '=';
        if (!left || !right) return undefined;
        const target = accessOfC(left);
        if (op !== '=') {
          this.lowerExpression(right, false);
          this.usesIn(left);
          // `err |= ERR_ALERT | ERR_FATAL;`: whatever it held, the error accumulator is now non-zero.
          if (target && op === '|=' && setsBits(right)) this.emitFlagValue(target, NONZERO, e);
          else if (target) this.emitFlag(target, null, e);
          return undefined;
        }
        if (!target) {
          // a[i] = x, *f() = x: stored somewhere we do not follow.
          this.usesIn(left);
          this.lowerExpression(right, false);
          this.escapeValue(right, e);
          return undefined;
        }
        this.usesIn(left, true);
        if (!this.isLocalStore(target)) {
          const v = stripC(right);
          if (v.type === 'call_expression') {
            const r = this.lowerCall(v, { returned: true });
            void r;
          } else {
            this.lowerExpression(right, false);
            this.escapeValue(right, e);
          }
          this.b.emit({ k: 'assign', target, from: null, at: e });
          return target;
        }
        this.lowerAssign(target, right, e, e);
        return target;
      }
      case 'call_expression':
        return this.lowerCall(e, asStatement ? { discarded: true } : {}).access;
      case 'update_expression': {
        const arg = e.childForFieldName('argument');
        const a = accessOfC(arg);
        if (a) this.emitFlag(a, null, e);
        if (arg) this.usesIn(arg);
        return undefined;
      }
      case 'comma_expression': {
        const left = e.childForFieldName('left');
        if (left) this.lowerExpression(left, true);
        const right = e.childForFieldName('right');
        return right ? this.lowerExpression(right, asStatement) : undefined;
      }
      case 'conditional_expression': {
        const cond = e.childForFieldName('condition');
        if (cond) this.lowerExpression(cond, false, true);
        for (const part of [e.childForFieldName('consequence'), e.childForFieldName('alternative')]) {
          if (part) this.lowerExpression(part, asStatement);
        }
        return undefined;
      }
      case 'identifier':
        return undefined;
      case 'sizeof_expression':
      case 'alignof_expression':
      case 'offsetof_expression':
      case 'string_literal':
      case 'number_literal':
      case 'char_literal':
      case 'null':
        return undefined;
      default:
        if (!noUse) this.usesIn(e);
        else this.callsIn(e);
        return undefined;
    }
  }

  /** Lowers calls nested in `n` (and their uses) without treating plain reads as uses. */
  private callsIn(n: Node): void {
    for (const c of n.namedChildren) {
      if (!c) continue;
      const s = stripC(c);
      if (s.type === 'call_expression' || s.type === 'assignment_expression') this.lowerExpression(s, false);
      else this.callsIn(s);
    }
  }

  /** Dereferences in `n` (x->f, *x, x[i]) are uses of x; nested calls are lowered. */
  private usesIn(n: Node, lhs = false): void {
    const e = stripC(n);
    switch (e.type) {
      case 'call_expression':
      case 'assignment_expression':
        this.lowerExpression(e, false);
        return;
      case 'field_expression': {
        const arg = e.childForFieldName('argument');
        const op = e.childForFieldName('operator')?.text ?? '';
        const base = accessOfC(arg);
        if (base && op === '->' && !lhs) this.b.emit({ k: 'use', target: base, at: e });
        else if (base && op === '->' && lhs) this.b.emit({ k: 'use', target: base, at: e });
        if (arg && !base) this.usesIn(arg);
        else if (arg && base && arg.type === 'field_expression') this.usesIn(arg);
        return;
      }
      case 'pointer_expression': {
        const arg = e.childForFieldName('argument');
        const a = accessOfC(arg);
        if (a && e.childForFieldName('operator')?.text === '*') this.b.emit({ k: 'use', target: a, at: e });
        else if (arg) this.usesIn(arg);
        return;
      }
      case 'subscript_expression': {
        const arg = e.childForFieldName('argument');
        const a = accessOfC(arg);
        if (a) this.b.emit({ k: 'use', target: a, at: e });
        else if (arg) this.usesIn(arg);
        const idx = e.childForFieldName('index');
        if (idx) this.usesIn(idx);
        return;
      }
      case 'sizeof_expression':
      case 'identifier':
        return;
      default:
        for (const c of e.namedChildren) if (c) this.usesIn(c);
    }
  }

  /** Accesses the value of an expression may be (the arms of `?:`, the right of a comma, `&x->f`, `p + n`). */
  private returnedValues(n: Node): Access[] {
    const e = stripC(n);
    const a = accessOfC(e);
    if (a) return [a];
    switch (e.type) {
      case 'conditional_expression':
        return [e.childForFieldName('consequence'), e.childForFieldName('alternative')].flatMap((p) => (p ? this.returnedValues(p) : []));
      case 'comma_expression': {
        const right = e.childForFieldName('right');
        return right ? this.returnedValues(right) : [];
      }
      case 'pointer_expression': {
        const arg = e.childForFieldName('argument');
        if (e.childForFieldName('operator')?.text !== '&' || !arg) return [];
        const inner = accessOfC(arg);
        return inner ? [inner, baseOf(inner)] : [];
      }
      case 'binary_expression': {
        const op = e.childForFieldName('operator')?.text;
        if (op !== '+' && op !== '-') return [];
        const left = e.childForFieldName('left');
        return left ? this.returnedValues(left) : [];
      }
      case 'assignment_expression': {
        const t = accessOfC(e.childForFieldName('left'));
        return t ? [t] : [];
      }
      case 'call_expression': {
        const fnNode = e.childForFieldName('function');
        if (!this.returnsPointer || (fnNode?.type === 'identifier' && this.callee(fnNode.text).known)) return [];
        return (e.childForFieldName('arguments')?.namedChildren ?? []).flatMap((c) => (c ? this.returnedValues(c) : []));
      }
      default:
        return [];
    }
  }

  /** Plain accesses named in an expression (not inside sizeof or as a called function's name). */
  private accessesIn(n: Node): Access[] {
    const out: Access[] = [];
    const visit = (x: Node) => {
      const a = accessOfC(x);
      if (a) {
        out.push(a);
        return;
      }
      if (x.type === 'sizeof_expression') return;
      if (x.type === 'call_expression') {
        const args = x.childForFieldName('arguments');
        for (const c of args?.namedChildren ?? []) if (c) visit(c);
        return;
      }
      for (const c of x.namedChildren) if (c) visit(c);
    };
    visit(n);
    return out;
  }

  /** The value escapes through a store we do not follow (global, parameter field, out-parameter, array). */
  private escapeValue(value: Node, at: Node): void {
    const v = stripC(value);
    const operand = addressOperand(v);
    if (operand) {
      const inner = accessOfC(operand);
      if (inner) this.b.emit({ k: 'transfer', target: inner, api: 'address taken', at });
      return;
    }
    for (const a of this.returnedValues(v)) this.b.emit({ k: 'transfer', target: a, api: 'stored', at });
  }

  private lowerAssign(target: Access, value: Node, at: Node, siteNode: Node): void {
    // `if (!_CONF_add_string(conf, tv, v)) goto err; v = NULL;`: clearing the pointer right after giving it to a
    // function we cannot see is the idiom for "it owns it now" (the cleanup below must not free it again).
    const given = this.givenToUnknown.get(target);
    if (given && isNullLiteral(value) && this.statement && previousStatement(this.statement) === given.statement) {
      this.b.emit({ k: 'transfer', target, api: given.api, at });
    }
    this.flushPending(target);
    this.lowerAssignValue(target, value, at, siteNode);
    this.emitFlag(target, value, at);
  }

  private lowerAssignValue(target: Access, value: Node, at: Node, siteNode: Node): void {
    const v = stripC(value);
    if (v.type === 'call_expression') {
      const r = this.lowerCall(v, { assignTo: target, siteNode: target.includes('->') || target.includes('.') ? siteNode : v });
      // `ret = i2v_GENERAL_NAME(method, gen, ret)` through a function we know nothing about: like realloc, it
      // most likely returns the object it was given (or one that replaces it); the old value is not lost.
      if (!r.access && !r.callee?.known && this.passesItself(v, target)) return;
      if (!r.access) this.b.emit({ k: 'assign', target, from: null, at });
      return;
    }
    const from = accessOfC(v);
    if (from) {
      // `n = it->len` reads through `it`.
      if (v.type !== 'identifier') this.usesIn(v);
      this.b.emit({ k: 'assign', target, from, at });
      return;
    }
    if (v.type === 'assignment_expression') {
      const inner = this.lowerExpression(v, false);
      this.b.emit({ k: 'assign', target, from: inner ?? null, at });
      return;
    }
    if (v.type === 'conditional_expression') {
      const cond = v.childForFieldName('condition');
      if (cond) this.lowerExpression(cond, false, true);
      const parts = [v.childForFieldName('consequence'), v.childForFieldName('alternative')];
      const alias = parts.map((p) => (p ? accessOfC(p) : null)).find((a) => a);
      for (const p of parts) if (p && !accessOfC(p)) this.lowerExpression(p, false);
      this.b.emit({ k: 'assign', target, from: alias ?? null, at });
      return;
    }
    this.lowerExpression(value, false);
    this.b.emit({ k: 'assign', target, from: null, at });
  }

  // ---- calls ----------------------------------------------------------------------------------

  private newSite(call: Node, siteNode: Node, api: string, variable: Access, owned: NonNullable<Callee['ownedResult']>): Site {
    const site: Site = {
      id: this.env.nextSiteId(),
      api,
      variable,
      kind: owned.kind,
      release: owned.release,
      range: firstLineRange(siteNode, this.env.text),
      functionName: this.name,
    };
    void call;
    this.sites.push(site);
    return site;
  }

  private lowerCall(call: Node, opts: CallOptions): CallResult {
    const fnNode = call.childForFieldName('function');
    const argsNode = call.childForFieldName('arguments');
    const args = (argsNode?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    const name = fnNode && fnNode.type === 'identifier' ? fnNode.text : null;
    const callee = name ? this.callee(name) : undefined;
    if (fnNode && fnNode.type !== 'identifier') this.usesIn(fnNode);

    // Evaluate the arguments: nested acquisitions become $inline temporaries.
    const argAccess: Array<Access | null> = [];
    const addrOf: Array<Access | null> = [];
    const inlineTemps: Access[] = [];
    for (const arg of args) {
      const a = stripC(arg);
      let access: Access | null = null;
      let addr: Access | null = null;
      if (a.type === 'call_expression') {
        const r = this.lowerCall(a, { inlineArg: true });
        if (r.access) {
          access = r.access;
          inlineTemps.push(r.access);
        }
      } else if (addressOperand(a)) {
        addr = accessOfC(addressOperand(a));
        if (addr) this.emitFlag(addr, null, a);
        if (!addr) this.usesIn(addressOperand(a)!);
      } else if (a.type === 'assignment_expression') {
        access = this.lowerExpression(a, false) ?? null;
      } else {
        access = accessOfC(a);
        if (!access) this.lowerExpression(a, false);
        else if (a.type === 'field_expression') this.usesIn(a);
      }
      argAccess.push(access);
      addrOf.push(addr);
    }

    const entry = callee?.entry;
    const summary = callee?.summary;
    const handled = new Set<number>();
    const successEvents = opts.successEvents;
    // Releases.
    for (const i of entry?.releases ?? []) {
      const a = argAccess[i];
      if (a) {
        // An OpenSSL free function releases what the object owns (`SSL_free(s)` frees `s->param`); libc's
        // free and OPENSSL_free do not.
        const deep = this.env.knowledge.sourceOf(entry!) !== 'libc.json' && !SHALLOW_RELEASE.has(name!);
        const wipes = entry!.wipes !== undefined;
        this.b.emit({ k: 'release', target: a, api: name!, at: call, ...(deep ? { deep: true } : {}), ...(wipes ? { wipes } : {}) });
        handled.add(i);
      }
    }
    for (const [i, suffixes] of summary?.releases ?? []) {
      const a = argAccess[i];
      const addr = addrOf[i];
      if (addr && suffixes.has('*')) {
        // free_and_null(&p): released, and the helper sets p to NULL, which ends tracking.
        this.b.emit({ k: 'release', target: addr, api: name!, at: call });
        this.b.emit({ k: 'assign', target: addr, from: null, at: call });
        handled.add(i);
        continue;
      }
      if (addr && !a) {
        // `mfree(&cb_data)` releasing `data->name`: the fields of the local struct whose address it gets.
        for (const suffix of suffixes) {
          if (suffix.startsWith('->')) this.b.emit({ k: 'release', target: `${addr}.${suffix.slice(2)}`, api: name!, at: call });
        }
        continue;
      }
      if (!a) continue;
      for (const suffix of [...suffixes].filter((x) => x !== '*').sort((x, y) => y.length - x.length)) {
        // A project destructor (`ckch_store_free(dst)`) releases what the object holds too when it hands the
        // object to helpers we do not follow (`ckch_conf_clean(&s->conf)`): a field stored before is not lost.
        // One we read whole (`free(s->label); free(s);`) releases exactly the fields it names.
        const deep = suffix === '' && (summary!.opaque?.has(i) ?? false);
        // A helper that releases and wipes the parameter (OPENSSL_clear_free inside) releases it wiped.
        const wipes = suffix === '' && !!summary?.wipes.has(i);
        this.b.emit({ k: 'release', target: a + suffix, api: name!, at: call, ...(wipes ? { wipes } : {}), ...(deep ? { deep } : {}) });
      }
      handled.add(i);
    }
    this.lowerWipesAndResets(entry, summary, argAccess, call);
    this.lowerFacetSites(name, entry, args, argAccess, call, opts);
    // Hand-overs.
    const { args: taken, when: takesWhen } = takenArguments(entry, args.length);
    const repeated = repeatedTakes(taken, argAccess);
    for (const i of taken) {
      const a = argAccess[i];
      if (!a) continue;
      if (repeated.has(i)) {
        handled.add(i);
        continue;
      }
      // A weak hand-over (a BIO pushed onto a chain, an entry inserted into a hash table) ends tracking without
      // claiming the new holder frees it: a later release of our own is still correct.
      const ev: Event = { k: 'transfer', target: a, api: name!, at: call, ...(entry?.takes?.weak ? {} : { owning: true }) };
      if (takesWhen === 'success' && successEvents) successEvents.push(ev);
      else if (takesWhen === 'success' && opts.assignTo && a !== opts.assignTo && this.testedVars.has(opts.assignTo)) {
        // The result lands in a status variable tested later: the hand-over goes on that test's success edge.
        const list = this.pendingSuccess.get(opts.assignTo) ?? [];
        list.push(ev);
        this.pendingSuccess.set(opts.assignTo, list);
      } else this.b.emit(ev);
      handled.add(i);
    }
    for (const i of summary?.stores ?? []) {
      const a = argAccess[i] ?? addrOf[i];
      if (a) {
        this.b.emit({ k: 'transfer', target: a, api: name!, at: call });
        handled.add(i);
      }
    }
    if (entry?.upRef !== undefined) {
      const a = argAccess[entry.upRef];
      if (a) {
        // `if (!X509_up_ref(x)) goto err;`: the reference exists only where the call succeeded.
        const ev: Event = { k: 'upref', target: a, at: call };
        if (opts.successEvents) opts.successEvents.push(ev);
        else this.b.emit(ev);
        handled.add(entry.upRef);
      }
    }
    // Out-parameter allocations: `i2d_X509(x, &der)`.
    for (const out of entry?.outParams ?? []) {
      const a = addrOf[out.arg];
      if (!a) continue;
      handled.add(out.arg);
      if (!this.isLocalStore(a)) continue;
      // `ASN1_item_i2d(x, &seq->data, it)` into an ASN1_STRING: the string owns it and ASN1_STRING_free releases
      // it; a leak of it is the string's leak.
      if (a !== baseOf(a) && this.opensslObjects.has(baseOf(a))) continue;
      // `p = buf; i2d_X509(x, &p)` writes into the caller's buffer: only a NULL pointer gets a new allocation.
      if (name!.startsWith('i2d_') && !this.onlyNullAssigned(a, call)) continue;
      const site = this.newSite(call, call, name!, a, { release: out.release, kind: callee!.ownedResult?.kind ?? this.kindOfEntryFile(callee!) });
      if (opts.assignTo) site.resultVar = opts.assignTo;
      this.emitAcquire({ k: 'acquire', site, target: a, at: call });
      opts.failureAssumptions?.push(a);
    }
    // Remaining arguments: uses; `&x` to a function we know nothing about may store or free it.
    const passesDestructor = args.some((arg) => {
      const s = stripC(arg);
      if (s.type !== 'identifier' || s.text === name) return false;
      return !!this.callee(s.text).entry?.releases?.length || looksLikeReleaser(s.text);
    });
    args.forEach((_, i) => {
      if (handled.has(i)) return;
      const a = argAccess[i];
      const addr = addrOf[i];
      if (a && !a.startsWith('$inline')) {
        // `return wrap(x)` through a function we know nothing about: x most likely travels with the result.
        // `freezero(p, n)`, `foo_free(p)` defined elsewhere: not a release we can vouch for, but not a leak either.
        if (i === 0 && !callee?.known && name && looksLikeReleaser(name)) this.b.emit({ k: 'transfer', target: a, api: name, at: call });
        // `lru64_commit(lru, ctx, key, 0, SSL_CTX_free)`: a container given the destructor keeps the object.
        else if (!callee?.known && passesDestructor) this.b.emit({ k: 'transfer', target: a, api: name ?? 'call', at: call });
        // `TAILQ_INSERT_HEAD(&q, x, link)`, `RB_INSERT(…, x)`: a macro may store its arguments anywhere.
        else if (!callee?.known && name && /^[A-Z][A-Z0-9_]*$/.test(name) && /[A-Z]{2}/.test(name)) this.b.emit({ k: 'transfer', target: a, api: name, at: call });
        else if (opts.returned && !callee?.known && this.returnsPointer) this.b.emit({ k: 'transfer', target: a, api: name ?? 'call', at: call });
        // `bev = bufferevent_openssl_socket_new(base, fd, ssl, …)`: an outside constructor wraps the object.
        else if (!callee?.known && opts.assignTo && name && /(^|_)(new|create|wrap)(_|$)/i.test(name)) this.b.emit({ k: 'transfer', target: a, api: name, at: call });
        else {
          this.b.emit({ k: 'use', target: a, at: call });
          if (!callee?.known && name && this.statement && !readsOnly(name) && !LIBC_READERS.test(name)) {
            this.givenToUnknown.set(a, { api: name, statement: this.statement });
          }
        }
      }
      if (addr && !callee?.known) {
        this.b.emit({ k: 'transfer', target: addr, api: name ?? 'call', at: call });
        // `LIST_INSERT(&head, &e->list)`, `ebst_insert(&tree, &e->node)`: the object holding the link is now
        // reachable from the container, together with everything it holds.
        const link = addr.lastIndexOf('->');
        // `ha_free(&e->name)` frees the field, not the entry.
        if (link > 0 && !(name && looksLikeReleaser(name))) this.b.emit({ k: 'transfer', target: addr.slice(0, link), api: name ?? 'call', at: call });
      }
    });
    // Inline temporaries die with the call unless the callee took them.
    for (const t of inlineTemps) {
      const idx = argAccess.indexOf(t);
      if (handled.has(idx)) continue;
      if (!callee?.known && !(name && readsOnly(name))) this.b.emit({ k: 'transfer', target: t, api: name ?? 'call', at: call });
      else this.b.emit({ k: 'drop', target: t, at: call });
    }

    let result: CallResult = callee ? { callee } : {};
    const owned = callee?.ownedResult;
    // `d2i_X509(&x, &p, n)`, `PEM_read_bio_X509(in, &x, …)`: the new object is stored in x as well as returned.
    const storedAt = owned && name ? alsoStoredAt(name) : undefined;
    const storedArg = storedAt !== undefined ? args[storedAt] : undefined;
    const storedToo = !!owned && storedArg !== undefined && !isNullLiteral(storedArg) && !opts.returned;
    // `int n = SSL_get1_curves(…)`: a count, whatever the naming convention suggests. `X509_delete_ext(x, i);`
    // after `X509_get_ext(x, i)`: the object is released through the pointer obtained before.
    const notAResource =
      (opts.assignTo !== undefined && this.scalarLocals.has(opts.assignTo)) || (opts.discarded && name !== null && /_(delete|pop|remove)(_|$)/.test(name));
    // `BN_bin2bn(s, n, bn)`, `X509_NAME_oneline(name, buf, sizeof buf)` fill the caller's object or buffer;
    // only a NULL there allocates.
    const filled = entry?.fillsArg !== undefined ? args[entry.fillsArg] : undefined;
    const fillsBuffer = filled !== undefined && !isNullLiteral(filled);
    if (storedToo) {
      // Stored through a pointer we were given (`d2i_X509_CRL(crl, &p, n)`), it belongs to our caller.
      const into = addrOf[storedAt!];
      if (into && this.isLocalStore(into)) {
        // An object already in x is reused, not lost: tracking of it ends here.
        this.b.emit({ k: 'transfer', target: into, api: name!, at: call });
        const site = this.newSite(call, opts.assignTo ? (opts.siteNode ?? call) : call, name!, into, owned!);
        this.emitAcquire({ k: 'acquire', site, target: into, at: call });
        opts.failureAssumptions?.push(into);
        if (opts.assignTo) this.b.emit({ k: 'assign', target: opts.assignTo, from: into, at: call });
        result = { ...result, access: opts.assignTo ?? into };
      }
    } else if (owned && !opts.returned && !notAResource && !fillsBuffer) {
      if (opts.assignTo) {
        const site = this.newSite(call, opts.siteNode ?? call, name!, opts.assignTo, owned);
        this.emitAcquire({ k: 'acquire', site, target: opts.assignTo, at: call });
        result = { ...result, access: opts.assignTo };
      } else if (opts.inlineArg || opts.discarded) {
        const temp = `$inline${this.inlineCount++}`;
        const site = this.newSite(call, call, name!, '', owned);
        this.emitAcquire({ k: 'acquire', site, target: temp, at: call });
        if (opts.discarded) this.b.emit({ k: 'drop', target: temp, at: call });
        else result = { ...result, access: temp };
      }
    } else if (entry?.borrowedFrom !== undefined && opts.assignTo) {
      const from = argAccess[entry.borrowedFrom];
      if (from) {
        this.b.emit({ k: 'assign', target: opts.assignTo, from: null, at: call });
        this.b.emit({ k: 'borrow', target: opts.assignTo, from, at: call });
        result = { ...result, access: opts.assignTo };
      }
    }
    const aliasArg = name ? (RESULT_IS_ARG[name] ?? (fillsBuffer ? entry?.fillsArg : undefined)) : undefined;
    if (aliasArg !== undefined && opts.assignTo && !result.access) {
      const from = argAccess[aliasArg];
      if (from) {
        this.b.emit({ k: 'assign', target: opts.assignTo, from, at: call });
        result = { ...result, access: opts.assignTo };
      }
    }
    if (callee?.noreturn) this.b.exit(callee.noreturn, call);
    return result;
  }

  /** OPENSSL_cleanse / explicit_bzero (and helpers that call them) wipe; X509_STORE_CTX_cleanup resets. */
  private lowerWipesAndResets(entry: Callee['entry'], summary: Callee['summary'], argAccess: Array<Access | null>, call: Node): void {
    const wiped = [...(entry?.wipes !== undefined && !entry.releases?.length ? [entry.wipes] : []), ...(summary?.wipes ?? [])];
    for (const i of wiped) {
      const a = argAccess[i];
      if (a) this.b.emit({ k: 'wipe', target: a, at: call });
    }
    for (const i of [...(entry?.resets !== undefined ? [entry.resets] : []), ...(summary?.resets ?? [])]) {
      const a = argAccess[i];
      if (a) this.b.emit({ k: 'reset', target: a, at: call });
    }
  }

  /**
   * Facet sites: a secret written into a local buffer (`PKCS5_PBKDF2_HMAC(…, key)`, `RAND_bytes(key, n)` into
   * key material) and an initialised X509_STORE_CTX (`X509_STORE_CTX_init(ctx, …)`). Both are placed on the call.
   */
  private lowerFacetSites(
    name: string | null,
    entry: Callee['entry'],
    args: Node[],
    argAccess: Array<Access | null>,
    call: Node,
    opts: CallOptions,
  ): void {
    if (!name || !entry) return;
    const zeroIsSuccess = statusZeroIsSuccess(entry.name ?? name);
    const start = (site: Site, target: Access) => {
      if (opts.assignTo && !zeroIsSuccess) site.resultVar = opts.assignTo;
      this.emitAcquire({ k: 'acquire', site, target, at: call });
      // The call failed: nothing was written / initialised. EVP_read_pw_string reports success with 0, so
      // the branch the status convention calls success is its failure: nothing to wipe there.
      if (!zeroIsSuccess) opts.failureAssumptions?.push(target);
      else opts.successEvents?.push({ k: 'wipe', target: target.slice(0, target.lastIndexOf('#')), at: call });
    };
    if (entry.initializes !== undefined) {
      const a = argAccess[entry.initializes];
      if (a && !a.startsWith('$inline')) {
        const site = this.newSite(call, call, name, a, { release: ['X509_STORE_CTX_cleanup', 'X509_STORE_CTX_free'], kind: 'x509init' });
        site.facet = '#init';
        start(site, `${a}#init`);
      }
    }
    for (const w of entry.writesSecret ?? []) {
      const a = argAccess[w.arg];
      // Only buffers this function owns: a caller's buffer or a struct field is handed over by definition.
      if (!a || !/^[A-Za-z_]\w*$/.test(a) || !this.locals.has(a)) continue;
      if (!this.holdsSecret(name, a, w.role)) continue;
      const site = this.newSite(call, call, name, a, { release: ['OPENSSL_cleanse', 'OPENSSL_clear_free'], kind: 'secret' });
      site.facet = '#secret';
      site.secretStorage = this.arrayLocals.has(a) ? 'stack' : 'heap';
      const length = secretLengthText(args, secretLengthArgs(entry.name ?? name, w.arg));
      if (length) site.fixHints = { ...site.fixHints, secretLength: length, functionEnd: this.fn.endPosition && { line: this.fn.endPosition.row, character: this.fn.endPosition.column } };
      start(site, `${a}#secret`);
    }
  }

  /** IVs, nonces and salts are public; random bytes are a secret only when they are used or named as a key. */
  private holdsSecret(api: string, buffer: Access, role: SecretRole): boolean {
    return holdsSecret(api, buffer, role, this.keyBuffers.has(buffer));
  }

  private kindOfEntryFile(callee: Callee): 'ossl' | 'mem' {
    return callee.entry && this.env.knowledge.sourceOf(callee.entry) === 'libc.json' ? 'mem' : 'ossl';
  }
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
  return { key: text.startsWith('defined(') ? `#${text}` : `#if ${text}`, armA };
}

/** The length argument next to a secret buffer (`…, sizeof(key), key)`, `RAND_bytes(key, 32)`), for OPENSSL_clear_free. */
function secretLengthText(args: Node[], candidates: number[]): string | undefined {
  for (const i of candidates) {
    const a = args[i];
    if (!a) continue;
    const s = stripC(a);
    const text = s.type === 'pointer_expression' && s.text.startsWith('&') ? s.childForFieldName('argument')?.text : s.text;
    if (text && /^(\d+[uUlL]*|sizeof\s*\(?\s*[\w.>-]+\s*\)?|[A-Z_][A-Z0-9_]*|[a-z_]\w*len\w*)$/i.test(text.trim())) return text.trim();
  }
  return undefined;
}
