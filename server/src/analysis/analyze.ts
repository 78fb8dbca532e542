// Entry of the analysis: syntax tree → per-function CFG → dataflow → facts per acquisition site.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../engine/types';
import type { ResourceFacts } from './facts';
import type { Knowledge } from './knowledge';

export interface FileAnalysis {
  resources: ResourceFacts[];
  notes: string[];
}

export function analyzeTree(_tree: Tree, _language: LanguageId, _text: string, _knowledge: Knowledge): FileAnalysis {
  // Being written: lower-c / lower-go / dataflow.
  return { resources: [], notes: [] };
}
