// What every path from the function's entry says of its scalar flags where an acquisition happens. A flag tested
// or set before the acquisition (`if (!initialize) return r;` … `priv = new();`, `if (md != NULL) { buf =
// malloc(…); …`) decides its later tests too while nothing writes it: the dataflow starts at the acquisition and
// would otherwise take `if (!initialize)` or `if (md != NULL)` the other way further down. A must-analysis: a
// fact holds at a point only if every path there established it and no write since undid it.
import type { Access, Edge, Event, FunctionCfg } from './ir';
import { flagAfterTest, flagHolds, flagJoin, isFlagClass } from './flag-values';

export type FlagFacts = ReadonlyArray<readonly [Access, number]>;

type Facts = Map<Access, number>;

const cache = new WeakMap<FunctionCfg, Map<string, Map<number, Facts>>>();

/**
 * The flag values known just before event `index` of `block` on every path from the entry (sorted by name).
 * `assuming`: only the paths on which that preprocessor condition has that value (undefined when the point
 * cannot be reached so).
 */
export function flagFactsAt(cfg: FunctionCfg, block: number, index: number, assuming?: readonly [Access, number]): FlagFacts | undefined {
  let solved = cache.get(cfg);
  if (!solved) cache.set(cfg, (solved = new Map()));
  const key = assuming ? `${assuming[0]}=${assuming[1]}` : '';
  let facts = solved.get(key);
  if (!facts) solved.set(key, (facts = solve(cfg, assuming ? new Map([assuming]) : new Map())));
  const start = facts.get(block);
  if (!start) return assuming ? undefined : [];
  const here = applyEvents(start, cfg.blocks[block]!.events.slice(0, index));
  return [...here].sort(byName);
}

function byName(x: readonly [Access, number], y: readonly [Access, number]): number {
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
}

/** The preprocessor conditions the function's edges test (`#if …`, `#defined(X)`), once per function. */
const conditionsCache = new WeakMap<FunctionCfg, readonly Access[]>();
function conditionsOf(cfg: FunctionCfg): readonly Access[] {
  let conditions = conditionsCache.get(cfg);
  if (!conditions) {
    const found = new Set<Access>();
    for (const b of cfg.blocks) for (const e of b.succs) for (const t of e.flagTests ?? []) if (t.variable.startsWith('#')) found.add(t.variable);
    conditionsCache.set(cfg, (conditions = [...found]));
  }
  return conditions;
}

/**
 * `#if OPENSSL_VERSION_NUMBER < 0x30000000L` arms before an acquisition that check different things
 * (piv-tool.c: the pre-3.0 arm makes and checks the EVP_PKEY the later `EVP_PKEY_assign_RSA` needs): the
 * acquisition reached from both arms knows neither. Split on the preprocessor condition whose two values
 * each teach the most: the two start states cover every path, each with what its configuration knows.
 */
export function configurationsAt(cfg: FunctionCfg, block: number, index: number, base: FlagFacts): FlagFacts[] | undefined {
  // Decided: an exact value (0 and 1 meet as "non-negative", which decides nothing).
  const known = new Set(base.filter(([, k]) => !isFlagClass(k)).map(([v]) => v));
  let best: FlagFacts[] | undefined;
  let gain = 0;
  for (const condition of conditionsOf(cfg).filter((c) => !known.has(c)).slice(0, 8)) {
    const arms: FlagFacts[] = [];
    let taught = 0;
    for (const value of [0, 1]) {
      const facts = flagFactsAt(cfg, block, index, [condition, value]);
      if (!facts) continue;
      arms.push([...facts.filter(([v]) => v !== condition), [condition, value] as const].sort(byName));
      // Scalar facts this configuration adds to what every path knows.
      taught += facts.filter(([v, k]) => !v.startsWith('#') && !base.some(([b, bk]) => b === v && bk === k)).length;
    }
    if (arms.length === 2 && taught > gain) {
      gain = taught;
      best = arms;
    }
  }
  return best;
}

/** A flag event sets (or forgets) its flag; nothing else here says anything of scalars. */
function applyEvents(facts: Facts, events: readonly Event[]): Facts {
  let out = facts;
  for (const ev of events) {
    if (ev.k !== 'flag') continue;
    if (ev.value === null ? !out.has(ev.target) : out.get(ev.target) === ev.value) continue;
    if (out === facts) out = new Map(facts);
    if (ev.value === null) out.delete(ev.target);
    else out.set(ev.target, ev.value);
  }
  return out;
}

/** Facts after taking `edge` from a block with `facts`; undefined when the edge contradicts them. */
function across(facts: Facts, edge: Edge): Facts | undefined {
  let out = facts;
  for (const t of edge.flagTests ?? []) {
    if (t.masked) continue;
    const known = out.get(t.variable);
    if (known !== undefined && !flagHolds(known, t.op, t.k)) return undefined;
    const v = flagAfterTest(known, t.op, t.k);
    if (v === undefined || v === known) continue;
    if (out === facts) out = new Map(facts);
    out.set(t.variable, v);
  }
  return edge.events?.length ? applyEvents(out, edge.events) : out;
}

/** Keeps what both sides allow: 1 and 2 still say "positive". */
function meet(a: Facts, b: Facts): Facts {
  const out: Facts = new Map();
  for (const [v, x] of a) {
    const y = b.get(v);
    if (y === undefined) continue;
    const joined = flagJoin(x, y);
    if (joined !== undefined) out.set(v, joined);
  }
  return out;
}

function sameFacts(a: Facts, b: Facts): boolean {
  if (a.size !== b.size) return false;
  for (const [v, x] of a) if (b.get(v) !== x) return false;
  return true;
}

function solve(cfg: FunctionCfg, initial: Facts): Map<number, Facts> {
  // A block not yet reached holds "everything" (absent from `at`).
  const at = new Map<number, Facts>([[cfg.entry, initial]]);
  const work = [cfg.entry];
  const queued = new Set(work);
  // Facts only shrink after a block is first reached (a flag's values form a short chain), so this ends; the
  // bound guards pathological graphs.
  let steps = 0;
  const bound = cfg.blocks.length * 20 + 100;
  while (work.length && steps++ < bound) {
    const id = work.shift()!;
    queued.delete(id);
    const block = cfg.blocks[id];
    if (!block || block.exit) continue;
    const here = applyEvents(at.get(id)!, block.events);
    for (const edge of block.succs) {
      const out = across(here, edge);
      if (!out) continue;
      const old = at.get(edge.to);
      const next = old ? meet(old, out) : out;
      if (old && sameFacts(old, next)) continue;
      at.set(edge.to, next);
      if (!queued.has(edge.to)) {
        queued.add(edge.to);
        work.push(edge.to);
      }
    }
  }
  // Unfinished: trust nothing rather than a fact one path has not yet weakened.
  if (work.length) return new Map();
  return at;
}
