// Fixture annotations (`// ruleid: id`, `// ok: id`, `// todoruleid: id`, `// todook: id`, also in /* */)
// apply to the next line that is not itself an annotation (nor an osslint-ignore line, see below).
import type { Finding } from '../../server/src/engine/types';

export type Mark = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

export interface Annotation {
  /** Zero-based target line. */
  line: number;
  mark: Mark;
  ruleId: string;
}

const ANNOTATION = /(?:\/\/|\/\*)\s*(ruleid|ok|todoruleid|todook):\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;

export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const out: Annotation[] = [];
  let pending: Array<{ mark: Mark; ruleId: string }> = [];
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (m && line.trim().startsWith(m[0].slice(0, 2))) {
      for (const id of m[2]!.split(',')) pending.push({ mark: m[1] as Mark, ruleId: id.trim() });
      return;
    }
    if (/^\s*(\/\/|\/\*)\s*osslint-ignore\b/.test(line)) {
      // A suppression line between an annotation and its target: unused-suppression marks attach to the
      // comment itself, the others pass through to the code line below it.
      for (const p of pending.filter((p) => p.ruleId === 'unused-suppression')) out.push({ line: i, ...p });
      pending = pending.filter((p) => p.ruleId !== 'unused-suppression');
      return;
    }
    for (const p of pending) out.push({ line: i, ...p });
    pending = [];
  });
  return out;
}

export interface FixtureScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Human-readable failures (missing or noisy findings). */
  problems: string[];
}

export function scoreFixture(annotations: Annotation[], findings: Finding[]): FixtureScore {
  const score: FixtureScore = { truePositives: 0, falsePositives: 0, falseNegatives: 0, problems: [] };
  const reported = new Set(findings.map((f) => `${f.range.start.line}:${f.ruleId}`));
  const annotated = new Map(annotations.map((a) => [`${a.line}:${a.ruleId}`, a.mark] as const));
  for (const a of annotations) {
    const hit = reported.has(`${a.line}:${a.ruleId}`);
    if (a.mark === 'ruleid') {
      if (hit) score.truePositives++;
      else {
        score.falseNegatives++;
        score.problems.push(`line ${a.line + 1}: expected ${a.ruleId}, not reported`);
      }
    } else if (a.mark === 'ok' && hit) {
      score.falsePositives++;
      score.problems.push(`line ${a.line + 1}: ${a.ruleId} reported on a line marked ok`);
    }
  }
  for (const f of findings) {
    const mark = annotated.get(`${f.range.start.line}:${f.ruleId}`);
    if (mark === undefined) {
      score.falsePositives++;
      score.problems.push(`line ${f.range.start.line + 1}: unexpected ${f.ruleId}: ${f.message}`);
    }
  }
  return score;
}
