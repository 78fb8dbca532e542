// The one description of osslint's settings. package.json's contributes.configuration is generated from
// it (scripts/gen-config.mjs) and test/config.test.ts checks the two agree, so defaults and docs cannot drift.
import { z } from 'zod';
import type { LintConfig, SeveritySetting } from '../engine/types';
import { LOG_LEVELS } from '../logger';

export const SEVERITY_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'] as const satisfies readonly SeveritySetting[];
export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

const severitySetting = z.enum(SEVERITY_SETTINGS);

/** Keys are the full setting names as VS Code shows them; values carry the default and the description. */
export const settingsSchema = z.object({
  'osslint.enable': z.boolean().default(true).describe('Report OpenSSL, libc and cgo resource-lifecycle problems in C and Go files.'),
  'osslint.rules': z
    .record(z.string(), severitySetting)
    .default({})
    .describe('Per-rule severity override, e.g. { "mem-leak": "off", "ossl-leak": "error" }. Rules not listed keep their default severity.'),
  'osslint.knowledgeFile': z
    .string()
    .default('.osslint.json')
    .describe('Path, relative to the workspace root, of a JSON file adding API entries (allocators, releasers, hand-overs, borrowed getters, wrapper prefixes) to the built-in knowledge base.'),
  'osslint.suppressions.requireReason': z
    .boolean()
    .default(true)
    .describe('Require a reason after the rule ids in an `osslint-ignore` comment (`// osslint-ignore ossl-leak: freed by the caller`).'),
  'osslint.reportAllocationFailureLeaks': z
    .boolean()
    .default(true)
    .describe('Report leaks that happen only when an allocation fails (`malloc`, `BN_new`, … returning NULL); their messages end with "(only when … fails to allocate)".'),
  'osslint.confirm.timeoutSeconds': z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(30)
    .describe('Time limit, in seconds, for confirming one finding with AddressSanitizer (building the harness and running every fault plan). Confirmation only runs on request, in a trusted workspace.'),
  'osslint.confirm.includePaths': z
    .array(z.string())
    .default([])
    .describe('Include directories (-I) for building the AddressSanitizer harness of a C file that has no compile_commands.json entry; relative paths are resolved from the workspace root.'),
  'osslint.confirm.defines': z
    .array(z.string())
    .default([])
    .describe('Preprocessor defines (-D, e.g. "OPENSSL_API_COMPAT=30000") for building the AddressSanitizer harness of a C file that has no compile_commands.json entry.'),
  'osslint.trace.server': z.enum(TRACE_LEVELS).default('off').describe('Traces the communication between VS Code and the osslint language server.'),
  'osslint.logLevel': z.enum(LOG_LEVELS).default('info').describe('How much the osslint language server writes to its output channel.'),
});

export type SettingName = keyof typeof settingsSchema.shape;
export type Settings = z.output<typeof settingsSchema>;

/** What the server and the CLI act on, derived from Settings. */
export interface ResolvedSettings {
  enable: boolean;
  lint: LintConfig;
  knowledgeFile: string;
  requireReason: boolean;
  /** osslint.confirm.timeoutSeconds: the AddressSanitizer harness's time limit per finding. */
  confirmTimeoutSeconds: number;
  /** osslint.confirm.includePaths / defines: harness build flags when compile_commands.json has none. */
  confirmIncludePaths: string[];
  confirmDefines: string[];
  trace: (typeof TRACE_LEVELS)[number];
  logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// ---------------------------------------------------------------------------------------------------------
// contributes.configuration.properties

export interface ConfigurationProperty {
  type: 'boolean' | 'string' | 'object' | 'number' | 'array';
  items?: { type: 'string' };
  default: unknown;
  description: string;
  enum?: string[];
  additionalProperties?: { type: 'string'; enum: string[] };
}

function describeType(schema: z.ZodTypeAny, name: string): Pick<ConfigurationProperty, 'type' | 'enum' | 'additionalProperties' | 'items'> {
  if (schema instanceof z.ZodArray && schema.element instanceof z.ZodString) return { type: 'array', items: { type: 'string' } };
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodString) return { type: 'string' };
  if (schema instanceof z.ZodNumber) return { type: 'number' };
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: [...(schema.options as string[])] };
  if (schema instanceof z.ZodRecord) {
    const value = schema.valueSchema as z.ZodTypeAny;
    if (value instanceof z.ZodEnum) return { type: 'object', additionalProperties: { type: 'string', enum: [...(value.options as string[])] } };
  }
  throw new Error(`config schema: ${name} has a type the manifest generator does not know`);
}

/**
 * The object that belongs in package.json at contributes.configuration.properties. No `scope` is given, so
 * every setting has VS Code's default (window) scope: the server reads one set of settings per workspace.
 */
export function configurationProperties(): Record<string, ConfigurationProperty> {
  const out: Record<string, ConfigurationProperty> = {};
  for (const [name, field] of Object.entries(settingsSchema.shape) as Array<[SettingName, z.ZodTypeAny]>) {
    if (!(field instanceof z.ZodDefault)) throw new Error(`config schema: ${name} needs a default`);
    const description = field.description;
    if (!description) throw new Error(`config schema: ${name} needs a description`);
    const inner = field._def.innerType as z.ZodTypeAny;
    out[name] = {
      ...describeType(inner, name),
      default: field._def.defaultValue(),
      description,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Raw settings → ResolvedSettings

/**
 * Accepts either the `osslint` section as the client returns it (nested: `{ enable, suppressions: {
 * requireReason } }`) or flat dotted names (`{ "osslint.enable": true }`). Unknown keys are ignored; a value of
 * the wrong type throws a ConfigError naming the setting, what was expected and what was given.
 */
export function resolveSettings(raw: unknown): ResolvedSettings {
  const flat: Record<string, unknown> = {};
  const section = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const name of Object.keys(settingsSchema.shape)) {
    const value = name in section ? section[name] : lookupPath(section, name.slice('osslint.'.length).split('.'));
    // null means "not set" in VS Code's configuration model.
    if (value !== undefined && value !== null) flat[name] = value;
  }
  const parsed = settingsSchema.safeParse(flat);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [name, ...rest] = issue.path.map(String);
    const setting = rest.length ? `${name} (key "${rest.join('.')}")` : name;
    const given = lookupFlat(flat, issue.path);
    throw new ConfigError(`invalid setting ${setting}: ${issue.message}; got ${JSON.stringify(given)}`);
  }
  return toResolved(parsed.data);
}

export function defaultSettings(): ResolvedSettings {
  return toResolved(settingsSchema.parse({}));
}

function toResolved(s: Settings): ResolvedSettings {
  return {
    enable: s['osslint.enable'],
    lint: {
      rules: { ...s['osslint.rules'] },
      requireReason: s['osslint.suppressions.requireReason'],
      reportAllocationFailureLeaks: s['osslint.reportAllocationFailureLeaks'],
    },
    knowledgeFile: s['osslint.knowledgeFile'],
    requireReason: s['osslint.suppressions.requireReason'],
    confirmTimeoutSeconds: s['osslint.confirm.timeoutSeconds'],
    confirmIncludePaths: [...s['osslint.confirm.includePaths']],
    confirmDefines: [...s['osslint.confirm.defines']],
    trace: s['osslint.trace.server'],
    logLevel: s['osslint.logLevel'],
  };
}

function lookupPath(obj: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function lookupFlat(flat: Record<string, unknown>, path: PropertyKey[]): unknown {
  const [first, ...rest] = path;
  return lookupPath({ v: flat[String(first)] }, ['v', ...rest.map(String)]);
}
