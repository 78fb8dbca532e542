// C front end, second layer: expressions, assignments and calls. A call's arguments are evaluated here;
// what the call does to them comes from the call-semantics layer; what is left (arguments of functions
// nobody knows) is read by C conventions: destructors passed along, list macros, constructors that wrap.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Access } from '../ir';
import { isVariable } from '../facts';
import { looksLikeReleaser, namesReleaser, type CallOptions, type CallResult, type LoweredCall } from '../lowering/call-semantics';
import { accessOfC, addressOperand, baseOf, isNullLiteral, NONZERO, previousStatement, setsBits, stripC } from './syntax';
import { CLoweringState } from './state';

/**
 * An OpenSSL API the knowledge base does not list, whose name does not say it takes anything
 * (`EVP_PKEY_copy_parameters`, `EVP_PKEY_get_bits`): OpenSSL documents every call that takes ownership, and
 * names them by convention (set0, add0, assign, push, …); those that matter are in the knowledge base.
 */
const OPENSSL_API = /^(EVP|X509|X509V3|SSL|SSL_CTX|BIO|BN|RSA|EC|ECDSA|DH|DSA|ASN1|PEM|PKCS5|PKCS7|PKCS8|PKCS12|OCSP|CMS|OSSL|OPENSSL|CRYPTO|HMAC|RAND|OBJ|i2d|d2i|i2a|a2i|i2s|s2i|GENERAL_NAME|SMIME|TS|CT|SCT|CONF|NCONF|ENGINE)_/;
const TAKER_NAME = /(_set0|_add0|_assign|_push|_unshift|_insert|_set_bio|_set_ssl|_attach|_own|_create|_new|_set_ex_data|_set_app_data|_set_cert_store|_CA_list|_set_\w*arg)/;

/** C library calls that only read their pointer arguments (printing, comparing, copying from them). */
const LIBC_READERS = /^(v?[fs]?n?printf|puts|fputs|fwrite|write|str(n?cmp|n?casecmp|len|nlen|chr|rchr|str|dup|ndup|n?cpy|n?cat|spn|cspn|pbrk|tol|toul|toll|toull|tod)|mem(cmp|cpy|move|chr)|ato[ifl]|syslog|perror|assert|abort|exit)$/;

/** Names of callbacks by convention (`http_chunked_trickle_cb`, `on_read_callback`, `verify_handler`). */
const CALLBACK_NAME = /(_cb|_callback|Callback|_handler)$/;

function readsOnly(name: string): boolean {
  return OPENSSL_API.test(name) && !TAKER_NAME.test(name);
}

export abstract class CExpressionLowerer extends CLoweringState {
  // ---- expressions ----------------------------------------------------------------------------

  /**
   * Emits the events of evaluating `n`. Returns the access that holds the expression's value when it is a
   * tracked location (assignment target, inline resource). `asStatement`: the value is discarded.
   */
  protected lowerExpression(n: Node, asStatement: boolean, noUse = false): Access | undefined {
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
  protected callsIn(n: Node): void {
    for (const c of n.namedChildren) {
      if (!c) continue;
      const s = stripC(c);
      if (s.type === 'call_expression' || s.type === 'assignment_expression') this.lowerExpression(s, false);
      else this.callsIn(s);
    }
  }

  /** Dereferences in `n` (x->f, *x, x[i]) are uses of x; nested calls are lowered. */
  protected usesIn(n: Node, lhs = false): void {
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
  protected returnedValues(n: Node): Access[] {
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
  protected accessesIn(n: Node): Access[] {
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
  protected escapeValue(value: Node, at: Node): void {
    const v = stripC(value);
    const operand = addressOperand(v);
    if (operand) {
      const inner = accessOfC(operand);
      if (inner) this.b.emit({ k: 'transfer', target: inner, api: 'address taken', at });
      return;
    }
    for (const a of this.returnedValues(v)) {
      this.b.emit({ k: 'transfer', target: a, api: 'stored', at });
      const block = this.statement?.parent;
      if (block && isVariable(a)) this.storedIn.set(a, block);
    }
  }

  /**
   * `msg->tail = lg; … lg->lg_value = malloc(n);`: a field filled after its object was stored where we do not
   * follow (in a block around this statement) belongs to that object's new holder.
   */
  protected filledAfterStore(target: Access, at: Node): boolean {
    const base = baseOf(target);
    const block = base !== target && !target.startsWith('*') ? this.storedIn.get(base) : undefined;
    for (let n: Node | null = at; block && n; n = n.parent) if (n.equals(block)) return true;
    return false;
  }

  protected lowerAssign(target: Access, value: Node, at: Node, siteNode: Node): void {
    // `if (!_CONF_add_string(conf, tv, v)) goto err; v = NULL;`: clearing the pointer right after giving it to a
    // function we cannot see is the idiom for "it owns it now" (the cleanup below must not free it again).
    const given = this.givenToUnknown.get(target);
    if (given && isNullLiteral(value) && this.statement && previousStatement(this.statement) === given.statement) {
      this.b.emit({ k: 'transfer', target, api: given.api, at });
    }
    this.flushPendingSuccess(target, true);
    this.allocationOnly.delete(target);
    this.lowerAssignValue(target, value, at, siteNode);
    if (this.filledAfterStore(target, at)) this.b.emit({ k: 'transfer', target, api: `stored with ${baseOf(target)}`, at });
    this.emitFlag(target, value, at);
  }

  protected lowerAssignValue(target: Access, value: Node, at: Node, siteNode: Node): void {
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

  protected lowerCall(call: Node, opts: CallOptions): CallResult {
    const fnNode = call.childForFieldName('function');
    const argsNode = call.childForFieldName('arguments');
    const args = (argsNode?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    const name = fnNode && fnNode.type === 'identifier' ? fnNode.text : null;
    const callee = name ? this.callee(name) : undefined;
    if (fnNode && fnNode.type !== 'identifier') this.usesIn(fnNode);

    // Evaluate the arguments: nested acquisitions become $inline temporaries.
    const { argAccess, addrOf, inlineTemps } = this.evaluateArguments(args, (arg) => {
      const a = stripC(arg);
      if (a.type === 'call_expression') {
        const r = this.lowerCall(a, { inlineArg: true });
        return { access: r.access ?? null, temporary: true };
      }
      const operand = addressOperand(a);
      if (operand) {
        const addr = accessOfC(operand);
        if (addr) this.emitFlag(addr, null, a);
        else this.usesIn(operand);
        return { addr };
      }
      if (a.type === 'assignment_expression') return { access: this.lowerExpression(a, false) ?? null };
      const access = accessOfC(a);
      if (!access) this.lowerExpression(a, false);
      else if (a.type === 'field_expression') this.usesIn(a);
      return { access };
    });

    const lowered: LoweredCall | undefined = callee && name ? { call, name, api: name, callee, args, argAccess, addrOf, opts } : undefined;
    const handled = lowered ? this.lowerCallEffects(lowered) : new Set<number>();
    if (lowered) this.lowerConditionalReleases(lowered, handled);
    // Remaining arguments: uses; `&x` to a function we know nothing about may store or free it.
    // `event_base_once(base, -1, EV_TIMEOUT, trickle_cb, state, &tv)`: what travels with a callback (or a
    // destructor) is the callback's to release.
    const passesDestructor = args.some((arg) => {
      const s = stripC(arg);
      if (s.type !== 'identifier' || s.text === name) return false;
      // (OpenSSL's `SSL_CTX_set_info_callback(ctx, cb)` registers a callback on the object: nothing travels.)
      return namesReleaser(s.text, this.env.knowledge) || (CALLBACK_NAME.test(s.text) && !!name && !OPENSSL_API.test(name));
    });
    // Where the argument goes is not in the knowledge base (an unseen function, or a project one that neither
    // releases nor takes it itself: hashtable_insert handing the key on to hashtable_insert_prehashed) and the
    // call does more than read it: `x = NULL;` right after is a hand-over (lowerAssign).
    const statement = this.statement;
    const given = !callee?.entry && name && statement && !readsOnly(name) && !LIBC_READERS.test(name) ? { api: name, statement } : undefined;
    args.forEach((_, i) => {
      if (handled.has(i)) return;
      const a = argAccess[i];
      const addr = addrOf[i];
      if (a && !a.startsWith('$inline')) {
        // `return wrap(x)` through a function we know nothing about: x most likely travels with the result.
        // `freezero(p, n)`, `foo_free(p)` defined elsewhere: not a release we can vouch for, but not a leak either.
        if (i === 0 && !callee?.known && name && looksLikeReleaser(name)) this.b.emit({ k: 'transfer', target: a, api: name, at: call });
        // `lru64_commit(lru, ctx, key, 0, SSL_CTX_free)`: a container given the destructor (or a callback) keeps the object.
        else if (!callee?.known && passesDestructor) this.b.emit({ k: 'transfer', target: a, api: name ?? 'call', at: call });
        // `TAILQ_INSERT_HEAD(&q, x, link)`, `RB_INSERT(…, x)`: a macro may store its arguments anywhere.
        else if (!callee?.known && name && /^[A-Z][A-Z0-9_]*$/.test(name) && /[A-Z]{2}/.test(name)) this.b.emit({ k: 'transfer', target: a, api: name, at: call });
        else if (opts.returned && !callee?.known && this.returnsPointer) this.b.emit({ k: 'transfer', target: a, api: name ?? 'call', at: call });
        // `bev = bufferevent_openssl_socket_new(base, fd, ssl, …)`: an outside constructor wraps the object.
        else if (!callee?.known && opts.assignTo && name && /(^|_)(new|create|wrap)(_|$)/i.test(name)) this.b.emit({ k: 'transfer', target: a, api: name, at: call });
        else {
          this.b.emit({ k: 'use', target: a, at: call });
          if (given) this.givenToUnknown.set(a, given);
        }
      }
      // `hashtable_insert(ht, bDupKey ? dup_key : key, e); dup_key = NULL;`: either name may be the one given.
      if (given && !a && !addr && stripC(args[i]!).type === 'conditional_expression') {
        for (const alt of this.returnedValues(args[i]!)) if (!alt.startsWith('$inline')) this.givenToUnknown.set(alt, given);
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

    return lowered ? this.lowerCallResult(lowered) : {};
  }

  /**
   * `X509_STORE_free(rc ? store : new_store)`: one of the two is released, which one depends on the path. Neither
   * is ours afterwards (no leak), but neither is known to be freed (no double free from it).
   */
  private lowerConditionalReleases(c: LoweredCall, handled: Set<number>): void {
    const releases = new Set([...(c.callee.entry?.releases ?? []), ...(c.callee.summary?.releases.keys() ?? [])]);
    for (const i of releases) {
      const arg = c.args[i] ? stripC(c.args[i]!) : undefined;
      if (handled.has(i) || arg?.type !== 'conditional_expression') continue;
      for (const arm of [arg.childForFieldName('consequence'), arg.childForFieldName('alternative')]) {
        const a = arm ? accessOfC(stripC(arm)) : null;
        if (a) this.b.emit({ k: 'transfer', target: a, api: c.api, at: c.call });
      }
      handled.add(i);
    }
  }
}
