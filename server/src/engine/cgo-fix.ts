// Fixes for cgo-free, computed from the Go front end's hints (analysis/go/fix-hints.ts decides where a fix is safe):
// a safe `defer <release>` after the acquisition (and its nil check), or, for an inline argument such as
// `C.puts(C.CString(s))`, a suggestion that extracts a variable and defers its release.
import { isRenamed, type ResourceFacts } from '../analysis/facts';
import type { Fix, TextEdit } from './types';

function releaseCall(r: ResourceFacts, variable: string): string {
  const release = r.site.release[0] ?? 'free';
  if (release === 'free') return `C.free(unsafe.Pointer(${variable}))`;
  return `C.${r.site.fixHints?.releasePrefix ?? ''}${release}(${variable})`;
}

function importEdits(r: ResourceFacts): TextEdit[] {
  const hints = r.site.fixHints;
  const edits: TextEdit[] = [];
  if ((r.site.release[0] ?? 'free') !== 'free' || !hints) return edits;
  for (const h of [hints.needsUnsafeImport, hints.needsStdlibInclude]) {
    if (h) edits.push({ range: { start: h.insertAt, end: h.insertAt }, newText: h.text });
  }
  return edits;
}

/** A variable name for an extracted inline allocation that the file does not use yet. */
function freshName(r: ResourceFacts, text: string): string {
  const base = /CString$/.test(r.site.api) ? 'cs' : /CBytes$/.test(r.site.api) ? 'cb' : /alloc$/.test(r.site.api) ? 'buf' : 'obj';
  for (let i = 0; ; i++) {
    const name = i === 0 ? base : `${base}${i + 1}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

export function cgoFreeFixes(r: ResourceFacts, text: string): { fix?: Fix; suggestions?: Fix[] } {
  const hints = r.site.fixHints;
  if (!hints) return {};
  const indent = hints.indent ?? '\t';
  if (isRenamed(r.site.variable)) return {};
  if (hints.deferInsertAt && r.site.variable) {
    const call = releaseCall(r, r.site.variable);
    const edits: TextEdit[] = [
      { range: { start: hints.deferInsertAt, end: hints.deferInsertAt }, newText: `${indent}defer ${call}\n` },
      ...importEdits(r),
    ];
    const fix = { title: `Insert \`defer ${call}\``, edits };
    // Not provably safe when an unknown C function was given the object: offered, never applied by fix-all.
    return hints.deferUncertain ? { suggestions: [fix] } : { fix };
  }
  if (hints.inlineCall) {
    const name = freshName(r, text);
    const call = releaseCall(r, name);
    const at = hints.inlineCall.statementStart;
    const edits: TextEdit[] = hints.inlineCall.wholeStatement
      ? [{ range: hints.inlineCall.call, newText: `${name} := ${hints.inlineCall.text}\n${indent}defer ${call}` }, ...importEdits(r)]
      : [
          { range: { start: at, end: at }, newText: `${name} := ${hints.inlineCall.text}\n${indent}defer ${call}\n${indent}` },
          { range: hints.inlineCall.call, newText: name },
          ...importEdits(r),
        ];
    return { suggestions: [{ title: `Extract \`${name}\` and insert \`defer ${call}\``, edits }] };
  }
  return {};
}
