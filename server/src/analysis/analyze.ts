// Entry of the analysis: syntax tree → per-function CFG → dataflow → facts per acquisition site.
import type { Tree } from 'web-tree-sitter';
import { copyTree, type SyntaxNode as Node } from '../parsing/syntax-node';
import type { LanguageId } from '../engine/types';
import type { ResourceFacts } from './facts';
import type { Knowledge } from './knowledge';
import type { FunctionCfg, Site } from './ir';
import { STATE_BUDGET, analyzeSite } from './dataflow';
import { CLowerer, type CLowerEnv } from './c/lowerer';
import { projectFacts, projectFactsFingerprint } from './c/macros';
import { baseOf } from './c/syntax';
import { collectFunctionsC, summariesFingerprint, summarizeC } from './c/summaries';
import { externalCallees, type ProjectSummaries } from './c/project-index';
import type { DocumentAnalysisCache } from './function-cache';
import { listFunctionsC, skippableBodiesC, type FunctionText } from './relevance-c';
import { changedRegion } from '../parsing/text-diff';
import { repairMacroDeclarations } from './macro-declarations';
import { forEachDescendant, rangeOf } from './syntax';
import { GoLowerer } from './go/lowerer';
import { goFileInfo } from './go/file-info';
import { collectFunctionsGo } from './go/summaries';
import { goPackageFacts } from './go/package-facts';
import { renameShadowed } from './go/scopes';
import { renameShadowedC } from './c/scopes';
import { usesCgo } from './go/cgo-helpers';

export interface FileAnalysis {
  resources: ResourceFacts[];
  notes: string[];
  /** Project functions called whose summaries the index has yet to read. */
  pendingProjectNames?: string[];
}

/** Where the file sits in its project: its path, and the index of the functions other files define. */
export interface ProjectContext {
  path: string;
  index: ProjectSummaries;
  load: boolean;
}

export const SYNTAX_ERRORS_NOTE = 'the file has syntax errors; functions containing them are analysed where the control flow is sound';

export function analyzeTree(tree: Tree, language: LanguageId, text: string, knowledge: Knowledge): FileAnalysis {
  return analyzeSyntax(copyForAnalysis(tree, language, text, knowledge), language, text, knowledge);
}

/**
 * The syntax the analysis reads: a plain-JS copy of the tree, without the C function bodies that cannot
 * matter (relevance-c.ts). Suppression comments need every comment, so a file using them is copied whole.
 */
export function copyForAnalysis(tree: Tree, language: LanguageId, text: string, knowledge: Knowledge, cache?: DocumentAnalysisCache): Node {
  const last = cache?.previousCopy?.language === language ? cache.previousCopy : undefined;
  const edit = last ? changedRegion(last.text, text) : undefined;
  // The copy moves grafted subtrees: an exception half way must not leave a half-moved tree to graft from.
  if (cache) cache.previousCopy = undefined;
  const previous = last && edit ? { previous: { root: last.root, edit } } : {};
  let root: Node;
  let functions: FunctionText[] | undefined;
  if (language !== 'c') root = copyTree(tree, text, { leaves: STRING_LEAVES, dropTokens: true, ...previous });
  else {
    functions = listFunctionsC(tree, text, last?.functions && edit ? { functions: last.functions, edit } : undefined);
    // Suppression comments inside skipped bodies would be missed: a file that has any is copied whole.
    const skipBodies = text.includes('osslint-ignore') ? undefined : skippableBodiesC(functions, knowledge);
    root = copyTree(tree, text, {
      ...(skipBodies ? { skipBodies } : {}),
      leaves: STRING_LEAVES,
      leavesOutsideFunctions: C_DATA_OUTSIDE_FUNCTIONS,
      dropTokens: true,
      ...previous,
    });
    repairMacroDeclarations(root, text);
  }
  if (cache) cache.previousCopy = { root, text, language, ...(functions ? { functions } : {}) };
  return root;
}

/** Literals are read as text, never through their children (escape sequences, string content). */
const STRING_LEAVES: ReadonlySet<string> = new Set(['string_literal', 'char_literal', 'raw_string_literal', 'interpreted_string_literal', 'rune_literal', 'system_lib_string']);
/** Outside functions only declarations' names matter: static tables (a third of libcrypto's nodes), struct and
 * enum bodies, prototypes' parameters and macro bodies are not copied. */
const C_DATA_OUTSIDE_FUNCTIONS: ReadonlySet<string> = new Set(['initializer_list', 'field_declaration_list', 'enumerator_list', 'parameter_list', 'preproc_function_def', 'preproc_def']);

/**
 * C damage the analysis feels: inside a function, or an unreadable stretch that holds a body (`{ … }`, a
 * function it may have swallowed). One in a prototype, a typedef or a table loses no function: no note.
 */
function damagesCode(n: Node): boolean {
  if (!n.hasError) return false;
  if (n.type === 'function_definition' || n.type === 'compound_statement') return true;
  if (n.type === 'ERROR' && n.children.some((c) => c.type === '}' || c.type === 'compound_statement')) return true;
  return n.children.some(damagesCode);
}

/** Analyses an already copied syntax tree (see parsing/syntax-node.ts for why the analysis reads a copy). */
export function analyzeSyntax(
  root: Node,
  language: LanguageId,
  text: string,
  knowledge: Knowledge,
  packageFiles: ReadonlyArray<{ path: string; text: string }> = [],
  cache?: DocumentAnalysisCache,
  context?: ProjectContext,
  /** The file's path (Go: which build variant it is). */
  path?: string,
): FileAnalysis {
  const notes: string[] = [];
  if (root.hasError && (language !== 'c' || damagesCode(root))) notes.push(SYNTAX_ERRORS_NOTE);
  if (language === 'go') return analyzeGo(root, text, knowledge, notes, packageFiles, path);
  if (language !== 'c') return { resources: [], notes };
  let siteId = 0;
  const functions = collectFunctionsC(root);
  const project = projectFacts([text, ...packageFiles.map((header) => header.text)]);
  const external = context?.index.summariesFor(context.path, externalCallees(functions, knowledge), { load: context.load });
  const summaries = summarizeC(functions, root, knowledge, cache !== undefined, project.noreturn, external?.summaries);
  const resources: ResourceFacts[] = [];
  const results = cache?.functions;
  results?.begin(knowledge, `${summariesFingerprint(summaries)}\n${projectFactsFingerprint(project)}`);
  for (const fn of functions) {
    const key = results ? results.keyOf(fn) : '';
    const cached = results?.get(key, fn.startPosition.row);
    if (cached) {
      resources.push(...cached.resources);
      notes.push(...cached.notes);
      continue;
    }
    const before = { resources: resources.length, notes: notes.length };
    analyzeFunctionC(fn, { knowledge, summaries, macroExits: project.exits, pointerTypedefs: project.pointerTypes, constants: project.constants, text, nextSiteId: () => siteId++ }, resources, notes);
    results?.set(key, fn.startPosition.row, resources.slice(before.resources), notes.slice(before.notes));
  }
  results?.end();
  return { resources, notes, ...(external?.pending.length ? { pendingProjectNames: external.pending } : {}) };
}

function analyzeFunctionC(fn: Node, env: CLowerEnv, resources: ResourceFacts[], notes: string[]): void {
  let cfg: FunctionCfg;
  try {
    renameShadowedC(fn);
    cfg = new CLowerer(fn, env).lower();
  } catch (err) {
    notes.push(`skipped a function at line ${fn.startPosition.row + 1}: ${(err as Error).message}`);
    return;
  }
  const damage = fn.hasError ? errorDamage(fn) : undefined;
  analyzeSites(cfg, damage, resources, notes);
}

/**
 * Work per function, over all its acquisition sites (states explored). A giant `main()` with dozens of
 * acquisitions (OpenSSL's apps) would otherwise cost STATE_BUDGET per site; past this, each remaining site gets
 * a short look (what it finds is still reported, and the budget note says the rest was cut short).
 */
const FUNCTION_BUDGET = 4 * STATE_BUDGET;
const LATE_SITE_BUDGET = 500;

function analyzeSites(cfg: FunctionCfg, damage: ErrorDamage | undefined, resources: ResourceFacts[], notes: string[]): void {
  let spent = 0;
  for (const site of cfg.sites) {
    if (damage && suppressedByErrors(site, damage)) continue;
    const budget = Math.max(LATE_SITE_BUDGET, Math.min(STATE_BUDGET, FUNCTION_BUDGET - spent));
    const { facts, exhausted, explored } = analyzeSite(cfg, site, budget);
    spent += explored;
    if (exhausted) notes.push(`${cfg.name}: path budget exhausted for ${site.api} at line ${site.range.start.line + 1}`);
    resources.push(facts);
  }
}

function analyzeGo(
  root: Node,
  text: string,
  knowledge: Knowledge,
  notes: string[],
  packageFiles: ReadonlyArray<{ path: string; text: string }>,
  path: string | undefined,
): FileAnalysis {
  let siteId = 0;
  const functions = collectFunctionsGo(root);
  for (const fn of functions) renameShadowed(fn);
  // The package's summaries (its Go functions and the C it compiles), shared by its files; only this file's
  // functions are analysed.
  const { cHelpers, summaries } = goPackageFacts(text, path, functions, packageFiles, knowledge);
  // Without cgo of its own, a file acquires only through the package's helpers returning C memory.
  if (!usesCgo(text) && ![...summaries].some(([name, s]) => s.returnsOwned && text.includes(name.split('.').pop()!))) return { resources: [], notes };
  const file = goFileInfo(root, text);
  const resources: ResourceFacts[] = [];
  // A closure's body is a function of its own: what it allocates into its own variables it must release.
  // (Its enclosing function sees only the variables it captures, and treats those as escaping.)
  for (const fn of [...functions, ...functions.flatMap(closuresIn)]) {
    let cfg: FunctionCfg;
    try {
      cfg = new GoLowerer(fn, { knowledge, summaries, cHelpers, text, file, nextSiteId: () => siteId++ }).lower();
    } catch (err) {
      notes.push(`skipped a function at line ${fn.startPosition.row + 1}: ${(err as Error).message}`);
      continue;
    }
    const damage = fn.hasError ? goErrorDamage(fn, file.lines) : undefined;
    analyzeSites(cfg, damage, resources, notes);
  }
  return { resources, notes };
}

/** The func literals inside a function, nested ones included. */
function closuresIn(fn: Node): Node[] {
  const out: Node[] = [];
  forEachDescendant(fn.childForFieldName('body') ?? fn, (n) => {
    if (n.type === 'func_literal') out.push(n);
    return true;
  });
  return out;
}

/** Go recovers with MISSING tokens more often than C: every name on a damaged line may be mis-parsed. */
function goErrorDamage(fn: Node, lines: readonly string[]): ErrorDamage {
  const damage = errorDamage(fn);
  for (const r of damage.ranges) {
    for (let row = r.start; row <= r.end; row++) {
      const line = lines[row] ?? '';
      for (const m of line.matchAll(/[A-Za-z_]\w*/g)) damage.identifiers.add(m[0]);
      if (/\b(panic|Exit|Fatal\w*|goto|return)\b/.test(line)) damage.controlLost = true;
    }
  }
  return damage;
}

interface ErrorDamage {
  ranges: Array<{ start: number; end: number }>;
  identifiers: Set<string>;
  /** An ERROR region swallowed a jump or exit: paths through it are unknown. */
  controlLost: boolean;
}

function errorDamage(fn: Node): ErrorDamage {
  const damage: ErrorDamage = { ranges: [], identifiers: new Set(), controlLost: false };
  forEachDescendant(fn, (n) => {
    if (n.type === 'ERROR' || n.isMissing) {
      damage.ranges.push({ start: n.startPosition.row, end: n.endPosition.row });
      for (const m of n.text.matchAll(/[A-Za-z_]\w*/g)) damage.identifiers.add(m[0]);
      if (/\b(goto|return|break|continue|exit|abort)\b/.test(n.text)) damage.controlLost = true;
      return false;
    }
    return true;
  });
  return damage;
}

/** Nothing is reported from inside an ERROR region, nor for a resource the broken text may touch. */
function suppressedByErrors(site: Site, damage: ErrorDamage): boolean {
  const line = site.range.start.line;
  if (damage.ranges.some((r) => line >= r.start && line <= r.end)) return true;
  if (damage.controlLost) return true;
  return site.variable !== '' && damage.identifiers.has(baseOf(site.variable));
}

export { rangeOf };
