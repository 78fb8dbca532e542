// lint(): the single entry both front ends (LSP and CLI) call, so the editor and CI agree.
import { analyzeSyntax, copyForAnalysis, SYNTAX_ERRORS_NOTE } from '../analysis/analyze';
import { packageUsesCgo } from '../analysis/go/cgo-helpers';
import type { DocumentAnalysisCache } from '../analysis/function-cache';
import type { Knowledge } from '../analysis/knowledge';
import { builtinKnowledge } from '../analysis/knowledge';
import { withMacroAliases } from '../analysis/macro-aliases';
import { parse } from '../parsing/parser';
import { parseRepaired } from '../parsing/preprocess';
import { rules } from '../../../rules/index';
import type { Rule, ReportDescriptor } from './rule';
import type { Finding, LintConfig, LintInput, LintResult, Severity } from './types';
import type { Tree } from 'web-tree-sitter';
import { applySuppressions, findSuppressions } from './suppressions';

const UNUSED_SUPPRESSION = 'unused-suppression';

export const defaultLintConfig: LintConfig = { rules: {} };

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Parses and lints one document. Requires `initParsing()` to have resolved. Never throws on bad syntax. */
export function lint(input: LintInput, config: LintConfig = defaultLintConfig, knowledge: Knowledge = builtinKnowledge()): LintResult {
  const tree = parse(input.language, input.text);
  try {
    return lintTree(tree, input, config, knowledge);
  } finally {
    tree.delete();
  }
}

/**
 * Lints an already parsed tree (the LSP document store keeps trees for incremental parsing). `cache` keeps
 * per-function results between versions of one document.
 */
export function lintTree(tree: Tree, input: LintInput, config: LintConfig, baseKnowledge: Knowledge, cache?: DocumentAnalysisCache): LintResult {
  const knowledge = input.language === 'c' ? withMacroAliases(baseKnowledge, input.text) : baseKnowledge;
  // A Go package without cgo holds no C resources: nothing to analyse (suppressions still get checked).
  if (input.language === 'go' && !input.text.includes('osslint-ignore') && !packageUsesCgo(input.text, input.packageFiles ?? [])) {
    return { findings: [], notes: tree.rootNode.hasError ? [SYNTAX_ERRORS_NOTE] : [] };
  }
  const repaired = input.language === 'c' && tree.rootNode.hasError ? parseRepaired(input.text, tree) : undefined;
  let syntax;
  let analysis;
  try {
    const [analysedTree, analysedText] = repaired ? [repaired.tree, repaired.text] : [tree, input.text];
    syntax = copyForAnalysis(analysedTree, input.language, analysedText, knowledge, cache);
    const project = input.project ? { path: input.path, ...input.project } : undefined;
    analysis = analyzeSyntax(syntax, input.language, analysedText, knowledge, input.packageFiles, cache, project, input.path);
  } finally {
    repaired?.tree.delete();
  }
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.meta.languages.includes(input.language)) continue;
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? rule.meta.severity;
    rule.create({
      language: input.language,
      text: input.text,
      resources: analysis.resources,
      report(d: ReportDescriptor) {
        const template = rule.meta.messages[d.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId ${d.messageId}`);
        if (d.allocationFailureOnly && config.reportAllocationFailureLeaks === false) return;
        const message = formatMessage(template, d.data);
        findings.push({
          ruleId: rule.meta.id,
          messageId: d.messageId,
          message: d.allocationFailureOnly ? `${message} (only when ${d.allocationFailureOnly} fails to allocate)` : message,
          severity,
          range: d.range,
          related: d.related ?? [],
          ...(d.fix ? { fix: d.fix } : {}),
          ...(d.suggestions?.length ? { suggestions: d.suggestions } : {}),
          ...(d.allocationFailureOnly ? { allocationFailureOnly: true as const } : {}),
        });
      },
    });
  }
  const { kept, unused } = applySuppressions(findings, findSuppressions(syntax, input.text), config.requireReason ?? true);
  const unusedSetting = config.rules[UNUSED_SUPPRESSION];
  const unusedRule = ruleById(UNUSED_SUPPRESSION);
  if (unusedRule && unusedSetting !== 'off') {
    for (const u of unused) {
      const messageId = u.missingReason ? 'missingReason' : 'unused';
      kept.push({
        ruleId: UNUSED_SUPPRESSION,
        messageId,
        message: formatMessage(unusedRule.meta.messages[messageId]!, { rule: u.ruleId }),
        severity: unusedSetting ?? unusedRule.meta.severity,
        range: u.suppression.range,
        related: [],
      });
    }
  }
  kept.sort(compareFindings);
  return { findings: kept, notes: analysis.notes, ...(analysis.pendingProjectNames ? { pendingProjectNames: analysis.pendingProjectNames } : {}) };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
