// Open documents (vscode-languageserver-textdocument) plus one syntax tree per document, kept up to date
// incrementally: each ranged change is replayed on the tree with tree.edit(), and the next lint reparses
// with the edited tree as the old tree, so tree-sitter reuses what did not change.
import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../engine/types';
import { parse } from '../parsing/parser';

/** VS Code language ids we lint. */
export function lintLanguage(document: TextDocument): LanguageId | undefined {
  if (document.languageId === 'c') return 'c';
  if (document.languageId === 'go') return 'go';
  return undefined;
}

interface TreeEntry {
  language: LanguageId;
  tree: Tree;
  /** Document version the tree was parsed from; older means edits are pending a reparse. */
  version: number;
}

export class DocumentStore {
  private readonly trees = new Map<string, TreeEntry>();
  readonly documents: TextDocuments<TextDocument>;

  constructor() {
    this.documents = new TextDocuments<TextDocument>({
      create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
      update: (document, changes, version) => this.update(document, changes, version),
    });
    this.documents.onDidClose((e) => this.dropTree(e.document.uri));
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /**
   * The tree for the document's current text. Owned by the store: do not delete it, and do not keep it past
   * the next change (it is edited in place).
   */
  tree(document: TextDocument, language: LanguageId): Tree {
    const entry = this.trees.get(document.uri);
    if (entry && entry.language === language && entry.version === document.version) return entry.tree;
    const old = entry && entry.language === language ? entry.tree : null;
    const tree = parse(language, document.getText(), old);
    entry?.tree.delete();
    this.trees.set(document.uri, { language, tree, version: document.version });
    return tree;
  }

  dispose(): void {
    for (const uri of [...this.trees.keys()]) this.dropTree(uri);
  }

  private dropTree(uri: string): void {
    this.trees.get(uri)?.tree.delete();
    this.trees.delete(uri);
  }

  /** Applies the changes one at a time so each tree edit is expressed against the text it applies to. */
  private update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let entry = this.trees.get(document.uri);
    for (const change of changes) {
      if (entry && 'range' in change) entry.tree.edit(treeEdit(document, change));
      else if (entry) {
        this.dropTree(document.uri); // full-text replacement: nothing to reuse
        entry = undefined;
      }
      document = TextDocument.update(document, [change], version);
    }
    return document;
  }
}

/** web-tree-sitter counts indices and columns in UTF-16 code units, like LSP. */
function treeEdit(document: TextDocument, change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }): Edit {
  const startIndex = document.offsetAt(change.range.start);
  const oldEndIndex = document.offsetAt(change.range.end);
  const start = document.positionAt(startIndex);
  const oldEnd = document.positionAt(oldEndIndex);
  const lines = change.text.split('\n');
  const last = lines[lines.length - 1]!;
  const newEnd = lines.length === 1 ? { row: start.line, column: start.character + last.length } : { row: start.line + lines.length - 1, column: last.length };
  return {
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + change.text.length,
    startPosition: { row: start.line, column: start.character },
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition: newEnd,
  };
}
