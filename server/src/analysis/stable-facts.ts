// What every path from the function's entry says of its stable flags when it reaches a block. A flag that keeps
// one value for the whole call (a parameter nothing writes) tested before an acquisition (`if (!initialize)
// return r;` … `priv = new();`) decides its later tests too: the dataflow starts at the acquisition and would
// otherwise take `if (!initialize)` the other way further down.
import type { Access, Edge, FunctionCfg } from './ir';
import { flagAfterTest, flagHolds, flagJoin } from './flag-values';

export type FlagFacts = ReadonlyArray<readonly [Access, number]>;

const cache = new WeakMap<FunctionCfg, Map<number, FlagFacts>>();

/** The stable-flag values known at the start of `block` on every path from the entry (sorted by name). */
export function stableFactsAt(cfg: FunctionCfg, block: number): FlagFacts {
  if (!cfg.stableFlags?.size) return [];
  let facts = cache.get(cfg);
  if (!facts) {
    facts = solve(cfg, cfg.stableFlags);
    cache.set(cfg, facts);
  }
  return facts.get(block) ?? [];
}

/** Facts after taking `edge` from a block with `facts`; undefined when the edge contradicts them. */
function across(facts: Map<Access, number>, edge: Edge, stable: ReadonlySet<Access>): Map<Access, number> | undefined {
  if (!edge.flagTests) return facts;
  let out = facts;
  for (const t of edge.flagTests) {
    if (!stable.has(t.variable)) continue;
    if (t.masked) continue;
    const known = out.get(t.variable);
    if (known !== undefined && !flagHolds(known, t.op, t.k)) return undefined;
    const v = flagAfterTest(known, t.op, t.k);
    if (v === undefined || v === known) continue;
    if (out === facts) out = new Map(facts);
    out.set(t.variable, v);
  }
  return out;
}

/** Keeps what both sides allow: 1 and 2 still say "positive". */
function meet(a: Map<Access, number>, b: Map<Access, number>): Map<Access, number> {
  const out = new Map<Access, number>();
  for (const [v, x] of a) {
    const y = b.get(v);
    if (y === undefined) continue;
    const joined = flagJoin(x, y);
    if (joined !== undefined) out.set(v, joined);
  }
  return out;
}

function sameFacts(a: Map<Access, number>, b: Map<Access, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [v, x] of a) if (b.get(v) !== x) return false;
  return true;
}

function solve(cfg: FunctionCfg, stable: ReadonlySet<Access>): Map<number, FlagFacts> {
  // Must-analysis: a block not yet reached holds "everything" (absent from `at`).
  const at = new Map<number, Map<Access, number>>([[cfg.entry, new Map()]]);
  const work = [cfg.entry];
  const queued = new Set(work);
  // Facts only shrink after a block is first reached, so this ends; the bound guards pathological graphs.
  let steps = 0;
  const bound = cfg.blocks.length * 20 + 100;
  while (work.length && steps++ < bound) {
    const id = work.shift()!;
    queued.delete(id);
    const here = at.get(id)!;
    const block = cfg.blocks[id];
    if (!block || block.exit) continue;
    for (const edge of block.succs) {
      const out = across(here, edge, stable);
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
  const result = new Map<number, FlagFacts>();
  for (const [id, facts] of at) {
    if (!facts.size) continue;
    result.set(id, [...facts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)));
  }
  return result;
}
