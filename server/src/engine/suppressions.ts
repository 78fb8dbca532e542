// `// osslint-ignore <rule>[, <rule>…]: <reason>` (or /* … */) on a finding's line or the line before it.
// A suppression that silences nothing is reported as `unused-suppression` (RULES.md "Suppression").
import type { SyntaxNode as Node } from '../parsing/syntax-node';
import { forEachDescendant, rangeOf } from '../analysis/syntax';
import type { Finding, Range } from './types';

export interface Suppression {
  ruleIds: string[];
  reason: string;
  range: Range;
  /** The comment stands alone on its line (then it covers the next line too). */
  ownLine: boolean;
}

const DIRECTIVE = /^(?:\/\/|\/\*)\s*osslint-ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?::\s*(.*?))?\s*(?:\*\/)?\s*$/s;

export function findSuppressions(root: Node, text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('osslint-ignore')) return out;
  forEachDescendant(root, (n) => {
    if (n.type !== 'comment') return true;
    const m = DIRECTIVE.exec(n.text);
    if (!m) return false;
    const lineStart = text.lastIndexOf('\n', n.startIndex - 1) + 1;
    out.push({
      ruleIds: m[1]!.split(',').map((s) => s.trim()),
      reason: (m[2] ?? '').trim(),
      range: rangeOf(n),
      ownLine: text.slice(lineStart, n.startIndex).trim() === '',
    });
    return false;
  });
  return out;
}

export interface SuppressionOutcome {
  kept: Finding[];
  unused: Array<{ suppression: Suppression; ruleId: string; missingReason: boolean }>;
}

export function applySuppressions(findings: Finding[], suppressions: Suppression[], requireReason: boolean): SuppressionOutcome {
  const used = new Set<string>();
  const valid = (s: Suppression) => !requireReason || s.reason.length > 0;
  const kept = findings.filter((f) => {
    const line = f.range.start.line;
    const match = suppressions.find(
      (s) =>
        valid(s) &&
        s.ruleIds.includes(f.ruleId) &&
        (s.range.start.line === line || (s.ownLine && s.range.end.line === line - 1)),
    );
    if (!match) return true;
    used.add(`${match.range.start.line}:${match.range.start.character}:${f.ruleId}`);
    return false;
  });
  const unused: SuppressionOutcome['unused'] = [];
  for (const s of suppressions) {
    for (const ruleId of s.ruleIds) {
      if (!used.has(`${s.range.start.line}:${s.range.start.character}:${ruleId}`)) {
        unused.push({ suppression: s, ruleId, missingReason: !valid(s) });
      }
    }
  }
  return { kept, unused };
}
