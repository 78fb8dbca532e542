// Entry point of the AddressSanitizer harness: one finding in, one verdict out. Only ever called on an
// explicit request (code action, command, CLI --confirm), never while linting.
import * as fs from 'node:fs';
import { confirmC } from './c';
import { confirmGo } from './go';
import { MissingToolError, type HarnessRequest, type HarnessResult } from './types';

export { MissingToolError } from './types';
export type { HarnessRequest, HarnessResult, Verdict, UserFrame } from './types';

export const DEFAULT_TIMEOUT_SECONDS = 30;

export async function confirmFinding(req: HarnessRequest): Promise<HarnessResult> {
  const started = Date.now();
  const deadline = started + req.timeoutMs;
  let result: HarnessResult;
  try {
    result = req.language === 'go' ? await confirmGo(req, deadline) : await confirmC(req, deadline);
  } catch (err) {
    if (err instanceof MissingToolError) return { verdict: 'build-failed', detail: err.message, frames: [], durationMs: Date.now() - started };
    throw err;
  }
  if (!req.keepDir && result.dir) {
    await fs.promises.rm(result.dir, { recursive: true, force: true });
    delete result.dir;
    delete result.driverPath;
  }
  return result;
}
