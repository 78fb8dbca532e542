// Path-sensitive worklist over (block, resource state) per acquisition site. The state space is finite
// (status × aliases × borrowed names), so every loop terminates; NULL edges are pruned when infeasible.
import type { SyntaxNode as Node } from '../parsing/syntax-node';
import type { PathStep } from '../engine/types';
import type { DoubleReleaseFact, LeakFact, ResourceFacts, UseAfterReleaseFact } from './facts';
import type { Access, Block, Edge, Event, FunctionCfg, Site } from './ir';
import { rangeOf } from './syntax';
import { configurationsAt, flagFactsAt, type FlagFacts } from './flag-facts';
import { flagAfterTest, flagHolds, isFlagClass } from './flag-values';

type Status = 'none' | 'maybe' | 'owned' | 'null' | 'released' | 'gone' | 'dead';

interface State {
  status: Status;
  aliases: readonly Access[];
  borrowed: readonly Access[];
  refs: number;
  deferred: boolean;
  /** Known constant values of scalar flags assigned after the acquisition, sorted by name (absent: unknown). */
  flags?: ReadonlyArray<readonly [Access, number]>;
  /** Where it was released or handed over (for double-release / use-after-release messages). */
  releasedAt?: Node;
  releasedApi?: string;
  handedOverTo?: string;
  deferredAt?: Node;
  /** The path got here only because this call failed to allocate (not part of the key: see analyzeSite). */
  allocationFailed?: string;
}

interface Visit {
  block: number;
  state: State;
  parent?: Visit;
  via?: Edge;
}

/** Bounds the work per acquisition site on pathological functions. */
export const STATE_BUDGET = 6_000;

const LIVE = new Set<Status>(['maybe', 'owned']);
const LIVE_OR_DONE = new Set<Status>(['maybe', 'owned', 'null', 'released', 'gone']);

function keyOf(block: number, s: State): string {
  const flags = s.flags?.length ? s.flags.map(([v, k]) => `${v}=${k}`).join(',') : '';
  return `${block}|${s.status}|${s.aliases.join(',')}|${s.borrowed.join(',')}|${s.refs}|${s.deferred ? 1 : 0}|${flags}`;
}

function within(access: Access, container: Access): boolean {
  return access.startsWith(`${container}->`) || access.startsWith(`${container}.`);
}

function without(list: readonly Access[], drop: (a: Access) => boolean): Access[] {
  return list.filter((a) => !drop(a));
}

function withAdded(list: readonly Access[], a: Access): Access[] {
  return list.includes(a) ? [...list] : [...list, a].sort();
}

/** How applying an event ends a path; a plain State means the path goes on in that state. */
type Halt =
  | { kind: 'stop' }
  | { kind: 'leak'; how: LeakFact['how']; at: Node }
  | { kind: 'double'; first: Node; second: Node; firstApi: string; secondApi: string; handover: boolean }
  | { kind: 'uaf'; release: Node; use: Node; name: Access; borrowed: boolean };
type Outcome = State | Halt;

const STOP: Halt = { kind: 'stop' };

/** States never have a `kind`: one property check tells a halt from the next state. */
function halted(out: Outcome): out is Halt {
  return (out as Halt).kind !== undefined;
}

/** At most this many flag values are remembered per state (keeps the state space small). */
const MAX_FLAGS = 3;

function withFlag(s: State, target: Access, value: number | null): State {
  const rest = (s.flags ?? []).filter(([v]) => v !== target);
  if (value === null) return rest.length === (s.flags?.length ?? 0) ? s : { ...s, flags: rest };
  const flags = [...rest, [target, value] as const].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Preprocessor conditions (`#…` keys) and stable flags keep one value for the whole function: they do not count
  // against the limit, and they are what correlated tests far apart depend on.
  // Values still as every path brought them to the acquisition do not multiply states either.
  const scalars = flags.filter(([v, k]) => !v.startsWith('#') && !stableFlags.has(v) && !entryFacts.some(([e, ek]) => e === v && ek === k));
  if (scalars.length <= MAX_FLAGS) return { ...s, flags };
  // The value just learnt is the one the next test reads: forget others.
  const others = scalars.filter(([v]) => v !== target);
  const dropped = new Set(others.slice(0, scalars.length - MAX_FLAGS).map(([v]) => v));
  return { ...s, flags: flags.filter(([v]) => !dropped.has(v)) };
}

/** The stable flags of the function whose site is being analysed (set by analyzeSite; one analysis at a time). */
const NO_STABLE_FLAGS: ReadonlySet<Access> = new Set();
let stableFlags: ReadonlySet<Access> = NO_STABLE_FLAGS;
/** What every path from the entry says of the stable flags where the site is acquired (set by analyzeSite). */
let entryFacts: FlagFacts = [];

function applyEvent(site: Site, s: State, ev: Event): Outcome {
  if (site.facet) return applyFacetEvent(site, site.facet, s, ev);
  if (ev.k === 'flag') {
    if (s.status === 'none' || s.status === 'dead') return s;
    return withFlag(s, ev.target, ev.value);
  }
  if (s.status === 'none') {
    if (ev.k === 'acquire' && ev.site.id === site.id) {
      // The facts of the configuration this start state assumes (configurationsAt), else those of every path.
      const facts = s.flags ?? entryFacts;
      return { status: 'maybe', aliases: [ev.target], borrowed: [], refs: 0, deferred: false, ...(facts.length ? { flags: facts } : {}) };
    }
    return s;
  }
  if (s.status === 'dead') return STOP;
  const live = LIVE.has(s.status);
  switch (ev.k) {
    case 'acquire': {
      // Overwriting `xi` also loses `xi->x_pkey`.
      if (!s.aliases.some((a) => a === ev.target || within(a, ev.target)) && !s.borrowed.includes(ev.target)) {
        return s;
      }
      const aliases = without(s.aliases, (a) => a === ev.target || within(a, ev.target));
      const borrowed = without(s.borrowed, (a) => a === ev.target);
      // Go: `defer C.BN_free(b)` took the value when it was registered; overwriting b loses nothing.
      if (live && aliases.length === 0 && !s.deferred) return { kind: 'leak', how: 'overwrite', at: nodeOfSite(ev) };
      if (ev.site.id === site.id) {
        // Re-acquired (next loop iteration) after release: a new instance of the same site.
        return { status: 'maybe', aliases: [ev.target], borrowed: [], refs: 0, deferred: false };
      }
      return { ...s, aliases, borrowed, status: aliases.length ? s.status : 'dead' };
    }
    case 'release': {
      if (s.aliases.includes(ev.target)) {
        if (s.status === 'null') return s;
        if (live) {
          if (s.refs > 0) return { ...s, refs: s.refs - 1 };
          return { ...s, status: 'released', releasedAt: ev.at, releasedApi: ev.api };
        }
        if (s.status === 'released') {
          return { kind: 'double', first: s.releasedAt!, second: ev.at, firstApi: s.releasedApi!, secondApi: ev.api, handover: false };
        }
        if (s.status === 'gone' && s.handedOverTo) {
          return { kind: 'double', first: s.releasedAt!, second: ev.at, firstApi: s.handedOverTo, secondApi: ev.api, handover: true };
        }
        return s;
      }
      if (live && ev.deep && s.aliases.some((a) => within(a, ev.target))) {
        if (s.refs > 0) return { ...s, refs: s.refs - 1 };
        return { ...s, status: 'released', releasedAt: ev.at, releasedApi: ev.api };
      }
      if (live && s.aliases.some((a) => within(a, ev.target))) {
        const aliases = without(s.aliases, (a) => within(a, ev.target));
        if (aliases.length === 0) return { kind: 'leak', how: 'container-released', at: ev.at };
        return { ...s, aliases };
      }
      return s;
    }
    case 'transfer': {
      const direct = s.aliases.includes(ev.target);
      const container = !direct && s.aliases.some((a) => within(a, ev.target));
      if (!direct && !container) return s;
      if (!live) return s;
      if (s.refs > 0) return { ...s, refs: s.refs - 1 };
      return { ...s, status: 'gone', releasedAt: ev.at, ...(ev.owning ? { handedOverTo: ev.api } : {}) };
    }
    case 'use': {
      if (s.status !== 'released') return s;
      const own = s.aliases.includes(ev.target);
      const borrowed = s.borrowed.includes(ev.target);
      if (own || borrowed) return { kind: 'uaf', release: s.releasedAt!, use: ev.at, name: ev.target, borrowed: !own };
      return s;
    }
    case 'assign': {
      if (ev.from !== null && s.aliases.includes(ev.from)) {
        return { ...s, aliases: withAdded(s.aliases, ev.target) };
      }
      if (ev.from !== null && s.borrowed.includes(ev.from)) {
        return { ...s, borrowed: withAdded(s.borrowed, ev.target) };
      }
      const hit = s.aliases.some((a) => a === ev.target || within(a, ev.target));
      const borrowed = without(s.borrowed, (a) => a === ev.target);
      if (!hit) return borrowed.length === s.borrowed.length ? s : { ...s, borrowed };
      const aliases = without(s.aliases, (a) => a === ev.target || within(a, ev.target));
      if (aliases.length === 0) {
        // Go: `defer C.free(unsafe.Pointer(p))` took p's value when it was registered; `p = nil` loses nothing.
        if (live && !s.deferred) return { kind: 'leak', how: 'overwrite', at: ev.at };
        // `x = NULL` after the free: nothing left to track. A deferred release still runs at exit.
        if (!s.deferred) return STOP;
      }
      return { ...s, aliases, borrowed };
    }
    case 'borrow': {
      if (!s.aliases.includes(ev.from)) return s;
      return { ...s, borrowed: withAdded(s.borrowed, ev.target) };
    }
    case 'upref': {
      if (!s.aliases.includes(ev.target) || !live) return s;
      return { ...s, refs: Math.min(s.refs + 1, 3) };
    }
    case 'deferRelease': {
      if (!s.aliases.includes(ev.target)) return s;
      if (s.deferred) {
        return { kind: 'double', first: s.deferredAt!, second: ev.at, firstApi: ev.api, secondApi: ev.api, handover: false };
      }
      return { ...s, deferred: true, deferredAt: ev.at };
    }
    case 'drop': {
      if (!s.aliases.includes(ev.target)) return s;
      const aliases = without(s.aliases, (a) => a === ev.target);
      if (live && aliases.length === 0 && !s.deferred) return { kind: 'leak', how: 'end-of-function', at: ev.at };
      if (aliases.length === 0) return STOP;
      return { ...s, aliases };
    }
    case 'wipe':
    case 'reset':
      return s;
  }
}

/**
 * Facet sites track a property of an object rather than the object: `#secret` (the buffer holds key material
 * until it is wiped) and `#init` (an X509_STORE_CTX is initialised until it is cleaned up or freed). Events on
 * the object (`key`, `ctx`) act on the facet alias (`key#secret`, `ctx#init`).
 */
function applyFacetEvent(site: Site, facet: string, s: State, ev: Event): Outcome {
  if (ev.k === 'acquire' && ev.site.id === site.id) {
    if (LIVE.has(s.status) && site.kind === 'x509init') return { kind: 'leak', how: 'reinit', at: ev.at };
    let state: State = { status: 'maybe', aliases: [ev.target], borrowed: [], refs: 0, deferred: false };
    for (const r of ev.replay ?? []) {
      const out = applyFacetEvent(site, facet, state, r);
      if (halted(out)) return out;
      state = out;
    }
    return state;
  }
  if (s.status === 'none' || ev.k === 'flag') return s;
  if (s.status === 'dead') return STOP;
  const live = LIVE.has(s.status);
  const target = 'target' in ev ? ev.target : undefined;
  if (ev.k === 'assign' && ev.from !== null && s.aliases.includes(ev.from + facet) && !s.aliases.includes(ev.target + facet)) {
    return { ...s, aliases: withAdded(s.aliases, ev.target + facet) };
  }
  if (target === undefined || !s.aliases.includes(target + facet)) return s;
  switch (ev.k) {
    case 'wipe':
      // A deferred wipe runs at exit before the frees deferred earlier (Go's defers run last-in first-out);
      // registered before any deferred free, it would run after it: nothing is known to be wiped in time.
      if (ev.deferred && !s.deferred) return s;
      return live ? { ...s, status: 'released', releasedAt: ev.at, releasedApi: 'wipe' } : s;
    case 'reset':
      return live ? { ...s, status: 'released', releasedAt: ev.at, releasedApi: 'wipe' } : s;
    case 'release':
      if (!live) return s;
      if (site.kind === 'secret' && !ev.wipes) return { kind: 'leak', how: 'freed-unwiped', at: ev.at };
      return { ...s, status: 'released', releasedAt: ev.at, releasedApi: ev.api };
    case 'deferRelease':
      // Go: the free runs at exit. Wiped before it (by the deferred closure, a later deferred wipe, or an
      // explicit wipe before the exit) is fine; checkExit reports a secret still unwiped when the defer runs.
      if (!live || site.kind !== 'secret') return s;
      if (ev.wipes) return { ...s, status: 'released', releasedAt: ev.at, releasedApi: ev.api };
      return s.deferred ? s : { ...s, deferred: true, deferredAt: ev.at };
    case 'transfer':
      return live ? { ...s, status: 'gone' } : s;
    case 'assign':
    case 'acquire':
    case 'drop': {
      // The variable now holds something else: its old contents are no longer this function's concern,
      // unless another name still points at them.
      const aliases = without(s.aliases, (a) => a === target + facet);
      if (ev.k === 'assign' && ev.from !== null && s.aliases.includes(ev.from + facet)) return s;
      return aliases.length ? { ...s, aliases } : STOP;
    }
    default:
      return s;
  }
}

function nodeOfSite(ev: Extract<Event, { k: 'acquire' }>): Node {
  return ev.at;
}

/** Applies an edge's facts; undefined when the edge is infeasible for this resource. */
function applyEdgeFacts(site: Site, s: State, edge: Edge): State | undefined {
  let state = s;
  if (edge.flagTests && state.flags?.length) {
    for (const t of edge.flagTests) {
      const known = state.flags.find(([v]) => v === t.variable);
      // `(err & MASK) == 0` read as `err == 0` can still hold for a non-zero or negative err: only a known integer decides it.
      if (known && !(t.masked && isFlagClass(known[1])) && !flagHolds(known[1], t.op, t.k)) return undefined;
    }
  }
  if (edge.flagTests && LIVE_OR_DONE.has(state.status)) {
    // `if (ret == 0)`: the value is known on this edge.
    for (const t of edge.flagTests) {
      if (t.masked) continue;
      const known = state.flags?.find(([v]) => v === t.variable)?.[1];
      const next = flagAfterTest(known, t.op, t.k);
      if (next !== undefined && next !== known) state = withFlag(state, t.variable, next);
    }
  }
  for (const t of edge.same ?? []) {
    // `if (kstr == buf)` after `kstr = buf`: two names of the same object cannot differ.
    const facet = site.facet ?? '';
    if (!t.equal && state.aliases.includes(t.a + facet) && state.aliases.includes(t.b + facet)) return undefined;
    if (!t.equal) continue;
    const inA = state.aliases.includes(t.a);
    const inB = state.aliases.includes(t.b);
    if (inA === inB || state.borrowed.includes(inA ? t.b : t.a)) continue;
    if (state.status === 'owned') return undefined;
    if (state.status === 'maybe') state = { ...state, status: 'null' };
  }
  // `if (!DSA_SIG_set0(sig, r, s))` with r and s both known non-NULL: the failure cannot happen; with only the
  // other one known, it happens where this one is NULL.
  if (edge.someNull?.every((a) => state.aliases.includes(a) || knownNonZero(state, a))) {
    if (!edge.someNull.some((a) => state.aliases.includes(a)) || state.status === 'owned') return undefined;
    if (state.status === 'maybe') state = { ...state, status: 'null' };
  }
  for (const a of edge.assume ?? []) {
    // `c` is NULL while we hold `c->ctx`: impossible.
    if (a.isNull && state.status !== 'null' && state.aliases.some((x) => within(x, a.access))) return undefined;
    if (!state.aliases.includes(a.access)) continue;
    if (a.isNull) {
      if (state.status === 'owned') return undefined;
      if (state.status === 'maybe') state = { ...state, status: 'null' };
    } else {
      if (state.status === 'null') return undefined;
      if (state.status === 'maybe') state = { ...state, status: 'owned' };
    }
  }
  if (edge.status && site.resultVar === edge.status.variable && state.status === 'maybe' && edge.status.failed) {
    state = { ...state, status: 'null' };
  }
  return state;
}

function knownNonZero(state: State, access: Access): boolean {
  const known = state.flags?.find(([v]) => v === access)?.[1];
  return known !== undefined && known !== null && !flagHolds(known, '==', 0);
}

interface Found {
  leak?: { visit: Visit; how: LeakFact['how']; at: Node };
  /** A leak only on a path where an allocation failed: reported only when no other path leaks. */
  allocationLeak?: { visit: Visit; how: LeakFact['how']; at: Node };
  double?: { visit: Visit; out: Extract<Halt, { kind: 'double' }> };
  uaf?: { visit: Visit; out: Extract<Halt, { kind: 'uaf' }> };
}

export interface SiteAnalysis {
  facts: ResourceFacts;
  exhausted: boolean;
  /** States explored (the work done). */
  explored: number;
}

export function analyzeSite(cfg: FunctionCfg, site: Site, budget = STATE_BUDGET): SiteAnalysis {
  stableFlags = cfg.stableFlags ?? NO_STABLE_FLAGS;
  const start = findAcquire(cfg, site);
  const found: Found = {};
  if (!start) return { facts: { site }, exhausted: false, explored: 0 };
  entryFacts = flagFactsAt(cfg, start.block, start.index) ?? [];
  // Per state: whether it was reached only through a failed allocation. A path that needs none is explored even
  // where one that does got first, so that the leak reported is the one that needs no allocation to fail.
  const seen = new Map<string, boolean>();
  const configurations = configurationsAt(cfg, start.block, start.index, entryFacts);
  // (What either configuration brought to the acquisition does not count against the flag limit.)
  if (configurations) entryFacts = configurations.flat();
  const queue: Array<{ visit: Visit; from: number }> = (configurations ?? [entryFacts]).map((facts) => ({
    visit: { block: start.block, state: { status: 'none', aliases: [], borrowed: [], refs: 0, deferred: false, ...(configurations ? { flags: facts } : {}) } },
    from: start.index,
  }));
  let explored = 0;
  let exhausted = false;
  const inLoop = reachesItself(cfg, start.block);
  // Nothing more can be reported once the object is known NULL, or handed to an owner we do not follow — unless
  // a loop brings the acquisition round again. Stopping there keeps the work near the object's live range.
  const settled = (st: State) =>
    !inLoop && (st.status === 'null' || (st.status === 'gone' && !st.handedOverTo) || (!!site.facet && st.status === 'released'));
  for (let qi = 0; qi < queue.length; qi++) {
    if (++explored > budget) {
      exhausted = true;
      break;
    }
    const { visit, from } = queue[qi]!;
    const block = cfg.blocks[visit.block]!;
    const state = runEvents(site, visit, block.events, from, found);
    if (!state) continue;
    if (block.exit) {
      checkExit(site, visit, state, block, found);
      continue;
    }
    for (const edge of block.succs) {
      let next: State | undefined = applyEdgeFacts(site, state, edge);
      if (!next) continue;
      if (edge.events?.length) {
        next = runEvents(site, { ...visit, state: next }, edge.events, 0, found);
        if (!next) continue;
      }
      if (edge.allocationFailure && !next.allocationFailed && LIVE.has(next.status)) next = { ...next, allocationFailed: edge.allocationFailure };
      if (settled(next)) continue;
      const key = keyOf(edge.to, next);
      const before = seen.get(key);
      if (before === false || (before === true && next.allocationFailed)) continue;
      seen.set(key, !!next.allocationFailed);
      queue.push({ visit: { block: edge.to, state: next, parent: visit, via: edge }, from: 0 });
    }
    if (found.leak && ((found.double && found.uaf) || site.facet)) break;
  }
  return { facts: toFacts(site, found), exhausted, explored };
}

/** Whether `block` can be reached again from its own successors (the acquisition sits in a loop). */
function reachesItself(cfg: FunctionCfg, block: number): boolean {
  const seen = new Set<number>();
  const stack = cfg.blocks[block]!.succs.map((e) => e.to);
  while (stack.length) {
    const b = stack.pop()!;
    if (b === block) return true;
    if (seen.has(b)) continue;
    seen.add(b);
    for (const e of cfg.blocks[b]!.succs) stack.push(e.to);
  }
  return false;
}

function runEvents(site: Site, visit: Visit, events: readonly Event[], from: number, found: Found): State | undefined {
  let state = visit.state;
  for (let i = from; i < events.length; i++) {
    const ev = events[i]!;
    const out = applyEvent(site, state, ev);
    if (!halted(out)) {
      state = out;
      continue;
    }
    switch (out.kind) {
      case 'stop':
        return undefined;
      case 'leak':
        noteLeak(found, { visit: { ...visit, state }, how: out.how, at: out.at });
        return undefined;
      case 'double':
        found.double ??= { visit: { ...visit, state }, out };
        return undefined;
      case 'uaf':
        found.uaf ??= { visit: { ...visit, state }, out };
        // The path ends here; other paths may still leak or double free.
        return undefined;
    }
  }
  return state;
}

/** Keeps the first leak, preferring one whose path needs no allocation to fail. */
function noteLeak(found: Found, leak: NonNullable<Found['leak']>): void {
  if (leak.visit.state.allocationFailed) found.allocationLeak ??= leak;
  else found.leak ??= leak;
}

function checkExit(site: Site, visit: Visit, state: State, block: Block, found: Found): void {
  const exit = block.exit!;
  if (state.status === 'none' || state.status === 'dead') return;
  if (site.facet) {
    if (exit.kind === 'process-exit') return;
    if (site.kind === 'secret' && LIVE.has(state.status)) {
      // A free deferred while the secret was unwiped runs now; a stack secret goes out of scope still holding it.
      if (state.deferred) noteLeak(found, { visit, how: 'freed-unwiped', at: state.deferredAt! });
      else if (site.secretStorage === 'stack') noteLeak(found, { visit, how: 'out-of-scope', at: exit.at });
    }
    // An initialised context needs nothing at exit.
    return;
  }
  if (state.deferred && state.status === 'released') {
    found.double ??= {
      visit,
      out: { kind: 'double', first: state.releasedAt!, second: state.deferredAt!, firstApi: state.releasedApi!, secondApi: 'deferred release', handover: false },
    };
    return;
  }
  if (exit.kind === 'process-exit') return;
  if (LIVE.has(state.status) && !state.deferred && state.aliases.length > 0) {
    noteLeak(found, { visit, how: exit.kind === 'return' ? 'return' : exit.kind === 'unwind' ? 'unwind' : 'end-of-function', at: exit.at });
  }
  void site;
}

function findAcquire(cfg: FunctionCfg, site: Site): { block: number; index: number } | undefined {
  for (const b of cfg.blocks) {
    const index = b.events.findIndex((e) => e.k === 'acquire' && e.site.id === site.id);
    if (index >= 0) return { block: b.id, index };
  }
  return undefined;
}

function pathOf(visit: Visit): { steps: PathStep[]; lastGoto?: { label: string; at: Node } } {
  const edges: Edge[] = [];
  for (let v: Visit | undefined = visit; v; v = v.parent) if (v.via) edges.push(v.via);
  edges.reverse();
  const steps: PathStep[] = [];
  let lastGoto: { label: string; at: Node } | undefined;
  for (const e of edges) {
    if (!e.step) continue;
    steps.push({ range: rangeOf(e.step.at), message: e.step.message });
    if (e.step.goto) lastGoto = { label: e.step.goto, at: e.step.at };
  }
  return { steps: steps.slice(-12), ...(lastGoto ? { lastGoto } : {}) };
}

const HOW_TEXT: Record<LeakFact['how'], string> = {
  'out-of-scope': 'goes out of scope here still holding secret material',
  'freed-unwiped': 'freed here without being wiped',
  reinit: 'initialised again here without X509_STORE_CTX_cleanup',
  return: 'returns here without releasing it',
  'end-of-function': 'is lost here without a release',
  overwrite: 'is overwritten here while still owned',
  'container-released': 'is lost when its containing object is released here',
  unwind: 'unwinds here without releasing it',
};

function toFacts(site: Site, found: Found): ResourceFacts {
  const facts: ResourceFacts = { site };
  const leakFound = found.leak ?? found.allocationLeak;
  if (leakFound) {
    const { steps, lastGoto } = pathOf(leakFound.visit);
    const leak: LeakFact = {
      how: leakFound.how,
      exit: rangeOf(leakFound.at),
      steps: [...steps, { range: rangeOf(leakFound.at), message: HOW_TEXT[leakFound.how] }],
    };
    const failed = leakFound.visit.state.allocationFailed;
    if (failed) leak.allocationFailureOnly = failed;
    if (lastGoto) leak.viaGoto = { label: lastGoto.label, range: rangeOf(lastGoto.at) };
    facts.leak = leak;
  }
  if (found.double) {
    const { steps } = pathOf(found.double.visit);
    const o = found.double.out;
    const fact: DoubleReleaseFact = {
      first: rangeOf(o.first),
      second: rangeOf(o.second),
      firstWasHandover: o.handover,
      firstApi: o.firstApi,
      secondApi: o.secondApi,
      steps: [
        { range: rangeOf(o.first), message: o.handover ? `ownership handed over by ${o.firstApi}` : `first release (${o.firstApi})` },
        ...steps,
        { range: rangeOf(o.second), message: `released again (${o.secondApi})` },
      ],
    };
    facts.doubleRelease = fact;
  }
  if (found.uaf) {
    const { steps } = pathOf(found.uaf.visit);
    const o = found.uaf.out;
    const fact: UseAfterReleaseFact = {
      release: rangeOf(o.release),
      use: rangeOf(o.use),
      usedName: o.name,
      borrowed: o.borrowed,
      steps: [{ range: rangeOf(o.release), message: 'released here' }, ...steps, { range: rangeOf(o.use), message: `\`${o.name}\` used after the release` }],
    };
    facts.useAfterRelease = fact;
  }
  return facts;
}
