// Small helpers over tree-sitter nodes shared by both front ends.
import type { Node } from 'web-tree-sitter';
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
export function forEachDescendant(root: Node, visit: (n: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      const descend = visit(cursor.currentNode) !== false;
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

export function hasErrors(node: Node): boolean {
  return node.hasError;
}
