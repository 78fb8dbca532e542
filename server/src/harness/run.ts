// Runs a built harness once per fault plan until a sanitizer report confirms the finding.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exec } from './exec';
import { describePlan, planEnv, type FaultPlan } from './faults';
import { findConfirmingReport, parseSanitizerOutput, summarise, type Frame, type SanitizerReport } from './report';
import type { HarnessRequest, HarnessResult, UserFrame } from './types';

export interface Built {
  dir: string;
  command: string;
  args: string[];
  /** Path in the harness (as the sanitizer prints it) → the user's path. */
  userFiles: Map<string, string>;
  /** Does an allocation stack pass through the finding's acquisition? */
  isAcquisition: (frames: Frame[]) => boolean;
  /** Extra environment for every run. */
  env?: Record<string, string>;
}

/** Longest one run may take, so a hanging plan leaves time for the others. */
const RUN_LIMIT_MS = 8_000;

export const SANITIZER_ENV = {
  ASAN_OPTIONS: 'detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:symbolize=1:print_summary=1',
  LSAN_OPTIONS: 'use_stacks=0:use_registers=0:max_leaks=64',
};

export async function makeTempDir(): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), 'osslint-harness-'));
}

const ROLE_TEXT: Record<string, string> = { leak: 'allocated here (leaked)', error: 'faulting access or release', freed: 'freed here', allocated: 'allocated here' };

export function userFrames(report: SanitizerReport, userFiles: Map<string, string>): UserFrame[] {
  const out: UserFrame[] = [];
  const seen = new Set<string>();
  for (const stack of report.stacks) {
    for (const f of stack.frames) {
      const file = f.file !== undefined ? userFiles.get(f.file) : undefined;
      if (!file || f.line === undefined) continue;
      const key = `${file}:${f.line}:${stack.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file, line: f.line, role: ROLE_TEXT[stack.role] ?? stack.role });
    }
  }
  return out;
}

type Outcome = Omit<HarnessResult, 'durationMs' | 'dir' | 'driverPath'>;

/** Runs at most this many plans at once (each is one single-threaded process). */
const PARALLEL_RUNS = Math.max(1, Math.min(2, os.cpus().length));

export async function runPlans(built: Built, plans: readonly FaultPlan[], req: HarnessRequest, deadline: number): Promise<Outcome> {
  const reportsByPlan: Array<SanitizerReport[] | undefined> = new Array(plans.length);
  let confirmedAt = -1;
  let ran = 0;
  let timedOutRuns = 0;
  let cancelled = false;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= plans.length || stop.signal.aborted || Date.now() >= deadline) return;
      const plan = plans[i]!;
      req.onProgress?.(`running: ${describePlan(plan)}`);
      const run = await exec(built.command, built.args, {
        cwd: built.dir,
        env: { ...process.env, ...SANITIZER_ENV, ...built.env, ...planEnv(plan) },
        deadline: Math.min(deadline, Date.now() + RUN_LIMIT_MS),
        signal: stop.signal,
      });
      if (run.cancelled) {
        if (req.signal?.aborted) cancelled = true;
        return;
      }
      ran++;
      if (run.timedOut) timedOutRuns++;
      const reports = parseSanitizerOutput(run.stderr);
      reportsByPlan[i] = reports;
      if (findConfirmingReport(reports, req.finding.ruleId, built.isAcquisition) && (confirmedAt < 0 || i < confirmedAt)) {
        confirmedAt = i;
        stop.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
  req.signal?.removeEventListener('abort', onAbort);
  if (confirmedAt >= 0) {
    const hit = findConfirmingReport(reportsByPlan[confirmedAt]!, req.finding.ruleId, built.isAcquisition)!;
    return { verdict: 'confirmed', detail: summarise(hit), frames: userFrames(hit, built.userFiles), plan: describePlan(plans[confirmedAt]!) };
  }
  if (cancelled) return { verdict: 'timed-out', detail: 'cancelled', frames: [] };
  if (ran === 0 || ran < plans.length || timedOutRuns === ran) {
    return { verdict: 'timed-out', detail: `time limit reached after ${ran} of ${plans.length} fault plans`, frames: [] };
  }
  const firstReport = reportsByPlan.find((r) => r && r.length)?.[0];
  const detail = firstReport
    ? `${ran} fault plans ran; no sanitizer report points at the acquisition. First report:\n${summarise(firstReport, 6)}`
    : `${ran} fault plans ran; the sanitizer reported nothing`;
  return { verdict: 'not-reproduced', detail, frames: firstReport ? userFrames(firstReport, built.userFiles) : [] };
}
