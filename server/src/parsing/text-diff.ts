// The region where two versions of a document differ, found by comparing from both ends: an editor sends the
// analysis whole texts, and what lies outside this region can reuse the previous version's work.

export interface ChangedRegion {
  /** [start, oldEnd) in the old text became [start, newEnd) in the new one. */
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function changedRegion(before: string, after: string): ChangedRegion {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/**
 * Where the old range [start, end) lies in the new text, when the edit left it and a character of margin on
 * each side untouched (so no token at its edge changed); undefined otherwise.
 */
export function movedRange(edit: ChangedRegion, start: number, end: number): number | undefined {
  if (end < edit.start) return start;
  if (start > edit.oldEnd) return start + edit.newEnd - edit.oldEnd;
  return undefined;
}
