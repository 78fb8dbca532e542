// A lint worker (bundled to dist/cli-worker.js): receives the setup once, then one file at a time, and answers
// each with its result. The pool (pool.ts) hands out the next file when an answer arrives.
import { parentPort, workerData } from 'node:worker_threads';
import { initParsing } from '../parsing/parser';
import { type LintSetup, type LintTask, knowledgeFor, lintTask } from './lint-file';
import type { WorkerAnswer, WorkerRequest } from './pool';

const port = parentPort;
if (!port) throw new Error('cli-worker.js must be started as a worker thread');
const setup = workerData as LintSetup;
const knowledge = knowledgeFor(setup);
const ready = initParsing();

port.on('message', (msg: WorkerRequest) => {
  void ready.then(
    () => port.postMessage(answer(msg.id, msg.task)),
    (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: describe(err) } satisfies WorkerAnswer),
  );
});

function answer(id: number, task: LintTask): WorkerAnswer {
  try {
    return { id, ok: true, result: lintTask(task, setup, knowledge) };
  } catch (err) {
    return { id, ok: false, error: describe(err) };
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
