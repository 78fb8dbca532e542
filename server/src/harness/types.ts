// What the AddressSanitizer harness takes and gives back (DESIGN.md "Harness", RULES.md "Confirmation verdicts").
import type { LanguageId, PathStep, Range } from '../engine/types';

export const VERDICTS = ['confirmed', 'not-reproduced', 'build-failed', 'timed-out'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The part of a finding the harness needs; a Finding fits. */
export interface HarnessFinding {
  ruleId: string;
  range: Range;
  related: PathStep[];
}

export interface HarnessRequest {
  /** The document's path on disk (its directory supplies the Go package and compile_commands.json). */
  path: string;
  /** The document's current text (may differ from the file on disk while editing). */
  text: string;
  language: LanguageId;
  finding: HarnessFinding;
  /** Overall budget for building and running every fault plan. */
  timeoutMs: number;
  /** compile_commands.json is searched from the file's directory up to this directory. */
  workspaceRoot?: string;
  /** Extra include directories and defines (settings / CLI), used when no compile_commands.json entry. */
  includePaths?: string[];
  defines?: string[];
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Keep the temp dir (to open the driver); default: removed unless the verdict needs it. */
  keepDir?: boolean;
}

/** A stack frame in one of the user's files (for relatedInformation / SARIF). */
export interface UserFrame {
  file: string;
  /** 1-based, as in the sanitizer's report. */
  line: number;
  /** e.g. "leak allocated here", "freed here". */
  role: string;
}

export interface HarnessResult {
  verdict: Verdict;
  /** The sanitizer's first report lines, the compiler's first error, or why nothing was run. */
  detail: string;
  frames: UserFrame[];
  /** The generated driver (kept on disk when keepDir was asked for). */
  driverPath?: string;
  dir?: string;
  /** The fault plan that reproduced it, e.g. "SSL_CTX_use_PrivateKey_file fails (returns 0)". */
  plan?: string;
  durationMs: number;
}

/** Thrown when a tool the harness needs is missing: the message names what to install. */
export class MissingToolError extends Error {
  override name = 'MissingToolError';
}
