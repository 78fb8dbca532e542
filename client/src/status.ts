// What the status bar item says, as a pure function of what the client knows, so it can be tested without VS Code.

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

export interface StatusInput {
  server: ServerState;
  /** Diagnostic pulls in flight for the active document. */
  analysing: boolean;
  /** osslint diagnostics of the active document, by severity. */
  errors: number;
  warnings: number;
  others: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** 'error' | 'warning' background, or none. */
  background?: 'error' | 'warning';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function statusView(s: StatusInput): StatusView {
  if (s.server === 'failed' || s.server === 'stopped') {
    return {
      text: '$(error) osslint',
      tooltip: `The osslint language server ${s.server === 'failed' ? 'failed to start' : 'is not running'}. Click to show its output; run "osslint: Restart Language Server" to try again.`,
      background: 'error',
    };
  }
  if (s.server === 'starting') return { text: '$(sync~spin) osslint', tooltip: 'osslint: starting the language server' };
  if (s.analysing) return { text: '$(sync~spin) osslint', tooltip: 'osslint: analysing this file' };
  const total = s.errors + s.warnings + s.others;
  if (total === 0) return { text: '$(check) osslint', tooltip: 'osslint: no findings in this file' };
  const parts = [s.errors && plural(s.errors, 'error'), s.warnings && plural(s.warnings, 'warning'), s.others && plural(s.others, 'hint')].filter(Boolean);
  return {
    text: `${s.errors ? '$(error)' : '$(warning)'} osslint: ${total}`,
    tooltip: `osslint: ${plural(total, 'finding')} in this file (${parts.join(', ')}). Click to show the output.`,
  };
}
