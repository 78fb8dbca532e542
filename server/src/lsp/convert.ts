// Finding ↔ LSP Diagnostic. The diagnostic's `data` carries the rule id and the fixes, so a code action
// request can be answered from the diagnostic alone, without remembering what was computed for it.
import { DiagnosticSeverity, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine/types';

export const DIAGNOSTIC_SOURCE = 'osslint';
const DOCS_BASE = 'https://github.com/osslint/osslint/blob/main/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}

/** What travels in Diagnostic.data. */
export interface DiagnosticData {
  ruleId: string;
  messageId: string;
  fix?: Fix;
  suggestions?: Fix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

export function fromLspSeverity(severity: DiagnosticSeverity | undefined): Severity {
  switch (severity) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Information:
      return 'info';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'warning';
  }
}

export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, messageId: finding.messageId };
  if (finding.fix) data.fix = finding.fix;
  if (finding.suggestions?.length) data.suggestions = finding.suggestions;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.related.length) {
    diagnostic.relatedInformation = finding.related.map((step) => ({ location: { uri, range: step.range }, message: step.message }));
  }
  return diagnostic;
}

/** Reads back what toDiagnostic stored; undefined for a diagnostic that is not ours or was mangled. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.ruleId !== 'string') return undefined;
  const out: DiagnosticData = { ruleId: data.ruleId, messageId: typeof data.messageId === 'string' ? data.messageId : '' };
  if (isFix(data.fix)) out.fix = data.fix;
  const suggestions = Array.isArray(data.suggestions) ? data.suggestions.filter(isFix) : [];
  if (suggestions.length) out.suggestions = suggestions;
  return out;
}

/** The inverse of toDiagnostic, for front ends that hold diagnostics and need findings back. */
export function toFinding(diagnostic: Diagnostic): Finding | undefined {
  const data = diagnosticData(diagnostic);
  if (!data) return undefined;
  return {
    ruleId: data.ruleId,
    messageId: data.messageId,
    message: diagnostic.message,
    severity: fromLspSeverity(diagnostic.severity),
    range: diagnostic.range,
    related: (diagnostic.relatedInformation ?? []).map((r) => ({ range: r.location.range, message: r.message })),
    ...(data.fix ? { fix: data.fix } : {}),
    ...(data.suggestions ? { suggestions: data.suggestions } : {}),
  };
}

function isFix(value: unknown): value is Fix {
  const fix = value as Fix | undefined;
  return !!fix && typeof fix.title === 'string' && Array.isArray(fix.edits) && fix.edits.every((e) => !!e && typeof e.newText === 'string' && !!e.range);
}

export function toWorkspaceEdit(uri: string, edits: readonly LspTextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}
