// Go block scoping (lowering/scopes.ts): `p := C.CString(b)` inside an `if` while an outer `p` exists declares
// a second variable; Go's scopes are blocks, if/for/switch headers and each case clause.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { ScopeRenamer } from '../lowering/scopes';
import { namedChildren } from './syntax';

/** Renames, in place, the shadowing declarations of `fn` (its closures included) and their uses. */
export function renameShadowed(fn: Node): void {
  const scopes = new ScopeRenamer(fn);
  const declare = (id: Node | null | undefined, reuse: boolean): void => {
    if (id && id.type === 'identifier' && id.text !== '_') scopes.declare(id, reuse);
  };
  const use = (id: Node): void => scopes.use(id);
  const inScope = (body: () => void): void => scopes.inScope(body);
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
  visit(fn);
}
