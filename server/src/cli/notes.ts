// Analysis notes as the CLI prints them. The dataflow notes each acquisition whose path budget ran out
// ("f: path budget exhausted for SSL_new at line 9"); a huge function can have hundreds, so they are folded
// into one line per function.
const BUDGET = /^(.+?): path budget exhausted for (.+) at line (\d+)$/;

export function collapseNotes(notes: readonly string[]): string[] {
  const out: string[] = [];
  const budget = new Map<string, { index: number; first: number; count: number }>();
  for (const note of notes) {
    const m = BUDGET.exec(note);
    if (!m) {
      if (!out.includes(note)) out.push(note);
      continue;
    }
    const fn = m[1]!;
    const seen = budget.get(fn);
    if (seen) seen.count++;
    else budget.set(fn, { index: out.push('') - 1, first: Number(m[3]), count: 1 });
  }
  for (const [fn, b] of budget) {
    out[b.index] =
      `${fn}: skipped, the function exceeds the analysis budget ` +
      `(${b.count} acquisition${b.count === 1 ? '' : 's'} from line ${b.first} not fully analysed)`;
  }
  return out;
}
