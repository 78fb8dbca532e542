// Fixes for cgo-free, computed from the front end's hints (the Go front end fills them in).
import type { ResourceFacts } from '../analysis/facts';
import type { Fix } from './types';

export function cgoFreeFixes(r: ResourceFacts, _text: string): { fix?: Fix; suggestions?: Fix[] } {
  const hints = r.site.fixHints;
  if (!hints?.deferInsertAt || !r.site.variable) return {};
  const release = r.site.release[0] ?? 'free';
  const call =
    release === 'free' ? `C.free(unsafe.Pointer(${r.site.variable}))` : `C.${release}(${r.site.variable})`;
  const edits: Fix['edits'] = [
    { range: { start: hints.deferInsertAt, end: hints.deferInsertAt }, newText: `${hints.indent ?? '\t'}defer ${call}\n` },
  ];
  if (release === 'free' && hints.needsUnsafeImport) {
    edits.push({ range: { start: hints.needsUnsafeImport.insertAt, end: hints.needsUnsafeImport.insertAt }, newText: hints.needsUnsafeImport.text });
  }
  if (release === 'free' && hints.needsStdlibInclude) {
    edits.push({ range: { start: hints.needsStdlibInclude.insertAt, end: hints.needsStdlibInclude.insertAt }, newText: hints.needsStdlibInclude.text });
  }
  return { fix: { title: `Insert \`defer ${call}\``, edits } };
}
