// --baseline / --baseline-write: a file of finding fingerprints (fingerprint.ts). Findings whose fingerprint is
// in the baseline are "unchanged" (SARIF baselineState) and do not count toward the exit code; the rest are "new".
import * as fs from 'node:fs';
import { UsageError } from './errors';
import { writeFileAtomic } from './write-output';

const FORMAT = 'osslint-baseline/v1';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Relative path and 1-based line when written: for people reading the file, not used for matching. */
  file: string;
  line: number;
}

/** The fingerprints a baseline lists (equal findings in one function differ by their occurrence index). */
export type Baseline = ReadonlySet<string>;

export function readBaseline(file: string, shown: string): Baseline {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read baseline ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new UsageError(`baseline ${shown} is not valid JSON (write one with --baseline-write)`);
  }
  const d = data as { format?: unknown; findings?: unknown };
  if (typeof d !== 'object' || d === null || d.format !== FORMAT || !Array.isArray(d.findings)) {
    throw new UsageError(`baseline ${shown} is not an osslint baseline (expected "format": "${FORMAT}"; write one with --baseline-write)`);
  }
  const fingerprints = new Set<string>();
  d.findings.forEach((entry: unknown, i: number) => {
    const fp = (entry as Partial<BaselineEntry> | null)?.fingerprint;
    if (typeof fp !== 'string' || !/^[0-9a-f]{8,64}$/.test(fp)) {
      throw new UsageError(`baseline ${shown}: entry ${i} has no valid "fingerprint"`);
    }
    fingerprints.add(fp);
  });
  return fingerprints;
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  const sorted = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1)));
  writeFileAtomic(file, `${JSON.stringify({ format: FORMAT, tool: 'osslint', findings: sorted }, null, 2)}\n`);
}
