// A fixed pool of lint workers (worker.ts). Each worker holds at most one file: the next is handed out when it
// answers, so a slow file never queues others behind it and memory stays bounded by the pool size.
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

export class LintPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Array<{ id: number } & Pending> = [];
  private readonly running = new Map<Worker, { id: number } & Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  readonly workers: number;

  constructor(script: string, size: number, setup: LintSetup) {
    this.workers = size;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: setup });
      worker.on('message', (answer: WorkerAnswer) => this.answered(worker, answer));
      worker.on('error', (err) => this.fail(new Error(`lint worker failed: ${err.message}`, { cause: err })));
      worker.on('exit', (code) => {
        if (this.running.has(worker) || (code !== 0 && !this.closing)) this.fail(new Error(`lint worker exited with code ${code}`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  private closing = false;

  lint(task: LintTask): Promise<FileResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest);
    }
  }

  private answered(worker: Worker, answer: WorkerAnswer): void {
    const job = this.running.get(worker);
    if (!job || job.id !== answer.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    if (answer.ok) job.resolve(answer.result);
    else job.reject(new Error(answer.error.split('\n')[0] ?? 'lint failed', { cause: answer.error }));
    this.dispatch();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of [...this.running.values(), ...this.queue]) job.reject(this.failure);
    this.running.clear();
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
