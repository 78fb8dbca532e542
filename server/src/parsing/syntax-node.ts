// A plain-JavaScript copy of a tree-sitter syntax tree, built in one cursor walk.
//
// Why: every property read on a web-tree-sitter `Node` crosses into WebAssembly and allocates; the front
// ends read each node many times (type, fields, text), which made analysis several times slower than the
// parse itself. The copy exposes the subset of the `Node` API the analysis uses, with the same names and
// meanings, so the front ends read it exactly as they would read tree-sitter nodes.
import type { Tree } from 'web-tree-sitter';
import { walkTree } from './tree-walker';

export interface Point {
  row: number;
  column: number;
}

/** Leaves share these (most nodes are leaves): fewer allocations, less garbage collection. */
const NO_NODES: SyntaxNode[] = [];
const NO_FIELDS: Array<string | null> = [];

export class SyntaxNode {
  children: SyntaxNode[] = NO_NODES;
  /** Field name of each child (parallel to `children`), null when the child has none. */
  childFields: Array<string | null> = NO_FIELDS;
  namedChildren: SyntaxNode[] = NO_NODES;
  parent: SyntaxNode | null = null;
  /** Index of this node in its parent's `children`. */
  indexInParent = 0;
  hasError = false;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: SourceText,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.source.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.source.pointAt(this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): SyntaxNode | null {
    return this.children[i] ?? null;
  }

  /** Appends a child while the tree is copied. */
  addChild(child: SyntaxNode, field: string | null): void {
    if (this.children === NO_NODES) {
      this.children = [];
      this.childFields = [];
    }
    child.parent = this;
    child.indexInParent = this.children.length;
    this.children.push(child);
    this.childFields.push(field);
    if (child.isNamed) {
      if (this.namedChildren === NO_NODES) this.namedChildren = [];
      this.namedChildren.push(child);
    }
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(i: number): SyntaxNode | null {
    return this.namedChildren[i] ?? null;
  }

  get firstChild(): SyntaxNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): SyntaxNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChildren[0] ?? null;
  }

  get lastNamedChild(): SyntaxNode | null {
    const named = this.namedChildren;
    return named[named.length - 1] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const i = this.childFields.indexOf(name);
    return i < 0 ? null : this.children[i]!;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    this.childFields.forEach((f, i) => {
      if (f === name) out.push(this.children[i]!);
    });
    return out;
  }

  fieldNameForChild(i: number): string | null {
    return this.childFields[i] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent + 1] ?? null;
  }

  get previousSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent - 1] ?? null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.indexInParent + 1; i < siblings.length; i++) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.indexInParent - 1; i >= 0; i--) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  equals(other: SyntaxNode | null | undefined): boolean {
    return !!other && other.id === this.id;
  }

  toString(): string {
    return `(${this.type}${this.namedChildren.map((c) => ` ${c.toString()}`).join('')})`;
  }
}

/** Source text with a line table: positions are computed from offsets on demand (UTF-16 columns, as LSP). */
export class SourceText {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string) {}

  pointAt(offset: number): Point {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo]! };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Copies `tree` (parsed from `text`) into SyntaxNodes with one cursor walk: no recursion (10k-deep nesting
 * is fine) and no per-node Node objects. `options` leaves parts the analysis never reads uncopied.
 */
export interface CopyOptions {
  /** Start offsets of compound statements left childless (function bodies the analysis does not need). */
  skipBodies?: ReadonlySet<number>;
  /** Node types whose children are not copied anywhere (string literals: their text is all anyone reads). */
  leaves?: ReadonlySet<string>;
  /** Node types whose children are not copied outside function definitions (data tables, prototypes). */
  leavesOutsideFunctions?: ReadonlySet<string>;
  /**
   * Punctuation and keywords (anonymous tokens without a field) are not copied, except closing braces (a
   * function's end) and MISSING tokens (syntax damage). Operators have fields and stay.
   */
  dropTokens?: boolean;
}

export function copyTree(tree: Tree, text: string, options: CopyOptions = {}): SyntaxNode {
  const { skipBodies, leaves, leavesOutsideFunctions, dropTokens = false } = options;
  const source = new SourceText(text);
  const language = tree.language;
  // Per-id caches: one WebAssembly call per node for its type and one for its field, instead of strings.
  const typeNames: string[] = [];
  const typeNamed: boolean[] = [];
  const fieldNames: Array<string | null> = [];
  const cursor = walkTree(tree);
  let nextId = 0;
  /** Copies the cursor's node under `parent`; undefined when it is a token left out (`dropTokens`). */
  const make = (parent: SyntaxNode | null): SyntaxNode | undefined => {
    const typeId = cursor.typeId();
    let type = typeNames[typeId];
    if (type === undefined) {
      type = typeNames[typeId] = language.types[typeId] || 'ERROR';
      typeNamed[typeId] = cursor.isNamed();
    }
    let field: string | null = null;
    if (parent) {
      const fieldId = cursor.fieldId();
      const known = fieldNames[fieldId];
      field = known !== undefined ? known : (fieldNames[fieldId] = fieldId === 0 ? null : language.fieldNameForId(fieldId));
    }
    // A dropped token costs no range query: MISSING tokens are kept, they mark syntax damage.
    if (dropTokens && parent && field === null && !typeNamed[typeId] && type !== '}' && !cursor.isMissing()) return undefined;
    const startIndex = cursor.startIndex();
    const endIndex = cursor.endIndex();
    // Only zero-width nodes can be MISSING: skip the call for everything else.
    const missing = startIndex === endIndex && cursor.isMissing();
    const node = new SyntaxNode(nextId++, type, typeNamed[typeId]!, missing, startIndex, endIndex, source);
    if (parent) parent.addChild(node, field);
    return node;
  };
  try {
    const root = make(null)!;
    let current = root;
    let functionDepth = 0;
    for (;;) {
      const type = current.type;
      if (type === 'function_definition') functionDepth++;
      // A body the analysis does not need (see analysis/relevance-c.ts) stays a childless node, as do leaves.
      const skip =
        (skipBodies !== undefined && type === 'compound_statement' && skipBodies.has(current.startIndex)) ||
        (leaves !== undefined && leaves.has(type)) ||
        (leavesOutsideFunctions !== undefined && functionDepth === 0 && leavesOutsideFunctions.has(type));
      // Tokens and named leaves have no children: not asking saves a WebAssembly call for most nodes.
      let descended = false;
      if (!skip && current.isNamed && !LEAF_TYPES.has(type) && cursor.gotoFirstChild()) {
        const child = make(current);
        if (child) {
          current = child;
          continue;
        }
        descended = true; // on a dropped token: continue with its siblings, under `current`
      }
      if (descended) {
        // The first child was a dropped token: the first copied sibling, if any, is where to go on.
        let sibling: SyntaxNode | undefined;
        while (!sibling && cursor.gotoNextSibling()) sibling = make(current);
        if (sibling) {
          current = sibling;
          continue;
        }
        cursor.gotoParent();
      }
      for (;;) {
        finish(current);
        if (current.type === 'function_definition') functionDepth--;
        if (current === root) return root;
        const parent = current.parent!;
        let next: SyntaxNode | undefined;
        while (!next && cursor.gotoNextSibling()) next = make(parent);
        if (next) {
          current = next;
          break;
        }
        cursor.gotoParent();
        current = parent;
      }
    }
  } finally {
    cursor.dispose();
  }
}

/** Named node types that never have children in the C and Go grammars. */
const LEAF_TYPES: ReadonlySet<string> = new Set([
  'identifier',
  'field_identifier',
  'type_identifier',
  'statement_identifier',
  'package_identifier',
  'label_name',
  'number_literal',
  'int_literal',
  'float_literal',
  'imaginary_literal',
  'primitive_type',
  'comment',
  'escape_sequence',
  'string_content',
  'interpreted_string_literal_content',
  'raw_string_literal_content',
  'nil',
  'iota',
  'true',
  'false',
]);

function finish(node: SyntaxNode): void {
  if (node.type === 'ERROR' || node.isMissing) node.hasError = true;
  if (node.hasError && node.parent) node.parent.hasError = true;
}
