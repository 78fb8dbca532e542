// Block scoping for both front ends: a declaration in an inner block that shadows an outer variable (`p := …`
// in Go, `ASN1_OBJECT *obj` in a nested C block), or reuses the name of one in a closed sibling block, is
// another variable, which dies with its block. The analysis names variables by their text, so each such
// declaration is renamed (`p~1`, through SyntaxNode.renamed) with every use it binds; displayName (facts.ts)
// shows it as `p`.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { forEachDescendant } from '../syntax';

export class ScopeRenamer {
  private count = 0;
  private readonly scopes: Array<Map<string, string>> = [new Map()];
  private readonly declared = new Set<string>();
  /** Per open conditional: the names its earlier arms declared, and what they are bound to. */
  private readonly armDeclarations: Array<Map<string, string>> = [];

  /** Forgets names given by an earlier pass: a copy reused from the previous version may carry them. */
  constructor(fn: Node) {
    forEachDescendant(fn, (n) => {
      if (n.renamed !== undefined) n.renamed = undefined;
      return true;
    });
  }

  inScope(body: () => void): void {
    this.scopes.push(new Map());
    try {
      body();
    } finally {
      this.scopes.pop();
    }
  }

  /**
   * The arms of a C conditional (`#if` … `#else` … `#endif`): each sees what was declared before it, not what
   * an earlier arm declared; a name two arms declare is one variable, visible after the conditional.
   */
  inArms(arms: ReadonlyArray<() => void>): void {
    const current = this.scopes[this.scopes.length - 1]!;
    const before = new Map(current);
    const declaredInArms = new Map<string, string>();
    this.armDeclarations.push(declaredInArms);
    try {
      for (const arm of arms) {
        current.clear();
        for (const [k, v] of before) current.set(k, v);
        arm();
        for (const [k, v] of current) if (before.get(k) !== v) declaredInArms.set(k, v);
      }
    } finally {
      this.armDeclarations.pop();
      for (const [k, v] of declaredInArms) current.set(k, v);
    }
  }

  /** `reuse`: a name already declared in this block is assigned, not declared (Go's `a, err :=`). */
  declare(id: Node, reuse = false): void {
    const name = id.text;
    const current = this.scopes[this.scopes.length - 1]!;
    if (reuse && current.has(name)) return this.use(id);
    const sibling = this.armDeclarations[this.armDeclarations.length - 1]?.get(name);
    if (sibling !== undefined) {
      current.set(name, sibling);
      if (sibling !== name) id.renamed = sibling;
      return;
    }
    // A name declared before, visible or in a block already closed, is another variable: sibling blocks'
    // `char *p` and `uint8_t *p` must not meet in the analysis, which names variables by their text.
    const bound = this.lookup(name) !== undefined || this.declared.has(name) ? `${name}~${++this.count}` : name;
    this.declared.add(name);
    current.set(name, bound);
    if (bound !== name) id.renamed = bound;
  }

  use(id: Node): void {
    const bound = this.lookup(id.text);
    if (bound !== undefined && bound !== id.text) id.renamed = bound;
  }

  private lookup(name: string): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const bound = this.scopes[i]!.get(name);
      if (bound !== undefined) return bound;
    }
    return undefined;
  }
}
