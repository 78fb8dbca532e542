// Runs a build or a harness binary with a deadline, an output cap and cancellation.
import { spawn } from 'node:child_process';

export const OUTPUT_CAP = 256 * 1024;

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** spawn itself failed (ENOENT: the program is not installed). */
  error?: NodeJS.ErrnoException;
}

export interface ExecOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  deadline: number;
  signal?: AbortSignal;
}

export function exec(cmd: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) return resolve({ code: null, stdout: '', stderr: '', timedOut: true, cancelled: false });
    if (options.signal?.aborted) return resolve({ code: null, stdout: '', stderr: '', timedOut: false, cancelled: true });
    // detached: the child leads its own process group, so a timeout ends it and everything it started.
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let cancelled = false;
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, remaining);
    const onAbort = () => {
      cancelled = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < OUTPUT_CAP) stdout += d.toString('utf8').slice(0, OUTPUT_CAP - stdout.length);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < OUTPUT_CAP) stderr += d.toString('utf8').slice(0, OUTPUT_CAP - stderr.length);
    });
    const done = (code: number | null, error?: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code, stdout, stderr, timedOut, cancelled, ...(error ? { error } : {}) });
    };
    child.on('error', (err) => done(null, err));
    child.on('close', (code) => done(code));
  });
}
