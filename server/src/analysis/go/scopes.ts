// Go block scoping: `p := C.CString(b)` inside an `if` while an outer `p` exists declares a second variable,
// which dies with its block; the outer `p` is untouched. The analysis names variables by their text, so each
// declaration that shadows an outer one is renamed (`p~1`) together with every use it binds; nothing else
// changes. Names are shown to users without the suffix (displayName).
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { forEachDescendant } from '../syntax';
import { namedChildren } from './syntax';

type Scope = Map<string, string>;

/** Renames, in place, the shadowing declarations of `fn` (its closures included) and their uses. */
export function renameShadowed(fn: Node): void {
  let count = 0;
  const scopes: Scope[] = [new Map()];
  const lookup = (name: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const bound = scopes[i]!.get(name);
      if (bound !== undefined) return bound;
    }
    return undefined;
  };
  const declare = (id: Node | null | undefined, reuse: boolean): void => {
    if (!id || id.type !== 'identifier' || id.text === '_') return;
    const name = id.text;
    const current = scopes[scopes.length - 1]!;
    // `a, err := f()` after an `err` of the same block: err is assigned, not declared.
    if (reuse && current.has(name)) return use(id);
    const shadows = lookup(name) !== undefined;
    const bound = shadows ? `${name}~${++count}` : name;
    current.set(name, bound);
    if (bound !== name) id.renamed = bound;
  };
  const use = (id: Node): void => {
    const bound = lookup(id.text);
    if (bound !== undefined && bound !== id.text) id.renamed = bound;
  };
  const inScope = (body: () => void): void => {
    scopes.push(new Map());
    try {
      body();
    } finally {
      scopes.pop();
    }
  };
  const declareParameters = (list: Node | null | undefined): void => {
    for (const p of namedChildren(list)) {
      if (p.type === 'parameter_declaration' || p.type === 'variadic_parameter_declaration') for (const n of p.childrenForFieldName('name')) declare(n, false);
    }
  };
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'identifier':
        return use(n);
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal':
        return inScope(() => {
          declareParameters(n.childForFieldName('receiver'));
          declareParameters(n.childForFieldName('parameters'));
          declareParameters(n.childForFieldName('result'));
          const body = n.childForFieldName('body');
          if (body) visitChildren(body);
        });
      case 'block':
      case 'if_statement':
      case 'for_statement':
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement':
      case 'expression_case':
      case 'default_case':
      case 'communication_case':
        return inScope(() => visitChildren(n));
      case 'type_case': {
        // `switch v := x.(type)`: each clause has its own v.
        return inScope(() => {
          const alias = n.parent?.childForFieldName('alias');
          for (const a of alias ? namedChildren(alias).concat(alias.type === 'identifier' ? [alias] : []) : []) declare(a, false);
          visitChildren(n);
        });
      }
      case 'short_var_declaration':
      case 'range_clause':
      case 'receive_statement': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (right) visit(right);
        const declares = n.type === 'short_var_declaration' || /^\s*[^=]*:=/.test(n.text);
        for (const id of left ? (left.type === 'expression_list' ? namedChildren(left) : [left]) : []) {
          if (declares) declare(id, true);
          else visit(id);
        }
        return;
      }
      case 'var_spec': {
        const value = n.childForFieldName('value');
        if (value) visit(value);
        const type = n.childForFieldName('type');
        if (type) visit(type);
        for (const id of n.childrenForFieldName('name')) declare(id, false);
        return;
      }
      default:
        return visitChildren(n);
    }
  };
  const visitChildren = (n: Node): void => {
    for (const c of namedChildren(n)) {
      // The alias of a type switch is declared per clause (type_case).
      if (n.type === 'type_switch_statement' && c.id === n.childForFieldName('alias')?.id) continue;
      visit(c);
    }
  };
  // A copy reused from the previous version of the document may carry names from an earlier scoping.
  forEachDescendant(fn, (n) => {
    if (n.renamed !== undefined) n.renamed = undefined;
    return true;
  });
  visit(fn);
}
