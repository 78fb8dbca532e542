// Walks a tree-sitter tree node by node for the plain-JS copy (syntax-node.ts), as cheaply as web-tree-sitter
// allows.
//
// Why two walkers: web-tree-sitter's `TreeCursor` writes its four-word state into the WebAssembly transfer
// buffer before every call and reads it back after every move (eight `setValue`/`getValue` calls around a
// one-instruction query). The C side already leaves the moved cursor in that buffer, so a walker that calls the
// exported `*_wasm` functions directly and never touches the buffer in between does the same walk with one
// WebAssembly call per question. That needs the Emscripten module object, which web-tree-sitter builds on the
// options object given to `Parser.init` (parser.ts keeps it). When those exports are absent (another
// web-tree-sitter build, or `Parser.init` called elsewhere first) the public cursor is used instead; a test
// checks that both copy every fixture identically.
import type { Tree, TreeCursor } from 'web-tree-sitter';

export interface TreeWalker {
  typeId(): number;
  fieldId(): number;
  isNamed(): boolean;
  isMissing(): boolean;
  startIndex(): number;
  endIndex(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** Frees the cursor; the walker is unusable afterwards. */
  dispose(): void;
}

/** The exports of web-tree-sitter's Emscripten module that the direct walker calls. */
export interface CursorBinding {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const REQUIRED: ReadonlyArray<keyof CursorBinding> = [
  '_ts_init',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
];

let binding: CursorBinding | undefined;
let transferBuffer = 0;

/** Called by parser.ts with the module object after `Parser.init`; ignored unless it has every export needed. */
export function adoptCursorBinding(module: unknown): void {
  const candidate = module as Partial<CursorBinding> | undefined;
  if (!candidate || !(candidate.HEAP32 instanceof Int32Array)) return;
  if (!REQUIRED.every((name) => typeof candidate[name] === 'function')) return;
  binding = candidate as CursorBinding;
  // ts_init only fills the transfer buffer with version numbers and returns its address.
  transferBuffer = binding._ts_init();
}

let forcePublic = false;
/** Tests: copy through the public cursor even when the direct binding is available. */
export function usePublicCursorOnly(value: boolean): void {
  forcePublic = value;
}

export function directWalkerAvailable(): boolean {
  return binding !== undefined;
}

/**
 * A walker positioned on the root of `tree`. Until it is disposed, make no other web-tree-sitter call (no Node
 * property, no other cursor): those reuse the transfer buffer that holds the direct walker's position.
 */
export function walkTree(tree: Tree): TreeWalker {
  const cursor = tree.walk();
  // `walk()` has just left the new cursor's state in the transfer buffer: the direct walker starts from there.
  if (binding && !forcePublic) return new DirectWalker(binding, tree, cursor);
  return new PublicWalker(cursor);
}

class DirectWalker implements TreeWalker {
  private readonly tree: number;
  constructor(
    private readonly c: CursorBinding,
    tree: Tree,
    private readonly cursor: TreeCursor,
  ) {
    this.tree = (tree as unknown as { 0: number })[0];
  }
  typeId(): number {
    return this.c._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }
  fieldId(): number {
    return this.c._ts_tree_cursor_current_field_id_wasm(this.tree);
  }
  isNamed(): boolean {
    return this.c._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1;
  }
  isMissing(): boolean {
    return this.c._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1;
  }
  startIndex(): number {
    return this.c._ts_tree_cursor_start_index_wasm(this.tree);
  }
  endIndex(): number {
    return this.c._ts_tree_cursor_end_index_wasm(this.tree);
  }
  gotoFirstChild(): boolean {
    return this.c._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }
  gotoNextSibling(): boolean {
    return this.c._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }
  gotoParent(): boolean {
    return this.c._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }
  dispose(): void {
    // The cursor's stack may have been reallocated during the walk: hand the current state (not the one the
    // JS object saw at creation) back before freeing it. HEAP32 is re-read: memory growth replaces the view.
    const state = this.cursor as unknown as Record<number, number>;
    const heap = this.c.HEAP32;
    for (let i = 0; i < 4; i++) state[i] = heap[(transferBuffer >> 2) + i]!;
    this.cursor.delete();
  }
}

class PublicWalker implements TreeWalker {
  constructor(private readonly cursor: TreeCursor) {}
  typeId(): number {
    return this.cursor.nodeTypeId;
  }
  fieldId(): number {
    return this.cursor.currentFieldId;
  }
  isNamed(): boolean {
    return this.cursor.nodeIsNamed;
  }
  isMissing(): boolean {
    return this.cursor.nodeIsMissing;
  }
  startIndex(): number {
    return this.cursor.startIndex;
  }
  endIndex(): number {
    return this.cursor.endIndex;
  }
  gotoFirstChild(): boolean {
    return this.cursor.gotoFirstChild();
  }
  gotoNextSibling(): boolean {
    return this.cursor.gotoNextSibling();
  }
  gotoParent(): boolean {
    return this.cursor.gotoParent();
  }
  dispose(): void {
    this.cursor.delete();
  }
}
