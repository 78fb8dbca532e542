// Fingerprints that identify a finding across edits that only move it (lines inserted above, code reformatted
// around it): rule id + file + the acquisition line's normalised text + the enclosing function + an occurrence
// index among findings that share all of those. No line numbers, so a baseline survives line shifts.
// Exposed as SARIF partialFingerprints["osslint/v1"] (https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html#_Toc34317604).
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';

export const FINGERPRINT_KEY = 'osslint/v1';

/** Comments dropped and runs of white space collapsed: reindenting or annotating a line keeps its identity. */
export function normaliseLine(line: string): string {
  return line
    .replace(/\/\*.*?\*\//g, ' ')
    .replace(/\/\/.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// A function header at column 0: C `type *name(` (not a prototype ending in `;`), Go `func (r T) name(`.
const GO_FUNC = /^func\s*(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/;
const C_FUNC = /^[A-Za-z_][\w\s*]*?\b([A-Za-z_]\w*)\s*\(/;
const NOT_A_FUNCTION = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'typedef', 'struct', 'enum', 'union']);

function functionName(line: string): string | undefined {
  if (!line || /^\s/.test(line) || line.trimEnd().endsWith(';')) return undefined;
  const m = GO_FUNC.exec(line) ?? C_FUNC.exec(line);
  const name = m?.[1];
  return name && !NOT_A_FUNCTION.has(name) ? name : undefined;
}

/** One fingerprint per finding, in the same order. `file` is the path relative to the working directory. */
export function fingerprintFindings(file: string, text: string, findings: readonly Finding[]): string[] {
  if (!findings.length) return [];
  const lines = text.split(/\r\n|\n|\r/);
  // The enclosing function of each finding's line: the nearest header at or above it (one scan per file).
  const wanted = [...new Set(findings.map((f) => f.range.start.line))].sort((a, b) => a - b);
  const context = new Map<number, string>();
  let current = '';
  let next = 0;
  for (let i = 0; i < lines.length && next < wanted.length; i++) {
    current = functionName(lines[i]!) ?? current;
    while (next < wanted.length && wanted[next] === i) context.set(wanted[next++]!, current);
  }
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.ruleId, file.split('\\').join('/'), normaliseLine(lines[f.range.start.line] ?? ''), context.get(f.range.start.line) ?? ''].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
