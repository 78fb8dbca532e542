// C block scoping (lowering/scopes.ts): `ASN1_OBJECT *obj = NULL;` in a nested block while the function has an
// outer `obj` declares a second variable, freed and dead at the block's end; the outer `obj` used later is
// another object (OpenSC pkcs11-tool.c). Scopes are compound statements and `for` headers.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { ScopeRenamer } from '../lowering/scopes';

/** Renames, in place, the declarations in `fn` that shadow an outer local or parameter, and their uses. */
export function renameShadowedC(fn: Node): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const scopes = new ScopeRenamer(fn);
  const declareName = (declarator: Node | null | undefined): void => {
    // The identifier a (pointer, array, function) declarator names.
    let d = declarator;
    while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
    // Redeclared in the same block: only `#if`/`#else` arms can do that, and both arms declare one variable.
    if (d) scopes.declare(d, true);
  };
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'identifier':
        return scopes.use(n);
      case 'compound_statement':
      case 'for_statement':
        return scopes.inScope(() => visitChildren(n));
      case 'preproc_if':
      case 'preproc_ifdef': {
        const arms: Array<() => void> = [];
        for (let arm: Node | null = n; arm; arm = arm.childForFieldName('alternative')) {
          const body = arm.namedChildren.filter((c) => c.field !== 'alternative' && c.field !== 'condition' && c.field !== 'name');
          arms.push(() => body.forEach(visit));
        }
        return scopes.inArms(arms);
      }
      case 'declaration': {
        for (const d of n.childrenForFieldName('declarator')) {
          if (!d) continue;
          if (d.type === 'init_declarator') {
            const value = d.childForFieldName('value');
            if (value) visit(value);
            declareName(d.childForFieldName('declarator'));
          } else declareName(d);
        }
        return;
      }
      default:
        return visitChildren(n);
    }
  };
  const visitChildren = (n: Node): void => {
    for (const c of n.namedChildren) visit(c);
  };
  let f = fn.childForFieldName('declarator');
  while (f && f.type !== 'function_declarator') f = f.childForFieldName('declarator');
  for (const p of f?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'parameter_declaration') declareName(p.childForFieldName('declarator'));
  }
  // The body's top level is the parameters' scope.
  visitChildren(body);
}
