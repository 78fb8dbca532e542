// A fixed pool of lint workers (worker.ts). Each worker holds at most two files (the one it lints and the next),
// so it never waits for the main thread, a slow file delays at most one other, and memory stays bounded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult, LintSetup, LintTask } from './lint-file';

export interface WorkerRequest {
  id: number;
  task: LintTask;
}
export type WorkerAnswer = { id: number; ok: true; result: FileResult } | { id: number; ok: false; error: string };

interface Pending {
  task: LintTask;
  resolve(result: FileResult): void;
  reject(err: Error): void;
}

/** Next to dist/cli.js; absent when running from source (then the CLI lints in-process). */
export function workerScript(): string | undefined {
  const file = path.join(__dirname, 'cli-worker.js');
  return fs.existsSync(file) ? file : undefined;
}

/** Files a worker holds at once: the next one is already there when it finishes, even if the main thread is busy. */
const IN_FLIGHT_PER_WORKER = 4;

export class LintPool {
  private readonly all: Worker[] = [];
  private readonly queue: Array<{ id: number } & Pending> = [];
  /** Per worker, the jobs it was sent and has not answered, oldest first (it answers in order). */
  private readonly running = new Map<Worker, Array<{ id: number } & Pending>>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;
  readonly workers: number;
  /** Files the pool can hold at once: callers keep this many lint() calls pending to keep it busy. */
  readonly capacity: number;

  constructor(script: string, size: number, setup: LintSetup) {
    this.workers = size;
    this.capacity = size * IN_FLIGHT_PER_WORKER;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: setup });
      worker.on('message', (answer: WorkerAnswer) => this.answered(worker, answer));
      worker.on('error', (err) => this.fail(new Error(`lint worker failed: ${err.message}`, { cause: err })));
      worker.on('exit', (code) => {
        if (this.running.get(worker)?.length || (code !== 0 && !this.closing)) this.fail(new Error(`lint worker exited with code ${code}`));
      });
      this.all.push(worker);
      this.running.set(worker, []);
    }
  }

  lint(task: LintTask): Promise<FileResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Hands queued files to the least loaded workers, up to IN_FLIGHT_PER_WORKER each. */
  private dispatch(): void {
    while (this.queue.length) {
      let target: Worker | undefined;
      for (const worker of this.all) {
        const held = this.running.get(worker)!.length;
        if (held < IN_FLIGHT_PER_WORKER && (!target || held < this.running.get(target)!.length)) target = worker;
      }
      if (!target) return;
      const job = this.queue.shift()!;
      this.running.get(target)!.push(job);
      target.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest);
    }
  }

  private answered(worker: Worker, answer: WorkerAnswer): void {
    const jobs = this.running.get(worker)!;
    const index = jobs.findIndex((j) => j.id === answer.id);
    if (index < 0) return;
    const [job] = jobs.splice(index, 1);
    if (answer.ok) job!.resolve(answer.result);
    else job!.reject(new Error(answer.error.split('\n')[0] ?? 'lint failed', { cause: answer.error }));
    this.dispatch();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of [...[...this.running.values()].flat(), ...this.queue]) job.reject(this.failure);
    for (const jobs of this.running.values()) jobs.length = 0;
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
