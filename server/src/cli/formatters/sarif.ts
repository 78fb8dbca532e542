// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for code scanning dashboards.
// Paths are relative to %SRCROOT% (the working directory), which originalUriBaseIds resolves.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { RuleMeta } from '../../engine/rule';
import type { Finding, PathStep, Range, Severity } from '../../engine/types';
import { type Formatter, type Report, oneBased } from './report';
import { projectUrl } from '../project';
import { FINGERPRINT_KEY } from '../fingerprint';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export const formatSarif: Formatter = (report) => `${JSON.stringify(buildSarif(report), null, 2)}\n`;

export function buildSarif(report: Report): Sarif.Log {
  const descriptors: Sarif.ReportingDescriptor[] = report.rules.map(describeRule);
  const ruleIndex = new Map(report.rules.map((meta, i) => [meta.id, i]));
  const indexOf = (ruleId: string): number => {
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      // A finding from outside the registry (e.g. an engine-level report): still give it a descriptor.
      index = descriptors.push({ id: ruleId, shortDescription: { text: ruleId } }) - 1;
      ruleIndex.set(ruleId, index);
    }
    return index;
  };

  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    const artifact = artifactLocation(report.cwd, file.path);
    file.findings.forEach((f, i) => {
      const result = toResult(f, indexOf(f.ruleId), artifact);
      if (f.allocationFailureOnly) result.properties = { ...result.properties, allocationFailureOnly: true };
      const fingerprint = file.fingerprints?.[i];
      if (fingerprint) result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
      const state = file.baseline?.[i];
      if (state) result.baselineState = state;
      const confirmation = file.confirmations?.[i];
      if (confirmation) result.properties = { ...result.properties, confirmation: confirmation.verdict, confirmationDetail: confirmation.detail };
      results.push(result);
    });
  }

  const notifications: Sarif.Notification[] = [
    ...report.skipped.map((s) => notification('warning', `skipped: ${s.reason}`, artifactLocation(report.cwd, s.path))),
    ...report.files.flatMap((file) => file.notes.map((note) => notification('note', note, artifactLocation(report.cwd, file.path)))),
  ];

  const overrides: Sarif.ConfigurationOverride[] = Object.entries(report.ruleOverrides).map(([id, setting]) => ({
    descriptor: { id, index: indexOf(id) },
    configuration: setting === 'off' ? { enabled: false } : { level: LEVEL[setting] },
  }));

  const invocation: Sarif.Invocation = {
    executionSuccessful: true,
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
    ...(overrides.length ? { ruleConfigurationOverrides: overrides } : {}),
  };

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'osslint',
        version: report.version,
        semanticVersion: report.version,
        informationUri: projectUrl(),
        rules: descriptors,
      },
    },
    invocations: [invocation],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.cwd) } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function describeRule(meta: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    helpUri: projectUrl(`rules/${meta.id}.md`),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [meta.type, ...meta.languages] },
  };
}

function toResult(f: Finding, ruleIndex: number, artifact: Sarif.ArtifactLocation): Sarif.Result {
  const primary = location(artifact, f.range);
  const related = f.related.map((step, i) => ({ id: i + 1, ...location(artifact, step.range, step.message) }));
  const result: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [primary],
  };
  if (related.length) {
    result.relatedLocations = related;
    // The witness path, in order: the acquisition, then each step (RULES.md: "the path goes in codeFlows").
    result.codeFlows = [
      {
        threadFlows: [
          {
            locations: [
              { location: location(artifact, f.range, f.message) },
              ...f.related.map((step: PathStep) => ({ location: location(artifact, step.range, step.message) })),
            ],
          },
        ],
      },
    ];
  }
  return result;
}

function location(artifact: Sarif.ArtifactLocation, range: Range, message?: string): Sarif.Location {
  const pos = oneBased(range);
  return {
    physicalLocation: {
      artifactLocation: artifact,
      region: { startLine: pos.line, startColumn: pos.column, endLine: pos.endLine, endColumn: pos.endColumn },
    },
    ...(message !== undefined ? { message: { text: message } } : {}),
  };
}

function notification(level: Sarif.Notification.level, text: string, artifact: Sarif.ArtifactLocation): Sarif.Notification {
  return { level, message: { text }, locations: [{ physicalLocation: { artifactLocation: artifact } }] };
}

/** A file under the working directory is `relative/uri` against %SRCROOT%; anything else is an absolute file URI. */
export function artifactLocation(cwd: string, file: string): Sarif.ArtifactLocation {
  const rel = path.relative(cwd, file);
  const outside = rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  if (outside) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
