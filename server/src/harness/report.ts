// Reads AddressSanitizer / LeakSanitizer reports from a harness run's stderr, and decides whether one of
// them is the finding: its allocation stack passes through the finding's acquisition.
// Report layout: https://github.com/google/sanitizers/wiki/AddressSanitizer (and ...LeakSanitizer).

export interface Frame {
  index: number;
  /** Function name as symbolised ('' when unknown). */
  func: string;
  file?: string;
  line?: number;
  column?: number;
  /** `(module+0xoffset)` frames without debug info. */
  module?: string;
}

export type ReportKind = 'leak' | 'double-free' | 'bad-free' | 'use-after-free' | 'other';

export interface Stack {
  /** 'leak' (allocation of a leaked object), 'error' (the faulting access or free), 'freed', 'allocated'. */
  role: 'leak' | 'error' | 'freed' | 'allocated';
  frames: Frame[];
}

export interface SanitizerReport {
  kind: ReportKind;
  /** The report's first line, e.g. "Direct leak of 1024 byte(s) in 1 object(s) allocated from:". */
  title: string;
  stacks: Stack[];
  /** The report's lines, as printed. */
  lines: string[];
}

const FRAME = /^\s*#(\d+) 0x[0-9a-fA-F]+(?: in (.+?))?(?: \((.+?)\)| (\S+?)(?::(\d+))?(?::(\d+))?)?\s*$/;
const ERROR_HEADER = /^==\d+==ERROR: AddressSanitizer: (.*)$/;
const LEAK_HEADER = /^==\d+==ERROR: LeakSanitizer: detected memory leaks/;
const LEAK_TITLE = /^(Direct|Indirect) leak of \d+ byte\(s\) in \d+ object\(s\) allocated from:/;

export function parseFrame(line: string): Frame | undefined {
  const m = FRAME.exec(line);
  if (!m) return undefined;
  const frame: Frame = { index: Number(m[1]), func: m[2] ?? '' };
  if (m[3] !== undefined) frame.module = m[3];
  if (m[4] !== undefined) {
    frame.file = m[4];
    if (m[5] !== undefined) frame.line = Number(m[5]);
    if (m[6] !== undefined) frame.column = Number(m[6]);
  }
  // "in func file:line" where the function name itself contains spaces is not produced by the symboliser;
  // "in func (module+0x..)" lands in m[3].
  return frame;
}

function errorKind(description: string): ReportKind {
  if (/^attempting double-free/.test(description)) return 'double-free';
  if (/^heap-use-after-free/.test(description)) return 'use-after-free';
  if (/^attempting free on address which was not malloc|^bad-free|^alloc-dealloc-mismatch/.test(description)) return 'bad-free';
  return 'other';
}

/** Every report in the output, in order. Leak reports yield one entry per "Direct/Indirect leak" block. */
export function parseSanitizerOutput(output: string): SanitizerReport[] {
  const reports: SanitizerReport[] = [];
  let current: SanitizerReport | undefined;
  let stack: Stack | undefined;
  let inLeaks = false;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (LEAK_HEADER.test(line)) {
      inLeaks = true;
      current = undefined;
      stack = undefined;
      continue;
    }
    const err = ERROR_HEADER.exec(line);
    if (err) {
      inLeaks = false;
      stack = { role: 'error', frames: [] };
      current = { kind: errorKind(err[1]!), title: line.replace(/^==\d+==ERROR: /, ''), stacks: [stack], lines: [line] };
      reports.push(current);
      continue;
    }
    if (inLeaks && LEAK_TITLE.test(line)) {
      stack = { role: 'leak', frames: [] };
      current = { kind: 'leak', title: line, stacks: [stack], lines: [line] };
      reports.push(current);
      continue;
    }
    if (!current) continue;
    if (/^SUMMARY: /.test(line)) {
      current.lines.push(line);
      current = undefined;
      stack = undefined;
      continue;
    }
    if (/^freed by thread \S+ here:/.test(line)) {
      stack = { role: 'freed', frames: [] };
      current.stacks.push(stack);
    } else if (/^previously allocated by thread \S+ here:/.test(line)) {
      stack = { role: 'allocated', frames: [] };
      current.stacks.push(stack);
    } else {
      const frame = parseFrame(line);
      if (frame && stack) stack.frames.push(frame);
    }
    current.lines.push(line);
  }
  return reports;
}

/** Which report kinds can confirm a finding of each rule. */
export function kindsFor(ruleId: string): ReportKind[] {
  switch (ruleId) {
    case 'double-free':
      return ['double-free', 'bad-free', 'use-after-free'];
    case 'use-after-free':
      return ['use-after-free', 'double-free'];
    default:
      return ['leak'];
  }
}

/** The stack that says where the object came from: the leak's own stack, else "previously allocated by". */
export function allocationStack(report: SanitizerReport): Frame[] {
  if (report.kind === 'leak') return report.stacks[0]?.frames ?? [];
  return report.stacks.find((s) => s.role === 'allocated')?.frames ?? [];
}

/** The first report of an accepted kind whose allocation stack passes through the acquisition. */
export function findConfirmingReport(reports: readonly SanitizerReport[], ruleId: string, isAcquisition: (frames: Frame[]) => boolean): SanitizerReport | undefined {
  const kinds = kindsFor(ruleId);
  return reports.find((r) => kinds.includes(r.kind) && isAcquisition(allocationStack(r)));
}

/** The first lines of a report, for a verdict's detail (without the frames' addresses). */
export function summarise(report: SanitizerReport, maxLines = 12): string {
  return report.lines
    .filter((l) => l.trim() !== '')
    .slice(0, maxLines)
    .map((l) => l.replace(/ 0x[0-9a-fA-F]+ in /, ' in ').replace(/^==\d+==/, ''))
    .join('\n');
}
