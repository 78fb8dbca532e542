// The plain-JS tree copy must agree with tree-sitter node by node: type, range, field, error flags.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { initParsing, parse } from '../server/src/parsing/parser';
import { copyTree, isEmptyLabelBody, type SyntaxNode } from '../server/src/parsing/syntax-node';
import { directWalkerAvailable, usePublicCursorOnly } from '../server/src/parsing/tree-walker';
import { changedRegion } from '../server/src/parsing/text-diff';
import type { LanguageId } from '../server/src/engine/types';

const root = path.resolve(__dirname, '..');

function sources(): Array<{ name: string; language: LanguageId; text: string }> {
  const out: Array<{ name: string; language: LanguageId; text: string }> = [];
  for (const dir of ['examples', 'test-fixtures/ossl-leak', 'test-fixtures/cgo-free']) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).sort()) {
      if (f.endsWith('.c') || f.endsWith('.go')) {
        out.push({ name: `${dir}/${f}`, language: f.endsWith('.c') ? 'c' : 'go', text: fs.readFileSync(path.join(abs, f), 'utf8') });
      }
    }
  }
  // Non-ASCII text, a MISSING node and an ERROR region.
  out.push({ name: 'broken.c', language: 'c', text: '/* é😀 */ int f(void) { char *p = "😀" \n SSL *s = SSL_new(ctx) return 0; }\n@@' });
  return out;
}

function onlyEmptyLabelBodies(n: Node): boolean {
  if (n.type === 'ERROR') return false;
  if (n.isMissing) return isEmptyLabelBody(n);
  return n.children.every((c) => !c || !c.hasError || onlyEmptyLabelBodies(c));
}

function compare(a: Node, b: SyntaxNode, mismatches: string[]): void {
  const same =
    a.type === b.type &&
    a.startIndex === b.startIndex &&
    a.endIndex === b.endIndex &&
    a.isNamed === b.isNamed &&
    a.isMissing === b.isMissing &&
    // tree-sitter reports hasError false on a leaf ERROR token; the copy counts every ERROR node.
    // A label right before `#ifdef` or `}` gets a MISSING `;` body, which the copy does not count as damage.
    (a.hasError === b.hasError || (a.type === 'ERROR' && a.childCount === 0 && b.hasError) || (!b.hasError && onlyEmptyLabelBodies(a))) &&
    a.childCount === b.childCount &&
    a.startPosition.row === b.startPosition.row &&
    a.startPosition.column === b.startPosition.column &&
    a.endPosition.row === b.endPosition.row &&
    a.endPosition.column === b.endPosition.column &&
    a.text === b.text;
  if (!same) mismatches.push(`${a.type}@${a.startIndex} vs ${b.type}@${b.startIndex}`);
  for (let i = 0; i < a.childCount; i++) {
    if (a.fieldNameForChild(i) !== b.fieldNameForChild(i)) mismatches.push(`field ${i} of ${a.type}@${a.startIndex}`);
    compare(a.child(i)!, b.child(i)!, mismatches);
  }
}

beforeAll(async () => {
  await initParsing();
});

describe('copyTree', () => {
  for (const s of sources()) {
    it(`matches tree-sitter on ${s.name}`, () => {
      const tree = parse(s.language, s.text);
      try {
        const mismatches: string[] = [];
        compare(tree.rootNode, copyTree(tree, s.text), mismatches);
        expect(mismatches.slice(0, 5)).toEqual([]);
      } finally {
        tree.delete();
      }
    });
  }

  // Without tokens: every named node, field-carrying token, closing brace and MISSING token is still there,
  // in order, with the same fields.
  function compareKept(a: Node, b: SyntaxNode, mismatches: string[]): void {
    const kept: Array<{ node: Node; field: string | null }> = [];
    for (let i = 0; i < a.childCount; i++) {
      const c = a.child(i)!;
      const field = a.fieldNameForChild(i);
      if (c.isNamed || field !== null || c.type === '}' || c.isMissing) kept.push({ node: c, field });
    }
    if (a.type !== b.type || a.startIndex !== b.startIndex || a.endIndex !== b.endIndex || kept.length !== b.childCount) {
      mismatches.push(`${a.type}@${a.startIndex}: ${kept.length} kept vs ${b.childCount}`);
      return;
    }
    kept.forEach((k, i) => {
      if (k.field !== b.fieldNameForChild(i)) mismatches.push(`field ${i} of ${a.type}@${a.startIndex}`);
      compareKept(k.node, b.child(i)!, mismatches);
    });
  }

  for (const s of sources()) {
    it(`keeps every named node and field without tokens: ${s.name}`, () => {
      const tree = parse(s.language, s.text);
      try {
        const mismatches: string[] = [];
        compareKept(tree.rootNode, copyTree(tree, s.text, { dropTokens: true }), mismatches);
        expect(mismatches.slice(0, 5)).toEqual([]);
      } finally {
        tree.delete();
      }
    });
  }

  it('copies 10,000 levels of nesting without recursion', () => {
    const text = `int f(void) { ${'{'.repeat(10_000)} ${'}'.repeat(10_000)} }`;
    const tree = parse('c', text);
    try {
      let depth = 0;
      for (let n: SyntaxNode | null = copyTree(tree, text); n; n = n.namedChildren[n.namedChildren.length - 1] ?? null) depth++;
      expect(depth).toBeGreaterThan(10_000);
    } finally {
      tree.delete();
    }
  });

  /** Every node with its range, field and flags, in document order. */
  function dump(root: SyntaxNode): string {
    const out: string[] = [];
    const stack: Array<{ node: SyntaxNode; field: string | null }> = [{ node: root, field: null }];
    while (stack.length) {
      const { node, field } = stack.pop()!;
      out.push(`${field ?? ''}:${node.type}:${node.startIndex}-${node.endIndex}:${+node.isNamed}${+node.isMissing}${+node.hasError}`);
      for (let i = node.childCount - 1; i >= 0; i--) stack.push({ node: node.child(i)!, field: node.fieldNameForChild(i) });
    }
    return out.join('\n');
  }

  // The direct walker (raw WebAssembly exports) and web-tree-sitter's public cursor must copy identically; the
  // 10k nesting makes the cursor's stack grow (and move) during the walk.
  it('copies the same through the direct walker as through the public cursor', () => {
    expect(directWalkerAvailable()).toBe(true);
    const all = [...sources(), { name: 'deep.c', language: 'c' as const, text: `int f(void) { ${'{'.repeat(3000)} ${'}'.repeat(3000)} }` }];
    for (const s of all) {
      const tree = parse(s.language, s.text);
      try {
        for (const options of [{}, { dropTokens: true }]) {
          const direct = dump(copyTree(tree, s.text, options));
          usePublicCursorOnly(true);
          try {
            expect(dump(copyTree(tree, s.text, options)), s.name).toBe(direct);
          } finally {
            usePublicCursorOnly(false);
          }
        }
      } finally {
        tree.delete();
      }
    }
  });

  // An edited document's copy grafts the untouched functions of the previous copy: it must equal a fresh copy
  // after any edit (offsets moved, bodies skipped alike), and it must actually reuse functions.
  it('grafts untouched functions from the previous copy and equals a fresh copy after random edits', () => {
    const base = fs.readFileSync(path.join(root, 'test-fixtures/ossl-leak/paths.c'), 'utf8');
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const snippets = ['\n', ' ', 'x', '}', '{', ';', '/* é😀 */', 'int f(void) { return 0; }\n', '"', '/*'];
    const options = { dropTokens: true, skipBodies: new Set<number>() };
    let text = base;
    let tree = parse('c', text);
    let previous = { root: copyTree(tree, text, options), text };
    tree.delete();
    let reused = 0;
    for (let step = 0; step < 120; step++) {
      const at = Math.floor(rnd() * text.length);
      text = rnd() < 0.6 ? text.slice(0, at) + snippets[Math.floor(rnd() * snippets.length)]! + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 6));
      tree = parse('c', text);
      try {
        const oldFunctions = new Set<SyntaxNode>();
        const collect = (n: SyntaxNode, into: Set<SyntaxNode>) => {
          if (n.type === 'function_definition') into.add(n);
          else for (const c of n.children) collect(c, into);
        };
        collect(previous.root, oldFunctions);
        const grafted = copyTree(tree, text, { ...options, previous: { root: previous.root, edit: changedRegion(previous.text, text) } });
        expect(dump(grafted), `step ${step}`).toBe(dump(copyTree(tree, text, options)));
        const newFunctions = new Set<SyntaxNode>();
        collect(grafted, newFunctions);
        for (const f of newFunctions) if (oldFunctions.has(f)) reused++;
        previous = { root: grafted, text };
      } finally {
        tree.delete();
      }
    }
    expect(reused).toBeGreaterThan(200);
  });
});
