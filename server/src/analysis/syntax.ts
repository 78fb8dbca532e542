// Small helpers over tree-sitter nodes shared by both front ends.
import type { SyntaxNode as Node } from '../parsing/syntax-node';
import type { Range } from '../engine/types';

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** A multi-line node is placed on its first line (RULES.md): clip the range to the end of that line. */
export function firstLineRange(node: Node, text: string): Range {
  const range = rangeOf(node);
  if (range.end.line === range.start.line) return range;
  const lineEnd = text.indexOf('\n', node.startIndex);
  const firstLine = text.slice(node.startIndex, lineEnd < 0 ? node.endIndex : lineEnd).trimEnd();
  return { start: range.start, end: { line: range.start.line, character: range.start.character + firstLine.length } };
}

export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

export function shortText(node: Node, max = 60): string {
  const t = node.text.replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Visits every node below `root` (pre-order) without recursion, so 10k-deep nesting cannot overflow. */
/**
 * Visits every node below `root` (pre-order) with an explicit stack, so 10k-deep nesting cannot overflow.
 * Works on the analysis's SyntaxNode copy and on tree-sitter nodes alike. `visit` returning false skips children.
 */
export function forEachDescendant<T extends { readonly children: ReadonlyArray<T | null> }>(root: T, visit: (n: T) => boolean | void): void {
  const stack: T[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push(c);
    }
  }
}

export function hasErrors(node: Node): boolean {
  return node.hasError;
}
