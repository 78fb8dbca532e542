// The language-neutral state of lowering one function: the CFG under construction, the acquisition sites,
// what the front end learnt of the function's variables, and success-only hand-overs waiting for the test
// of the status variable that holds their call's result. The front ends (c/, go/) extend it.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Knowledge } from '../knowledge';
import type { Callee } from '../callees';
import type { Access, Event, Site } from '../ir';
import { firstLineRange } from '../syntax';
import { CfgBuilder } from './cfg-builder';

export interface LoweringEnv {
  knowledge: Knowledge;
  text: string;
  nextSiteId(): number;
}

export type OwnedResult = NonNullable<Callee['ownedResult']>;

export abstract class LoweringCore {
  protected readonly b = new CfgBuilder();
  protected readonly sites: Site[] = [];
  /** Variables declared in the function body (C: not static or extern; Go: also named results). */
  protected readonly locals = new Set<string>();
  protected readonly params = new Set<string>();
  /** Variables whose fields this function owns (objects it created, C stack structs): stores into them stay here. */
  protected readonly ownedBases = new Set<string>();
  /** Locals of scalar type (`int n`): never hold a resource. */
  protected readonly scalarLocals = new Set<string>();
  /** Buffers passed where an API expects key material (EVP_EncryptInit_ex's key, HMAC's key, ...). */
  protected readonly keyBuffers = new Set<string>();
  /** Variables the function tests in a condition: success-only hand-overs into them wait for that test. */
  protected readonly testedVars = new Set<string>();
  /** Variables holding the status of a call that acquires through an out-parameter (site.resultVar). */
  protected readonly statusVars = new Set<Access>();
  /** Go: deferred frees and wipes registered so far, in order; they also act on a secret written later. */
  protected readonly deferredEvents: Event[] = [];
  /** The statement being lowered. */
  protected statement: Node | undefined;
  protected loopDepth = 0;
  protected inlineCount = 0;
  private readonly labels = new Map<string, number>();
  private readonly pendingSuccess = new Map<Access, Array<{ ev: Event; block: number }>>();

  protected constructor(
    protected readonly fn: Node,
    protected readonly env: LoweringEnv,
    protected readonly name: string,
  ) {}

  protected abstract lowerCondition(cond: Node, t: number, f: number): void;

  // ---- control-flow shapes both languages share ------------------------------------------------

  /** `if cond { then } else { else }`; no condition (a syntax error) takes the then-branch. */
  protected lowerIfElse(cond: Node | null, lowerThen: () => void, lowerElse: () => void): void {
    const thenB = this.b.newBlock();
    const elseB = this.b.newBlock();
    const after = this.b.newBlock();
    if (cond) this.lowerCondition(cond, thenB, elseB);
    else this.b.edge(this.b.current, { to: thenB });
    this.b.current = thenB;
    lowerThen();
    this.b.flowInto(after);
    this.b.current = elseB;
    lowerElse();
    this.b.flowInto(after);
    this.b.current = after;
  }

  /** `a && b`, `a || b`: the right operand is tested only where the left one did not decide. */
  protected lowerShortCircuit(op: '&&' | '||', left: Node, right: Node, t: number, f: number): void {
    const mid = this.b.newBlock();
    if (op === '&&') this.lowerCondition(left, mid, f);
    else this.lowerCondition(left, t, mid);
    this.b.current = mid;
    this.lowerCondition(right, t, f);
  }

  protected lowerGoto(label: string | undefined, at: Node): void {
    if (label) this.b.jump(this.labelBlock(label), { at, message: `goto ${label}`, goto: label });
  }

  /** The statement after `label:` starts the label's block. */
  protected enterLabel(label: string | undefined): void {
    if (label) this.b.flowInto(this.labelBlock(label));
  }

  /** The block a `goto label` jumps to (made on first mention, forward or backward). */
  protected labelBlock(label: string): number {
    let b = this.labels.get(label);
    if (b === undefined) {
      b = this.b.newBlock();
      this.labels.set(label, b);
    }
    return b;
  }

  /** A new acquisition site, placed on the first line of `placedOn`. */
  protected newSite(placedOn: Node, api: string, variable: Access, owned: OwnedResult): Site {
    const site: Site = {
      id: this.env.nextSiteId(),
      api,
      variable,
      kind: owned.kind,
      release: owned.release,
      range: firstLineRange(placedOn, this.env.text),
      functionName: this.name,
    };
    this.sites.push(site);
    return site;
  }

  /** A temporary for an unnamed owned result (`f(SSL_get1_session(s))`). */
  protected newInlineTemp(): Access {
    return `$inline${this.inlineCount++}`;
  }

  /** `ok = sk_X509_push(sk, x)`: the hand-over happens where the later test of `statusVar` reports success. */
  protected deferUntilTested(statusVar: Access, ev: Event): void {
    const list = this.pendingSuccess.get(statusVar) ?? [];
    list.push({ ev, block: this.b.current });
    this.pendingSuccess.set(statusVar, list);
  }

  /** The hand-overs waiting for the test of `statusVar`, which is here: they go on its success edge. */
  protected takePendingSuccess(statusVar: Access): Event[] | undefined {
    const pending = this.pendingSuccess.get(statusVar);
    if (!pending) return undefined;
    this.pendingSuccess.delete(statusVar);
    return pending.map((p) => p.ev);
  }

  /**
   * The status variable is overwritten before its test: the hand-overs pending from this block happened.
   * `allBlocks`: so did those of every other block (C); otherwise they still wait for the test (Go:
   * `if v0 { ret = C.X_backport(…) } else { ret = C.X(…) }`).
   */
  protected flushPendingSuccess(statusVar: Access | null, allBlocks: boolean): void {
    const pending = statusVar ? this.pendingSuccess.get(statusVar) : undefined;
    if (!pending) return;
    const here = allBlocks ? pending : pending.filter((p) => p.block === this.b.current);
    const rest = allBlocks ? [] : pending.filter((p) => p.block !== this.b.current);
    if (rest.length) this.pendingSuccess.set(statusVar!, rest);
    else this.pendingSuccess.delete(statusVar!);
    for (const p of here) this.b.emit(p.ev);
  }
}
