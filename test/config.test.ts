// package.json's settings must be exactly what server/src/config/schema.ts produces, and raw settings must
// resolve to the documented defaults or fail with an error naming the bad setting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configurationProperties, defaultSettings, resolveSettings, settingsSchema } from '../server/src/config/schema';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));

describe('contributes.configuration', () => {
  const generated = configurationProperties();
  const declared = manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>;

  it('declares exactly the settings of the schema', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(settingsSchema.shape).sort());
    expect(Object.keys(declared).sort()).toEqual(
      ['osslint.confirm.defines', 'osslint.confirm.includePaths', 'osslint.confirm.timeoutSeconds', 'osslint.enable', 'osslint.knowledgeFile', 'osslint.logLevel', 'osslint.reportAllocationFailureLeaks', 'osslint.rules', 'osslint.suppressions.requireReason', 'osslint.trace.server'].sort(),
    );
  });

  it.each(Object.keys(settingsSchema.shape))('%s matches the schema (type, default, enum, description)', (name) => {
    expect(declared[name]).toEqual(generated[name]);
    expect(typeof declared[name]!.description).toBe('string');
    expect((declared[name]!.description as string).length).toBeGreaterThan(10);
  });

  it('states the documented defaults and enums', () => {
    expect(declared['osslint.enable']).toMatchObject({ type: 'boolean', default: true });
    expect(declared['osslint.rules']).toMatchObject({
      type: 'object',
      default: {},
      additionalProperties: { type: 'string', enum: ['off', 'hint', 'info', 'warning', 'error'] },
    });
    expect(declared['osslint.knowledgeFile']).toMatchObject({ type: 'string', default: '.osslint.json' });
    expect(declared['osslint.suppressions.requireReason']).toMatchObject({ type: 'boolean', default: true });
    expect(declared['osslint.trace.server']).toMatchObject({ type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off' });
    expect(declared['osslint.logLevel']).toMatchObject({ type: 'string', enum: ['error', 'warn', 'info', 'debug'] });
  });

  it('declares the restart command, workspace trust and activation on C and Go only', () => {
    expect(manifest.contributes.commands).toContainEqual(expect.objectContaining({ command: 'osslint.restartServer' }));
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.activationEvents).toEqual(['onLanguage:c', 'onLanguage:go']);
  });
});

describe('resolveSettings', () => {
  it('fills defaults for an empty section', () => {
    expect(resolveSettings({})).toEqual(defaultSettings());
    expect(resolveSettings(undefined)).toEqual(defaultSettings());
    expect(defaultSettings()).toEqual({
      enable: true,
      lint: { rules: {}, requireReason: true, reportAllocationFailureLeaks: true },
      knowledgeFile: '.osslint.json',
      requireReason: true,
      confirmTimeoutSeconds: 30,
      confirmIncludePaths: [],
      confirmDefines: [],
      trace: 'off',
      logLevel: 'info',
    });
  });

  it('reads the nested section VS Code returns for workspace/configuration', () => {
    const s = resolveSettings({
      enable: false,
      rules: { 'mem-leak': 'off', 'ossl-leak': 'error' },
      knowledgeFile: 'cfg/osslint.json',
      suppressions: { requireReason: false },
      reportAllocationFailureLeaks: false,
      trace: { server: 'verbose' },
      logLevel: 'debug',
    });
    expect(s).toEqual({
      enable: false,
      lint: { rules: { 'mem-leak': 'off', 'ossl-leak': 'error' }, requireReason: false, reportAllocationFailureLeaks: false },
      knowledgeFile: 'cfg/osslint.json',
      requireReason: false,
      confirmTimeoutSeconds: 30,
      confirmIncludePaths: [],
      confirmDefines: [],
      trace: 'verbose',
      logLevel: 'debug',
    });
  });

  it('reads flat dotted names and treats null as unset', () => {
    const s = resolveSettings({ 'osslint.enable': false, 'osslint.suppressions.requireReason': null });
    expect(s.enable).toBe(false);
    expect(s.requireReason).toBe(true);
  });

  it('rejects a bad severity naming the setting, the rule and the value', () => {
    const bad = () => resolveSettings({ rules: { 'ossl-leak': 'warn' } });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/osslint\.rules \(key "ossl-leak"\).*'off' \| 'hint' \| 'info' \| 'warning' \| 'error'.*"warn"/);
  });

  it('rejects a value of the wrong type', () => {
    expect(() => resolveSettings({ enable: 'yes' })).toThrow(/invalid setting osslint\.enable: Expected boolean, received string; got "yes"/);
    expect(() => resolveSettings({ logLevel: 'trace' })).toThrow(/osslint\.logLevel/);
  });
});
