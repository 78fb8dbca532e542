// Go front end: where the safe `defer <release>` fix may go for each site, read once the function's CFG is
// built (the fix is offered only where it cannot change behaviour).
import type { SyntaxNode as Node } from '../../parsing/syntax-node';
import type { FixHints } from '../facts';
import type { Access, Event, Site } from '../ir';
import { rangeOf } from '../syntax';
import { GoLoweringState } from './state';
import { accessOfGo, nilTest, stripParens } from './syntax';

export abstract class GoFixHints extends GoLoweringState {
  /**
   * The safe fix (`defer <release>` after the acquisition) is offered only where it cannot change behaviour:
   * the variable is never released, handed over, aliased or reassigned anywhere in the function, the
   * acquisition is not in a loop, and the function has no goto.
   */
  protected computeFixHints(): void {
    const events: Event[] = [];
    for (const b of this.b.blocks) {
      events.push(...b.events);
      for (const e of b.succs) events.push(...(e.events ?? []));
    }
    for (const site of this.sites) {
      const info = this.siteInfo.get(site)!;
      if (info.inLoop || this.hasGoto || site.facet) continue;
      const stmt = info.statement;
      if (!stmt) continue;
      if (site.variable === '' && info.inlineCall) {
        const hints = this.inlineHints(info.inlineCall, stmt, site);
        if (hints) site.fixHints = hints;
        continue;
      }
      const v = site.variable;
      if (!/^[A-Za-z_]\w*$/.test(v) || !/^(short_var_declaration|assignment_statement|var_spec|var_declaration)$/.test(stmt.type)) continue;
      if (stmt.parent?.type !== 'statement_list' && stmt.type !== 'var_spec') continue;
      const touches = (a: Access | null) => a !== null && (a === v || a.startsWith(`${v}.`) || a === `*${v}`);
      const clean = events.every((e) => {
        switch (e.k) {
          case 'acquire':
            return e.site.id === site.id || !touches(e.target);
          case 'use':
          case 'borrow':
          case 'wipe':
          case 'reset':
            return true;
          case 'assign':
            return !touches(e.target) && !touches(e.from);
          default:
            return !touches(e.target);
        }
      });
      if (!clean || this.results.names.includes(v)) continue;
      const statement = stmt.type === 'var_spec' ? stmt.parent?.type === 'var_declaration' ? stmt.parent : null : stmt;
      if (!statement || statement.parent?.type !== 'statement_list') continue;
      const hints = this.deferHints(statement, v, site);
      if (hints && this.passedToUnknownC.has(v)) hints.deferUncertain = true;
      if (hints) site.fixHints = hints;
    }
  }

  protected lineIndent(row: number): string {
    return /^\s*/.exec(this.env.file.lines[row] ?? '')![0];
  }

  protected importHints(site: Site): Pick<FixHints, 'needsUnsafeImport' | 'needsStdlibInclude' | 'releasePrefix'> {
    if ((site.release[0] ?? 'free') !== 'free') {
      const name = site.api.startsWith('C.') ? site.api.slice(2) : '';
      const prefix = this.env.knowledge.wrapperPrefixes.find((p) => name.startsWith(p) && name.length > p.length);
      return prefix ? { releasePrefix: prefix } : {};
    }
    const out: Pick<FixHints, 'needsUnsafeImport' | 'needsStdlibInclude'> = {};
    if (!this.env.file.hasUnsafe && this.env.file.unsafeImport) out.needsUnsafeImport = this.env.file.unsafeImport;
    if (this.env.file.stdlibInclude) out.needsStdlibInclude = this.env.file.stdlibInclude;
    return out;
  }

  protected deferHints(statement: Node, v: Access, site: Site): FixHints | undefined {
    let anchor = statement;
    const next = statement.nextNamedSibling;
    if (next?.type === 'if_statement' && !next.childForFieldName('initializer') && !next.childForFieldName('alternative')) {
      const test = nilTest(stripParens(next.childForFieldName('condition')!));
      const subject = test ? accessOfGo(test.subject) : null;
      if (test && (subject === v || (subject && this.errOwner.get(subject) === v) || (subject && /^err\w*$/.test(subject) && !test.isNull))) anchor = next;
    }
    // The line after the anchor must start a new statement (nothing else on the anchor's last line).
    const lines = this.env.file.lines;
    const endRow = anchor.endPosition.row;
    if ((lines[endRow] ?? '').slice(anchor.endPosition.column).replace(/\/\/.*$/, '').trim() !== '') return undefined;
    if (this.lineIndent(statement.startPosition.row).length !== statement.startPosition.column) return undefined;
    return {
      deferInsertAt: { line: endRow + 1, character: 0 },
      indent: this.lineIndent(statement.startPosition.row),
      ...this.importHints(site),
    };
  }

  protected inlineHints(call: Node, stmt: Node, site: Site): FixHints | undefined {
    if (stmt.parent?.type !== 'statement_list') return undefined;
    if (!/^(expression_statement|short_var_declaration|assignment_statement|return_statement)$/.test(stmt.type)) return undefined;
    if (this.lineIndent(stmt.startPosition.row).length !== stmt.startPosition.column) return undefined;
    return {
      indent: this.lineIndent(stmt.startPosition.row),
      inlineCall: {
        call: rangeOf(call),
        statementStart: { line: stmt.startPosition.row, character: stmt.startPosition.column },
        text: call.text,
        ...(stmt.type === 'expression_statement' && stmt.startIndex === call.startIndex && stmt.endIndex === call.endIndex ? { wholeStatement: true } : {}),
      },
      ...this.importHints(site),
    };
  }
}
