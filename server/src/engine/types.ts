import type { ProjectSummaries } from '../analysis/c/project-index';
// Engine-level types shared by rules, the LSP front end and the CLI. No LSP imports here.

export type LanguageId = 'c' | 'go';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 character offset, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One step of the path that explains a finding (branch taken, exit, second release, late use). */
export interface PathStep {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  /** Primary location: the acquisition call (see RULES.md "Where a finding is placed"). */
  range: Range;
  related: PathStep[];
  /** Safe fix: cannot change behaviour on any path. */
  fix?: Fix;
  suggestions?: Fix[];
  /** A leak that happens only when an allocation fails (RULES.md "The reported path"). */
  allocationFailureOnly?: true;
}

export interface LintConfig {
  /** Per-rule severity override; 'off' disables the rule. */
  rules: Record<string, SeveritySetting>;
  /** `// osslint-ignore <rule>: <reason>` needs its reason (default true). */
  requireReason?: boolean;
  /** Report leaks that happen only when an allocation fails (default true). */
  reportAllocationFailureLeaks?: boolean;
}

export interface LintInput {
  /** Absolute or relative path; only used for language detection and messages. */
  path: string;
  text: string;
  language: LanguageId;
  /** Go: the other files of the same package; their functions are summarised too (helpers that free). */
  packageFiles?: ReadonlyArray<{ path: string; text: string }>;
  /**
   * C: the project index (summaries of functions other files define). `load: false` uses only what it has
   * read already; the names it still lacks come back in `LintResult.pendingProjectNames`.
   */
  project?: { index: ProjectSummaries; load: boolean };
}

export interface LintResult {
  findings: Finding[];
  /** Non-fatal problems (e.g. the file has syntax errors; analysis was partial). */
  notes: string[];
  /** Project functions the file calls whose files the index has not read yet (`project.load: false`). */
  pendingProjectNames?: string[];
}
