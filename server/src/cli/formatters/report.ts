// What every formatter receives: the findings per file plus what the run could not lint.
import * as path from 'node:path';
import type { RuleMeta } from '../../engine/rule';
import type { Finding, Range, Severity, SeveritySetting } from '../../engine/types';

export interface FileReport {
  /** Absolute path. */
  path: string;
  findings: Finding[];
  /** Non-fatal notes from the analysis (e.g. syntax errors: the analysis was partial). */
  notes: string[];
  /** fingerprints[i] identifies findings[i] across line shifts (SARIF partialFingerprints). */
  fingerprints?: string[];
  /** With --baseline: baseline[i] says whether findings[i] was already in it. */
  baseline?: BaselineState[];
  /** With --confirm: the AddressSanitizer harness's verdict on findings[i] (RULES.md "Confirmation verdicts"). */
  confirmations?: Array<{ verdict: string; detail: string } | undefined>;
}

export type BaselineState = 'new' | 'unchanged';

/** The findings a run reports and counts: with a baseline, only the new ones (SARIF lists all, marked). */
export function activeFindings(file: FileReport): Finding[] {
  const states = file.baseline;
  return states ? file.findings.filter((_, i) => states[i] !== 'unchanged') : file.findings;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Report {
  cwd: string;
  files: FileReport[];
  skipped: SkippedFile[];
  /** Every registered rule, in registry order. */
  rules: readonly RuleMeta[];
  /** The --rule overrides in effect. */
  ruleOverrides: Record<string, SeveritySetting>;
  version: string;
}

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

/** Finding ranges are 0-based line / UTF-16 character (LSP); every output format counts from 1. */
export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function oneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity satisfies Severity]++;
  return counts;
}

export function totalCounts(files: readonly FileReport[]): Counts {
  const total: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of files) {
    const c = countFindings(activeFindings(file));
    total.error += c.error;
    total.warning += c.warning;
    total.info += c.info;
    total.hint += c.hint;
  }
  return total;
}

/** The path relative to `cwd` when the file lies inside it, otherwise absolute. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return rel && !outside ? rel : file;
}

/** Like displayPath, with forward slashes (GitHub annotations, SARIF URIs). */
export function posixDisplayPath(cwd: string, file: string): string {
  return displayPath(cwd, file).split(path.sep).join('/');
}
