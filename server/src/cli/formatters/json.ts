// Machine-readable report, shaped like ESLint's JSON formatter: one entry per linted file.
import { type Formatter, activeFindings, countFindings, oneBased } from './report';

export const formatJson: Formatter = (report) => {
  const files = report.files.map((file) => {
    const findings = activeFindings(file);
    const counts = countFindings(findings);
    return {
      filePath: file.path,
      messages: findings.map((f) => ({
        ruleId: f.ruleId,
        messageId: f.messageId,
        severity: f.severity,
        message: f.message,
        ...oneBased(f.range),
        related: f.related.map((step) => ({ message: step.message, ...oneBased(step.range) })),
        ...(f.allocationFailureOnly ? { allocationFailureOnly: true } : {}),
      })),
      errorCount: counts.error,
      warningCount: counts.warning,
      infoCount: counts.info,
      hintCount: counts.hint,
      notes: file.notes,
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
};
