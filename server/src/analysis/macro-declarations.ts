// `STACK_OF(X509) *chain = NULL;` as the second declaration of a block: tree-sitter-c cannot know that
// STACK_OF(X509) is a type, and once a statement has been seen it reads the line as a multiplication
// (`STACK_OF(X509) * (chain = NULL)`). The analysis would then never see `chain` declared. Such statements
// are rewritten into the declaration they are, with the macro call as the type.
import { SyntaxNode as Node } from '../parsing/syntax-node';

/** Type macros of the OpenSSL headers (STACK_OF, LHASH_OF) and projects' look-alikes. */
const TYPE_MACRO = /^(STACK_OF|LHASH_OF|[A-Z][A-Z0-9_]*_OF)$/;

export function repairMacroDeclarations(root: Node, text: string): void {
  if (!text.includes('_OF(')) return;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'expression_statement') {
      const declaration = asDeclaration(n);
      if (declaration) n.replaceWith(declaration);
      continue;
    }
    // Statements live in statements, function bodies and preprocessor blocks: expressions need no visit.
    for (const c of n.children) if (holdsStatements(c)) stack.push(c);
  }
}

function holdsStatements(n: Node): boolean {
  const t = n.type;
  return t.endsWith('statement') || t === 'function_definition' || t.startsWith('preproc_') || t === 'else_clause' || t === 'declaration_list' || t === 'linkage_specification' || t === 'ERROR';
}

function asDeclaration(statement: Node): Node | undefined {
  const e = statement.namedChildren[0];
  if (e?.type !== 'binary_expression' || e.childForFieldName('operator')?.text !== '*') return undefined;
  const type = e.childForFieldName('left');
  const fn = type?.type === 'call_expression' ? type.childForFieldName('function') : null;
  if (!type || fn?.type !== 'identifier' || !TYPE_MACRO.test(fn.text)) return undefined;
  const right = e.childForFieldName('right');
  let name: Node | null | undefined;
  let value: Node | null | undefined;
  if (right?.type === 'identifier') name = right;
  else if (right?.type === 'assignment_expression' && right.childForFieldName('operator')?.text === '=') {
    name = right.childForFieldName('left');
    value = right.childForFieldName('right');
    if (name?.type !== 'identifier' || !value) return undefined;
  } else return undefined;
  // The `*` starts the pointer declarator.
  const star = e.childForFieldName('operator')!;
  const pointer = Node.synthetic('pointer_declarator', statement, star.startIndex, name.endIndex, [['declarator', name]]);
  const declarator = value ? Node.synthetic('init_declarator', statement, star.startIndex, value.endIndex, [['declarator', pointer], ['value', value]]) : pointer;
  return Node.synthetic('declaration', statement, statement.startIndex, statement.endIndex, [['type', type], ['declarator', declarator]]);
}
