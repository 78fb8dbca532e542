// Which C function bodies can matter to the analysis, decided from their text before the tree is copied.
//
// Copying a tree out of WebAssembly costs about as much as parsing it, so bodies that cannot hold an
// acquisition, a release, a hand-over or a wipe — and that no such function calls or is called by — are left
// uncopied (their function keeps an empty body). The test is deliberately generous: any call whose knowledge
// entry has an ownership effect makes a body relevant, and relevance spreads to every local caller and callee.
import type { Tree } from 'web-tree-sitter';
import type { Knowledge } from './knowledge';
import type { KnowledgeEntry } from './knowledge-schema';
import { walkTree, type TreeWalker } from '../parsing/tree-walker';
import { movedRange, type ChangedRegion } from '../parsing/text-diff';

const CONTAINERS = new Set(['translation_unit', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'linkage_specification', 'declaration_list', 'ERROR']);
const NOT_CALLS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'defined', '_Alignof', 'alignof', 'offsetof', 'typeof', '__typeof__', '__attribute__', '__asm__', 'asm']);

/** A function definition as the relevance test sees it: its name, where its body is, what it calls. */
export interface FunctionText {
  name: string | undefined;
  start: number;
  end: number;
  bodyStart: number;
  calls: Set<string>;
}

function hasOwnershipEffect(e: KnowledgeEntry | undefined): boolean {
  return (
    !!e &&
    (!!e.returnsOwned ||
      !!e.outParams ||
      !!e.releases ||
      !!e.takes ||
      e.upRef !== undefined ||
      !!e.writesSecret ||
      e.initializes !== undefined ||
      e.resets !== undefined ||
      e.wipes !== undefined ||
      !!e.noreturn)
  );
}

/** Start offsets of function bodies the analysis may skip, given the file's functions (listFunctionsC). */
export function skippableBodiesC(functions: readonly FunctionText[], knowledge: Knowledge): Set<number> {
  const byName = new Map<string, FunctionText[]>();
  for (const f of functions) if (f.name) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const relevant = new Set<FunctionText>();
  const effect = new Map<string, boolean>();
  const hasEffect = (name: string) => {
    let v = effect.get(name);
    if (v === undefined) effect.set(name, (v = hasOwnershipEffect(knowledge.lookup(name))));
    return v;
  };
  for (const f of functions) if ([...f.calls].some(hasEffect)) relevant.add(f);
  // Spread along local calls in both directions: a helper's summary matters to its caller, and a caller of a
  // wrapper that returns an owned object holds a resource.
  const callers = new Map<string, FunctionText[]>();
  for (const f of functions) for (const c of f.calls) if (byName.has(c)) callers.set(c, [...(callers.get(c) ?? []), f]);
  const queue = [...relevant];
  while (queue.length) {
    const f = queue.pop()!;
    const next = [...[...f.calls].flatMap((c) => byName.get(c) ?? []), ...(f.name ? callers.get(f.name) ?? [] : [])];
    for (const g of next) {
      if (!relevant.has(g)) {
        relevant.add(g);
        queue.push(g);
      }
    }
  }
  return new Set(functions.filter((f) => !relevant.has(f)).map((f) => f.bodyStart));
}

/**
 * The file's function definitions. `previous` (the listing of the document's last version and how its text
 * changed since) lends the calls of every function the edit did not touch: scanning bodies is the costly part.
 */
export function listFunctionsC(tree: Tree, text: string, previous?: { functions: readonly FunctionText[]; edit: ChangedRegion }): FunctionText[] {
  const reusable = new Map<number, FunctionText>();
  for (const f of previous?.functions ?? []) {
    const moved = movedRange(previous!.edit, f.start, f.end);
    if (moved !== undefined) reusable.set(moved, f);
  }
  const bodyField = tree.language.fieldIdForName('body');
  const out: FunctionText[] = [];
  const walker = walkTree(tree);
  try {
    // Top level and preprocessor / extern "C" containers only: function definitions do not nest in C.
    const visitChildren = (): void => {
      if (!walker.gotoFirstChild()) return;
      do {
        const type = tree.language.types[walker.typeId()] || 'ERROR';
        if (type === 'function_definition') {
          const start = walker.startIndex();
          const end = walker.endIndex();
          const old = reusable.get(start);
          const delta = old ? start - old.start : 0;
          if (old && old.end + delta === end) out.push({ ...old, start, end, bodyStart: old.bodyStart + delta });
          else {
            const f = describeFunction(walker, bodyField, text, start, end);
            if (f) out.push(f);
          }
        } else if (CONTAINERS.has(type)) visitChildren();
      } while (walker.gotoNextSibling());
      walker.gotoParent();
    };
    visitChildren();
  } finally {
    walker.dispose();
  }
  return out;
}

function describeFunction(walker: TreeWalker, bodyField: number | null, text: string, start: number, end: number): FunctionText | undefined {
  let body: { start: number; end: number } | undefined;
  if (walker.gotoFirstChild()) {
    do {
      if (walker.fieldId() === bodyField) body = { start: walker.startIndex(), end: walker.endIndex() };
    } while (walker.gotoNextSibling());
    walker.gotoParent();
  }
  if (!body) return undefined;
  const head = text.slice(start, body.start);
  const name = /([A-Za-z_]\w*)\s*\(/.exec(head)?.[1];
  const calls = new Set<string>();
  for (const m of text.slice(body.start, body.end).matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) if (!NOT_CALLS.has(m[1]!)) calls.add(m[1]!);
  return { name, start, end, bodyStart: body.start, calls };
}
