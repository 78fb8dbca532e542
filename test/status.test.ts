// The status bar item's text for each state the client can be in (client/src/status.ts).
import { describe, expect, it } from 'vitest';
import { statusView } from '../client/src/status';

const idle = { server: 'running' as const, analysing: false, errors: 0, warnings: 0, others: 0 };

describe('status bar item', () => {
  it('says analysing while a pull is in flight, and the count of findings afterwards', () => {
    expect(statusView({ ...idle, analysing: true }).text).toBe('$(sync~spin) osslint');
    expect(statusView(idle).text).toBe('$(check) osslint');
    expect(statusView({ ...idle, warnings: 2, others: 1 })).toEqual({
      text: '$(warning) osslint: 3',
      tooltip: 'osslint: 3 findings in this file (2 warnings, 1 hint). Click to show the output.',
    });
    expect(statusView({ ...idle, errors: 1 }).text).toBe('$(error) osslint: 1');
  });

  it('shows a server that failed or stopped as an error, whatever the counts', () => {
    expect(statusView({ ...idle, server: 'failed', warnings: 4 })).toMatchObject({ text: '$(error) osslint', background: 'error' });
    expect(statusView({ ...idle, server: 'stopped' }).tooltip).toMatch(/Restart Language Server/);
    expect(statusView({ ...idle, server: 'starting' }).text).toBe('$(sync~spin) osslint');
  });
});
