// What every path from the function's entry says of its scalar flags where an acquisition happens. A flag tested
// or set before the acquisition (`if (!initialize) return r;` … `priv = new();`, `if (md != NULL) { buf =
// malloc(…); …`) decides its later tests too while nothing writes it: the dataflow starts at the acquisition and
// would otherwise take `if (!initialize)` or `if (md != NULL)` the other way further down. A must-analysis: a
// fact holds at a point only if every path there established it and no write since undid it.
import type { Access, Edge, Event, FunctionCfg } from './ir';
import { flagAfterTest, flagHolds, flagJoin } from './flag-values';

export type FlagFacts = ReadonlyArray<readonly [Access, number]>;

type Facts = Map<Access, number>;

const cache = new WeakMap<FunctionCfg, Map<number, Facts>>();

/** The flag values known just before event `index` of `block` on every path from the entry (sorted by name). */
export function flagFactsAt(cfg: FunctionCfg, block: number, index: number): FlagFacts {
  let facts = cache.get(cfg);
  if (!facts) {
    facts = solve(cfg);
    cache.set(cfg, facts);
  }
  const start = facts.get(block);
  if (!start) return [];
  const here = applyEvents(start, cfg.blocks[block]!.events.slice(0, index));
  return [...here].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
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

function solve(cfg: FunctionCfg): Map<number, Facts> {
  // A block not yet reached holds "everything" (absent from `at`).
  const at = new Map<number, Facts>([[cfg.entry, new Map()]]);
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
