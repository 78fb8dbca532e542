// What a Go package's files share: the summaries of its Go functions and of the C it compiles. Computed once
// per package state and reused by each of its files (the CLI lints a package file by file; the editor asks per
// keystroke), so linting a package is linear in its size rather than quadratic.
import { copyTree, type SyntaxNode as Node } from '../../parsing/syntax-node';
import { parse } from '../../parsing/parser';
import type { FunctionSummary } from '../callees';
import type { Knowledge } from '../knowledge';
import { cgoHelperSummaries, cgoPreamble, isCgoCSource } from './cgo-helpers';
import { collectFunctionsGo, summarizeGo, type GoSummary } from './summaries';
import { builtByDefault } from './build-constraints';

export interface GoPackageFacts {
  cHelpers: ReadonlyMap<string, FunctionSummary>;
  summaries: ReadonlyMap<string, GoSummary>;
}

interface Entry extends GoPackageFacts {
  texts: ReadonlySet<string>;
  knowledge: Knowledge;
}

/** The last package states seen (a worker lints one package after another; an editor has a few open). */
const recent: Entry[] = [];
const RECENT_LIMIT = 4;

/**
 * The facts of the package holding `text` (at `path`, whose copied functions are `functions`) and `packageFiles`
 * (its other .go files a default build compiles, and its C). The package's own state is computed once for all
 * its files; a file the default build leaves out (`x_windows.go`) has its functions summarised on top of it.
 */
export function goPackageFacts(
  text: string,
  path: string | undefined,
  functions: Node[],
  packageFiles: ReadonlyArray<{ path: string; text: string }>,
  knowledge: Knowledge,
): GoPackageFacts {
  const ownHelpers = (): ReadonlyMap<string, FunctionSummary> => cgoHelperSummaries([{ path: '', text: cgoPreamble(text) }], knowledge);
  if (!packageFiles.length) {
    const cHelpers = ownHelpers();
    return { cHelpers, summaries: summarizeGo(functions, knowledge, cHelpers) };
  }
  const variant = path !== undefined && !builtByDefault(path.replace(/^.*[\\/]/, ''), text);
  const texts = [...(variant ? [] : [text]), ...packageFiles.map((f) => f.text)];
  const shared = packageState(texts, variant ? undefined : { text, functions }, packageFiles, knowledge);
  if (!variant) return shared;
  const cHelpers = new Map([...shared.cHelpers, ...ownHelpers()]);
  return { cHelpers, summaries: summarizeGo(functions, knowledge, cHelpers, shared.summaries) };
}

function packageState(
  texts: string[],
  own: { text: string; functions: Node[] } | undefined,
  packageFiles: ReadonlyArray<{ path: string; text: string }>,
  knowledge: Knowledge,
): GoPackageFacts {
  const distinct = new Set(texts);
  const known = recent.find((e) => e.knowledge === knowledge && e.texts.size === distinct.size && texts.every((t) => e.texts.has(t)));
  if (known) return known;
  const goTexts = [...(own ? [own.text] : []), ...packageFiles.filter((f) => !isCgoCSource(f.path)).map((f) => f.text)].sort();
  const cSources = [...goTexts.map((t) => ({ path: '', text: cgoPreamble(t) })), ...packageFiles.filter((f) => isCgoCSource(f.path))];
  const cHelpers = cgoHelperSummaries(cSources, knowledge);
  // In one order whichever file asks (a name defined twice resolves the same way).
  const summaries = summarizeGo(
    goTexts.flatMap((t) => (t === own?.text ? own.functions : packageFunctionsGo(t))),
    knowledge,
    cHelpers,
  );
  const entry: Entry = { texts: distinct, knowledge, cHelpers, summaries };
  if (recent.length >= RECENT_LIMIT) recent.shift();
  recent.push(entry);
  return entry;
}

/** Copies of the function declarations of a package file, kept per text while its package is being read. */
const siblingCache = new Map<string, Node[]>();
const SIBLING_CACHE_LIMIT = 256;

function packageFunctionsGo(text: string): Node[] {
  let functions = siblingCache.get(text);
  if (!functions) {
    const tree = parse('go', text);
    try {
      functions = collectFunctionsGo(copyTree(tree, text));
    } finally {
      tree.delete();
    }
    if (siblingCache.size >= SIBLING_CACHE_LIMIT) siblingCache.delete(siblingCache.keys().next().value!);
    siblingCache.set(text, functions);
  }
  return functions;
}
