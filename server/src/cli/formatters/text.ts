// The default report, after ESLint's "stylish": a header per file, one aligned line per finding, a summary.
import type { Severity } from '../../engine/types';
import { type Counts, type Formatter, activeFindings, displayPath, oneBased, totalCounts } from './report';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  cyan: '\u001b[36m',
} as const;

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue, hint: ANSI.cyan };

export const formatText: Formatter = (report, { color }) => {
  const paint = (codes: string, s: string) => (color ? `${codes}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  for (const file of report.files) {
    const findings = activeFindings(file);
    if (!findings.length) continue;
    const rows = findings.map((f) => {
      const pos = oneBased(f.range);
      return { where: `${pos.line}:${pos.column}`, severity: f.severity, message: f.message, ruleId: f.ruleId };
    });
    const w = {
      where: Math.max(...rows.map((r) => r.where.length)),
      severity: Math.max(...rows.map((r) => r.severity.length)),
      message: Math.max(...rows.map((r) => r.message.length)),
    };
    out.push(paint(ANSI.underline, displayPath(report.cwd, file.path)));
    for (const r of rows) {
      out.push(
        `  ${paint(ANSI.dim, r.where.padEnd(w.where))}  ${paint(SEVERITY_COLOR[r.severity], r.severity.padEnd(w.severity))}  ` +
          `${r.message.padEnd(w.message)}  ${paint(ANSI.dim, r.ruleId)}`.trimEnd(),
      );
    }
    out.push('');
  }
  const counts = totalCounts(report.files);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${describeCounts(counts)})`;
  out.push(paint(`${ANSI.bold}${counts.error ? ANSI.red : ANSI.yellow}`, summary));
  return `${out.join('\n')}\n`;
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeCounts(c: Counts): string {
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info) parts.push(`${c.info} info`);
  if (c.hint) parts.push(plural(c.hint, 'hint'));
  return parts.join(', ');
}
