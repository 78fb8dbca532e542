// The CFG under construction: blocks of lifecycle events joined by edges, one current block at a time.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { Block, Edge, Event, ExitKind } from '../ir';

/** Mutable builder shared by the front ends. */
export class CfgBuilder {
  readonly blocks: Block[] = [];
  current: number;
  constructor() {
    this.current = this.newBlock();
  }

  newBlock(): number {
    const id = this.blocks.length;
    this.blocks.push({ id, events: [], succs: [] });
    return id;
  }

  emit(event: Event): void {
    this.blocks[this.current]!.events.push(event);
  }

  edge(from: number, edge: Edge): void {
    this.blocks[from]!.succs.push(edge);
  }

  /** Ends the current block with an edge to `to` and continues in `to`. */
  flowInto(to: number, step?: Edge['step']): void {
    this.edge(this.current, { to, ...(step ? { step } : {}) });
    this.current = to;
  }

  jump(to: number, step?: Edge['step']): void {
    this.edge(this.current, { to, ...(step ? { step } : {}) });
    this.current = this.newBlock(); // unreachable until something jumps here
  }

  /** Ends the current block with these edges (a condition's outcomes); what follows is unreachable until joined. */
  branch(...edges: Edge[]): void {
    for (const e of edges) this.edge(this.current, e);
    this.current = this.newBlock();
  }

  exit(kind: ExitKind, at: Node): void {
    const b = this.newBlock();
    this.blocks[b]!.exit = { kind, at };
    this.edge(this.current, { to: b });
    this.current = this.newBlock();
  }
}
