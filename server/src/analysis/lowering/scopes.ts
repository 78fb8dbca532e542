// Block scoping for both front ends: a declaration in an inner block that shadows an outer variable (`p := …`
// in Go, `ASN1_OBJECT *obj` in a nested C block) is another variable, which dies with its block. The analysis
// names variables by their text, so each shadowing declaration is renamed (`p~1`, through SyntaxNode.renamed)
// with every use it binds; displayName (facts.ts) shows it as `p`.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { forEachDescendant } from '../syntax';

export class ScopeRenamer {
  private count = 0;
  private readonly scopes: Array<Map<string, string>> = [new Map()];

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

  /** `reuse`: a name already declared in this block is assigned, not declared (Go's `a, err :=`). */
  declare(id: Node, reuse = false): void {
    const name = id.text;
    const current = this.scopes[this.scopes.length - 1]!;
    if (reuse && current.has(name)) return this.use(id);
    const bound = this.lookup(name) !== undefined ? `${name}~${++this.count}` : name;
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
