// The shape of a rule module: declarative meta + create(context). Rules read analysis facts only.
import type { ResourceFacts } from '../analysis/facts';
import type { Fix, LanguageId, PathStep, Range, Severity } from './types';

export interface RuleMeta {
  /** Equals the file name under rules/. */
  id: string;
  type: 'problem' | 'suggestion';
  severity: Severity;
  /** One imperative line. */
  description: string;
  /** messageId → single-line template with {{placeholders}}. */
  messages: Record<string, string>;
  fixable?: 'safe';
  hasSuggestions?: boolean;
  languages: LanguageId[];
}

export interface ReportDescriptor {
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  related?: PathStep[];
  fix?: Fix;
  suggestions?: Fix[];
  /** The finding happens only when this call fails to allocate: the message says so and the finding is tagged. */
  allocationFailureOnly?: string;
}

export interface RuleContext {
  language: LanguageId;
  text: string;
  /** One entry per acquisition site in the file, with the lifecycle violations found on its paths. */
  resources: readonly ResourceFacts[];
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): void;
}
