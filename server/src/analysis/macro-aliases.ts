// Projects rename allocators with the preprocessor (`#define MG_CALLOC calloc`, `#define xfree(p) free(p)`).
// Those macros stay unexpanded in the syntax tree, so a file's own defines that only rename a known function
// are read from its text and the alias is looked up as the function it stands for.
import type { Knowledge } from './knowledge';
import type { KnowledgeEntry } from './knowledge-schema';

/** `#define NAME TARGET` and `#define NAME(a, b) TARGET(a, b)` (the same parameters, passed on in order). */
const OBJECT_ALIAS = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+\(?([A-Za-z_]\w*)\)?[ \t]*$/gm;
const FUNCTION_ALIAS = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)\(([^()]*)\)[ \t]+\(?([A-Za-z_]\w*)\)?[ \t]*\(([^()]*)\)[ \t]*$/gm;

const wrapped = new WeakMap<Knowledge, Map<string, Knowledge>>();

/** `knowledge`, extended with the file's renaming macros of known functions (the same object per alias set). */
export function withMacroAliases(knowledge: Knowledge, text: string): Knowledge {
  if (!text.includes('define')) return knowledge;
  const aliases = new Map<string, string>();
  const note = (alias: string, target: string) => {
    if (alias !== target && !knowledge.lookup(alias) && knowledge.lookup(target)) aliases.set(alias, target);
  };
  for (const m of text.matchAll(OBJECT_ALIAS)) note(m[1]!, m[2]!);
  for (const m of text.matchAll(FUNCTION_ALIAS)) {
    const params = m[2]!.split(',').map((p) => p.trim());
    const args = m[4]!.split(',').map((a) => a.trim().replace(/^\((\w+)\)$/, '$1'));
    if (params.length === args.length && params.every((p, i) => p === args[i])) note(m[1]!, m[3]!);
  }
  if (aliases.size === 0) return knowledge;
  const key = [...aliases].sort().join(';');
  let byAliases = wrapped.get(knowledge);
  if (!byAliases) wrapped.set(knowledge, (byAliases = new Map()));
  let extended = byAliases.get(key);
  if (!extended) {
    const entries = new Map<string, KnowledgeEntry | undefined>([...aliases].map(([alias, target]) => [alias, knowledge.lookup(target)]));
    extended = {
      wrapperPrefixes: knowledge.wrapperPrefixes,
      sourceOf: (entry) => knowledge.sourceOf(entry),
      lookup: (name) => (entries.has(name) ? entries.get(name) : knowledge.lookup(name)),
    };
    byAliases.set(key, extended);
  }
  return extended;
}
