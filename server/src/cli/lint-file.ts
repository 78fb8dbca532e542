// Linting one file's text: the same code runs in-process (--jobs 1) and in every worker (worker.ts).
import { knowledgeWithUserFile, builtinKnowledge, type Knowledge } from '../analysis/knowledge';
import { lint } from '../engine/lint';
import type { Finding, LanguageId, LintConfig } from '../engine/types';
import { fingerprintFindings } from './fingerprint';
import { collapseNotes } from './notes';
import { companionFiles, cProjectSource } from '../package-files';
import { CProjectIndex } from '../analysis/c/project-index';

/** Everything a lint depends on besides the file; sent once to each worker. Plain data (structured clone). */
export interface LintSetup {
  lint: LintConfig;
  /** The parsed user knowledge file, when there is one. */
  userKnowledge?: { label: string; data: unknown };
  /** The C project the linted files belong to (its functions are summarised across files). */
  projectRoot?: string;
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

/** One index per process and project: each worker builds what its files ask for, once. */
let projectIndex: { root: string; knowledge: Knowledge; index: CProjectIndex } | undefined;

function projectIndexFor(setup: LintSetup, knowledge: Knowledge): CProjectIndex | undefined {
  if (!setup.projectRoot) return undefined;
  if (projectIndex?.root !== setup.projectRoot || projectIndex.knowledge !== knowledge) {
    projectIndex = { root: setup.projectRoot, knowledge, index: new CProjectIndex(cProjectSource(setup.projectRoot), knowledge) };
  }
  return projectIndex.index;
}

export function lintTask(task: LintTask, setup: LintSetup, knowledge: Knowledge): FileResult {
  const packageFiles = companionFiles(task.language, task.path, task.text);
  const index = task.language === 'c' ? projectIndexFor(setup, knowledge) : undefined;
  const input = { path: task.path, text: task.text, language: task.language, packageFiles, ...(index ? { project: { index, load: true } } : {}) };
  const result = lint(input, setup.lint, knowledge);
  return {
    findings: result.findings,
    notes: collapseNotes(result.notes),
    fingerprints: fingerprintFindings(task.relPath, task.text, result.findings),
  };
}
