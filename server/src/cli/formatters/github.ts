// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
// Escaping follows the runner's own (actions/toolkit, packages/core/src/command.ts).
import type { Severity } from '../../engine/types';
import { type Formatter, activeFindings, oneBased, posixDisplayPath } from './report';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Message text: %, CR and LF would end or corrupt the command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally must not contain the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (report) => {
  const lines: string[] = [];
  for (const file of report.files) {
    const filePath = posixDisplayPath(report.cwd, file.path);
    for (const f of activeFindings(file)) {
      const pos = oneBased(f.range);
      const props: Array<[string, string | number]> = [
        ['file', filePath],
        ['line', pos.line],
        ['col', pos.column],
        ['endLine', pos.endLine],
        ['endColumn', pos.endColumn],
        ['title', `osslint(${f.ruleId})`],
      ];
      // The path (branch, exit, second release, late use) follows the message, one step per line.
      const steps = f.related.map((s) => {
        const p = oneBased(s.range);
        return `  ${p.line}:${p.column}  ${s.message}`;
      });
      const message = [f.message, ...steps].join('\n');
      const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      lines.push(`::${COMMAND[f.severity]} ${properties}::${escapeData(message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
