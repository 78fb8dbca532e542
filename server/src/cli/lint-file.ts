// Linting one file's text: the same code runs in-process (--jobs 1) and in every worker (worker.ts).
import { knowledgeWithUserFile, builtinKnowledge, type Knowledge } from '../analysis/knowledge';
import { lint } from '../engine/lint';
import type { Finding, LanguageId, LintConfig } from '../engine/types';
import { fingerprintFindings } from './fingerprint';
import { collapseNotes } from './notes';
import { companionFiles } from '../package-files';

/** Everything a lint depends on besides the file; sent once to each worker. Plain data (structured clone). */
export interface LintSetup {
  lint: LintConfig;
  /** The parsed user knowledge file, when there is one. */
  userKnowledge?: { label: string; data: unknown };
}

export interface LintTask {
  path: string;
  /** Path relative to the working directory, with forward slashes (part of the fingerprint). */
  relPath: string;
  language: LanguageId;
  text: string;
}

export interface FileResult {
  findings: Finding[];
  notes: string[];
  /** fingerprints[i] identifies findings[i] (fingerprint.ts). */
  fingerprints: string[];
}

export function knowledgeFor(setup: LintSetup): Knowledge {
  return setup.userKnowledge ? knowledgeWithUserFile(setup.userKnowledge.label, setup.userKnowledge.data) : builtinKnowledge();
}

export function lintTask(task: LintTask, setup: LintSetup, knowledge: Knowledge): FileResult {
  const packageFiles = companionFiles(task.language, task.path, task.text);
  const result = lint({ path: task.path, text: task.text, language: task.language, packageFiles }, setup.lint, knowledge);
  return {
    findings: result.findings,
    notes: collapseNotes(result.notes),
    fingerprints: fingerprintFindings(task.relPath, task.text, result.findings),
  };
}
