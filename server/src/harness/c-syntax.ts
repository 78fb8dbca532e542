// What the C harness needs from the syntax tree: the function around the finding, its parameters, and the
// external calls that can be made to fail.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { parse } from '../parsing/parser';
import { forEachDescendant } from '../analysis/syntax';

export interface CParam {
  name: string;
  /** The parameter's type without its name, e.g. `const char *`, `int (*)(int)`. */
  type: string;
  pointerDepth: number;
  /** The type's base name (`SSL_CTX`, `char`, `struct foo`). */
  base: string;
  isFunctionPointer: boolean;
}

export interface CFunction {
  name: string;
  isStatic: boolean;
  params: CParam[];
  /** 0-based lines of the function body. */
  startLine: number;
  endLine: number;
  /** Calls in the body, in order: callee name and 0-based line. */
  calls: Array<{ name: string; line: number; text: string }>;
}

export interface CFile {
  /** Every function the file defines (calls to these cannot be wrapped: they are in the same object). */
  defined: Set<string>;
  functions: CFunction[];
  /** Types the file completes (struct/union tags and typedef names), so a zeroed object can be made. */
  completeTypes: Set<string>;
}

function functionDeclarator(def: Node): Node | null {
  let d = def.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  return d;
}

function paramOf(p: Node): CParam | undefined {
  const typeNode = p.childForFieldName('type');
  if (!typeNode) return undefined;
  let d = p.childForFieldName('declarator');
  let pointerDepth = 0;
  let isFunctionPointer = false;
  let nameNode: Node | null = null;
  const walk = (n: Node | null): void => {
    while (n) {
      if (n.type === 'pointer_declarator' || n.type === 'abstract_pointer_declarator') pointerDepth++;
      else if (n.type === 'array_declarator' || n.type === 'abstract_array_declarator') pointerDepth++;
      else if (n.type === 'function_declarator' || n.type === 'abstract_function_declarator') isFunctionPointer = true;
      else if (n.type === 'parenthesized_declarator') {
        walk(n.namedChild(0));
        return;
      } else if (n.type === 'identifier') {
        nameNode = n;
        return;
      }
      n = n.childForFieldName('declarator') ?? null;
    }
  };
  walk(d);
  const prefix = p.text.slice(0, typeNode.endIndex - p.startIndex);
  const base = typeNode.text.replace(/\s+/g, ' ');
  let type: string;
  if (isFunctionPointer) {
    const named = nameNode as Node | null;
    type = named ? p.text.slice(0, named.startIndex - p.startIndex) + p.text.slice(named.endIndex - p.startIndex) : p.text;
  } else {
    // `const char *const name[]` → `const char **`: qualifiers after the base type are dropped, which a cast accepts.
    type = `${prefix}${pointerDepth ? ' ' + '*'.repeat(pointerDepth) : ''}`;
  }
  const named = nameNode as Node | null;
  return { name: named?.text ?? '', type: type.replace(/\s+/g, ' ').trim(), pointerDepth, base, isFunctionPointer };
}

export function analyseCFile(text: string): CFile {
  const tree = parse('c', text);
  try {
    const defined = new Set<string>();
    const completeTypes = new Set<string>();
    const functions: CFunction[] = [];
    forEachDescendant(tree.rootNode, (n) => {
      if (n.type === 'struct_specifier' || n.type === 'union_specifier') {
        const name = n.childForFieldName('name');
        if (name && n.childForFieldName('body')) completeTypes.add(`${n.type === 'struct_specifier' ? 'struct' : 'union'} ${name.text}`);
      }
      if (n.type === 'type_definition') {
        const t = n.childForFieldName('type');
        if (t && (t.childForFieldName('body') || /^(struct|union) /.test(t.text) === false)) {
          for (const d of n.childrenForFieldName('declarator')) if (d?.type === 'type_identifier') completeTypes.add(d.text);
        }
      }
      if (n.type !== 'function_definition') return true;
      const fd = functionDeclarator(n);
      const id = fd?.childForFieldName('declarator');
      if (!fd || !id || id.type !== 'identifier') return false;
      defined.add(id.text);
      const params: CParam[] = [];
      for (const p of fd.childForFieldName('parameters')?.namedChildren ?? []) {
        if (!p || p.type !== 'parameter_declaration') continue;
        const param = paramOf(p);
        if (param && !(param.base === 'void' && param.pointerDepth === 0)) params.push(param);
      }
      const calls: CFunction['calls'] = [];
      const body = n.childForFieldName('body');
      if (body) {
        forEachDescendant(body, (c) => {
          if (c.type === 'call_expression') {
            const f = c.childForFieldName('function');
            if (f?.type === 'identifier') calls.push({ name: f.text, line: c.startPosition.row, text: c.text });
          }
        });
      }
      const isStatic = n.children.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static');
      functions.push({ name: id.text, isStatic, params, startLine: n.startPosition.row, endLine: n.endPosition.row, calls });
      return false;
    });
    return { defined, functions, completeTypes };
  } finally {
    tree.delete();
  }
}

export function functionAt(file: CFile, line: number): CFunction | undefined {
  return file.functions.find((f) => f.startLine <= line && line <= f.endLine);
}

/** The lines (0-based, inclusive) of the call that starts at the finding's position. */
export function callLines(text: string, range: Range): { start: number; end: number; callee?: string } {
  const tree = parse('c', text);
  try {
    const point = { row: range.start.line, column: range.start.character };
    let n: Node | null = tree.rootNode.descendantForPosition(point);
    while (n && n.type !== 'call_expression') n = n.parent;
    if (!n) {
      // `t->ctx = SSL_CTX_new(...)`: the finding starts at the assignment; take the first call inside it.
      let stmt: Node | null = tree.rootNode.descendantForPosition(point);
      while (stmt && !/statement$|^declaration$/.test(stmt.type)) stmt = stmt.parent;
      if (stmt) forEachDescendant(stmt, (c) => (n ? false : c.type === 'call_expression' ? ((n = c), false) : true));
    }
    if (!n) return { start: range.start.line, end: range.end.line };
    const f = n.childForFieldName('function');
    return { start: n.startPosition.row, end: n.endPosition.row, ...(f?.type === 'identifier' ? { callee: f.text } : {}) };
  } finally {
    tree.delete();
  }
}
