// File-level facts of a Go file for the cgo fixes: imported packages, where `"unsafe"` and
// `#include <stdlib.h>` would go, and the cgo preamble's text.
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import { forEachDescendant } from '../syntax';
import { namedChildren } from './syntax';

export interface GoFileInfo {
  /** `"unsafe"` is imported. */
  hasUnsafe: boolean;
  /** Edit adding `"unsafe"` (into the import block, or after `import "C"`). */
  unsafeImport?: { insertAt: { line: number; character: number }; text: string };
  /** Edit adding `#include <stdlib.h>` to the cgo preamble (undefined when already included). */
  stdlibInclude?: { insertAt: { line: number; character: number }; text: string };
  /** Local names of imported packages (not variables). */
  packages: Set<string>;
  /** The file's lines, split once (fix hints read indents and line tails per site). */
  lines: readonly string[];
  /** Text of the cgo preamble (the comment above `import "C"`). */
  preamble: string;
}

export function goFileInfo(root: Node, text: string): GoFileInfo {
  const packages = new Set<string>();
  let hasUnsafe = false;
  let importC: Node | undefined;
  let block: Node | undefined;
  const specs: Node[] = [];
  for (const decl of namedChildren(root)) {
    if (decl.type !== 'import_declaration') continue;
    forEachDescendant(decl, (n) => {
      if (n.type === 'import_spec_list' && !block) block = n;
      if (n.type !== 'import_spec') return true;
      const path = n.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
      const alias = n.childForFieldName('name')?.text;
      if (path === 'C') importC = decl;
      else specs.push(n);
      if (path === 'unsafe' && alias !== '_') hasUnsafe = true;
      packages.add(alias && alias !== '_' && alias !== '.' ? alias : path.split('/').pop()!);
      return false;
    });
  }
  packages.delete('C');
  const lines = text.split('\n');
  const info: GoFileInfo = { hasUnsafe, packages, lines, preamble: '' };
  if (!hasUnsafe) {
    const blockSpecs = block ? namedChildren(block).filter((s) => s.type === 'import_spec') : [];
    if (block && blockSpecs.length && !blockSpecs.some((s) => s.childForFieldName('path')?.text === '"C"')) {
      // Into the block, keeping gofmt's sorted order within the first group of standard imports.
      const after = blockSpecs.find((s) => (s.childForFieldName('path')?.text ?? '') > '"unsafe"' && !s.childForFieldName('name'));
      const prev = after?.previousNamedSibling;
      const sameGroup = after && (!prev || prev.type !== 'import_spec' || after.startPosition.row - prev.endPosition.row <= 1);
      if (after && sameGroup && !/\./.test(after.childForFieldName('path')?.text ?? '')) {
        info.unsafeImport = { insertAt: { line: after.startPosition.row, character: 0 }, text: `\t"unsafe"\n` };
      } else {
        const firstGroup = blockSpecs.filter((s) => !/\./.test(s.childForFieldName('path')?.text ?? ''));
        const last = firstGroup[firstGroup.length - 1] ?? blockSpecs[blockSpecs.length - 1]!;
        info.unsafeImport = { insertAt: { line: last.endPosition.row + 1, character: 0 }, text: `\t"unsafe"\n` };
      }
    } else if (importC) {
      info.unsafeImport = { insertAt: { line: importC.endPosition.row + 1, character: 0 }, text: 'import "unsafe"\n' };
    }
  }
  if (importC) {
    const pre = importC.previousSibling;
    const preamble: Node[] = [];
    for (let c = pre; c && c.type === 'comment'; c = c.previousSibling) {
      const below = preamble.length ? preamble[preamble.length - 1]! : importC;
      if (below.startPosition.row - c.endPosition.row !== 1) break;
      preamble.push(c);
    }
    const preambleText = preamble.map((c) => c.text).join('\n');
    info.preamble = preambleText;
    if (!/#\s*include\s*<stdlib\.h>/.test(preambleText)) {
      const last = preamble[0];
      if (!last) {
        info.stdlibInclude = { insertAt: { line: importC.startPosition.row, character: 0 }, text: '// #include <stdlib.h>\n' };
      } else if (last.text.startsWith('//')) {
        info.stdlibInclude = { insertAt: { line: importC.startPosition.row, character: 0 }, text: '// #include <stdlib.h>\n' };
      } else {
        const endRow = last.endPosition.row;
        const closing = lines[endRow] ?? '';
        if (closing.trim() === '*/') info.stdlibInclude = { insertAt: { line: endRow, character: 0 }, text: '#include <stdlib.h>\n' };
        else info.stdlibInclude = { insertAt: { line: endRow, character: last.endPosition.column - 2 }, text: '\n#include <stdlib.h>\n' };
      }
    }
  }
  return info;
}
