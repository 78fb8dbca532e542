// A plain-JavaScript copy of a tree-sitter syntax tree, built in one cursor walk.
//
// Why: every property read on a web-tree-sitter `Node` crosses into WebAssembly and allocates; the front
// ends read each node many times (type, fields, text), which made analysis several times slower than the
// parse itself. The copy exposes the subset of the `Node` API the analysis uses, with the same names and
// meanings, so the front ends read it exactly as they would read tree-sitter nodes.
import type { Tree } from 'web-tree-sitter';
import { walkTree } from './tree-walker';
import { movedRange, type ChangedRegion } from './text-diff';

export interface Point {
  row: number;
  column: number;
}

/** Leaves share this (most nodes are leaves): fewer allocations, less garbage collection. */
const NO_NODES: SyntaxNode[] = [];

export class SyntaxNode {
  /** Exactly sized (set once when the node's last child is copied): a lint allocates millions of these. */
  children: SyntaxNode[] = NO_NODES;
  /** Field name under which this node sits in its parent; null when none. */
  field: string | null = null;
  parent: SyntaxNode | null = null;
  /** Index of this node in its parent's `children`. */
  indexInParent = 0;
  hasError = false;
  /** The named children, computed on first use (the same array as `children` when every child is named). */
  private named: SyntaxNode[] | undefined;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    // Mutable only for `shift` (a function reused from the previous copy of an edited document moves).
    public startIndex: number,
    public endIndex: number,
    private readonly source: SourceText,
  ) {}

  /**
   * The name the analysis reads for this identifier instead of its source text: a Go variable declared in an
   * inner block that shadows an outer one is another variable (analysis/go/scopes.ts).
   */
  renamed?: string;

  /** The document text this node's offsets refer to (shared by every node of a copy). */
  get sourceText(): SourceText {
    return this.source;
  }

  /**
   * A node the parser did not produce, standing for what it misread (see analysis/macro-declarations.ts),
   * over [startIndex, endIndex) of the same text as `like`, with the given (field, child) pairs.
   */
  static synthetic(type: string, like: SyntaxNode, startIndex: number, endIndex: number, children: Array<[string | null, SyntaxNode]>): SyntaxNode {
    const node = new SyntaxNode(nextNodeId++, type, true, false, startIndex, endIndex, like.source);
    node.children = children.map(([field, child], i) => {
      child.parent = node;
      child.field = field;
      child.indexInParent = i;
      return child;
    });
    return node;
  }

  /** Puts `replacement` where this node is in its parent. */
  replaceWith(replacement: SyntaxNode): void {
    const parent = this.parent;
    if (!parent) return;
    const children = parent.children.slice();
    children[this.indexInParent] = replacement;
    replacement.parent = parent;
    replacement.field = this.field;
    replacement.indexInParent = this.indexInParent;
    parent.children = children;
    parent.named = undefined;
  }

  /** Moves this subtree (reused from an earlier copy of the document) by `delta` offsets. */
  shift(delta: number): void {
    if (delta === 0) return;
    const stack: SyntaxNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      n.startIndex += delta;
      n.endIndex += delta;
      for (const c of n.children) stack.push(c);
    }
  }

  get text(): string {
    return this.renamed ?? this.source.text.slice(this.startIndex, this.endIndex);
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

  get namedChildren(): SyntaxNode[] {
    if (this.named === undefined) {
      const children = this.children;
      let all = true;
      for (let i = 0; i < children.length && all; i++) all = children[i]!.isNamed;
      this.named = all ? children : children.filter((c) => c.isNamed);
    }
    return this.named;
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
    const children = this.children;
    for (let i = 0; i < children.length; i++) if (children[i]!.field === name) return children[i]!;
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === name);
  }

  fieldNameForChild(i: number): string | null {
    return this.children[i]?.field ?? null;
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

/** Ids are unique across copies: a copy may hold subtrees grafted from an earlier one. */
let nextNodeId = 0;

/** Source text with a line table: positions are computed from offsets on demand (UTF-16 columns, as LSP). */
export class SourceText {
  private lineStarts: number[] | undefined;
  constructor(private current: string) {}

  get text(): string {
    return this.current;
  }

  /** Points this object (and so every node of the copy) at the next version of the document. */
  retarget(text: string): this {
    this.current = text;
    this.lineStarts = undefined;
    return this;
  }

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
  /**
   * The copy of an earlier version of the same document, made with the same options: its function
   * definitions outside the edited region are grafted into the new copy instead of being copied again (an
   * editor re-analyses on every keystroke). The earlier copy must not be used afterwards.
   */
  previous?: PreviousCopy;
}

export interface PreviousCopy {
  root: SyntaxNode;
  /** How the text changed since that copy (text-diff.ts). */
  edit: ChangedRegion;
}

/** Bodies left childless by `skipBodies`: a grafted function must have been copied with the same decision. */
const skippedBodies = new WeakSet<SyntaxNode>();

/**
 * Function definitions of `previous` that the edit left untouched, by their start offset in the new text, with
 * the distance they moved. Damaged functions are not reused: error recovery may depend on the text around them.
 */
function graftableFunctions(previous: PreviousCopy): Map<number, { node: SyntaxNode; delta: number }> {
  const out = new Map<number, { node: SyntaxNode; delta: number }>();
  const stack = [previous.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'function_definition') {
      const moved = n.hasError ? undefined : movedRange(previous.edit, n.startIndex, n.endIndex);
      if (moved !== undefined) out.set(moved, { node: n, delta: moved - n.startIndex });
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}

export function copyTree(tree: Tree, text: string, options: CopyOptions = {}): SyntaxNode {
  const { skipBodies, leaves, leavesOutsideFunctions, dropTokens = false, previous } = options;
  // A graft keeps its nodes' SourceText: one object per document, pointed at each new version's text.
  const source = previous ? previous.root.sourceText.retarget(text) : new SourceText(text);
  const graftable = previous ? graftableFunctions(previous) : undefined;
  /** The node `make` last grafted: the walk does not descend into it. */
  let grafted: SyntaxNode | undefined;
  const reuse = (type: string, startIndex: number, endIndex: number): SyntaxNode | undefined => {
    const candidate = graftable?.get(startIndex);
    if (!candidate || candidate.node.type !== type || candidate.node.endIndex + candidate.delta !== endIndex) return undefined;
    const body = candidate.node.childForFieldName('body');
    if (body && skippedBodies.has(body) !== !!skipBodies?.has(body.startIndex + candidate.delta)) return undefined;
    graftable!.delete(startIndex);
    candidate.node.shift(candidate.delta);
    return (grafted = candidate.node);
  };
  const language = tree.language;
  // Per-id caches: one WebAssembly call per node for its type and one for its field, instead of strings.
  const typeNames: string[] = [];
  const typeNamed: boolean[] = [];
  const fieldNames: Array<string | null> = [];
  // MISSING nodes only occur in trees with errors: without any, tokens need no MISSING check. (Asked before
  // the walk starts: the direct walker needs no other tree-sitter call while it walks.)
  const noMissing = !tree.rootNode.hasError;
  const cursor = walkTree(tree);
  // Children of the open nodes, innermost last; starts[k] is where the k-th open node's children begin. A node's
  // children become one exactly sized array when its last child is done (growing arrays cost 3x the memory).
  const scratch: SyntaxNode[] = [];
  const starts: number[] = [];
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
    if (dropTokens && parent && field === null && !typeNamed[typeId] && type !== '}' && (noMissing || !cursor.isMissing())) return undefined;
    const startIndex = cursor.startIndex();
    const endIndex = cursor.endIndex();
    // Only zero-width nodes can be MISSING: skip the call for everything else.
    const missing = startIndex === endIndex && cursor.isMissing();
    const node =
      (graftable && type === 'function_definition' && reuse(type, startIndex, endIndex)) ||
      new SyntaxNode(nextNodeId++, type, typeNamed[typeId]!, missing, startIndex, endIndex, source);
    if (parent) {
      node.parent = parent;
      node.field = field;
      node.indexInParent = scratch.length - starts[starts.length - 1]!;
      scratch.push(node);
    }
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
      const skipBody = skipBodies !== undefined && type === 'compound_statement' && skipBodies.has(current.startIndex);
      if (skipBody) skippedBodies.add(current);
      const skip =
        current === grafted ||
        skipBody ||
        (leaves !== undefined && leaves.has(type)) ||
        (leavesOutsideFunctions !== undefined && functionDepth === 0 && leavesOutsideFunctions.has(type));
      // Tokens and named leaves have no children: not asking saves a WebAssembly call for most nodes.
      if (!skip && current.isNamed && !LEAF_TYPES.has(type) && cursor.gotoFirstChild()) {
        starts.push(scratch.length);
        // The first copied child (leading tokens may be dropped) is where to go on.
        let child = make(current);
        while (!child && cursor.gotoNextSibling()) child = make(current);
        if (child) {
          current = child;
          continue;
        }
        starts.pop();
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
        const start = starts.pop()!;
        parent.children = scratch.slice(start);
        scratch.length = start;
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
  if (node.type === 'ERROR' || (node.isMissing && !isEmptyLabelBody(node))) node.hasError = true;
  if (node.hasError && node.parent) node.parent.hasError = true;
}

/**
 * `fail:` right before `#ifdef X` or `}`: C (C23, and every compiler before it with a preprocessor arm there)
 * reads it as a label on what follows; the grammar wants a statement and supplies a missing `;`, which is what
 * the label means. Not damage.
 */
export function isEmptyLabelBody(node: NodeShape): boolean {
  const statement = node.parent;
  return node.isMissing && node.type === ';' && statement?.type === 'expression_statement' && statement.startIndex === statement.endIndex && statement.parent?.type === 'labeled_statement';
}

/** What isEmptyLabelBody reads, common to tree-sitter's nodes and the copy's. */
interface NodeShape {
  type: string;
  isMissing: boolean;
  startIndex: number;
  endIndex: number;
  parent: NodeShape | null;
}
