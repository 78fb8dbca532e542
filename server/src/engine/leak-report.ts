// Shared wording for lifecycle findings, so every leak rule names the resource and the exit the same way.
import { displayName, type LeakFact, type ResourceFacts } from '../analysis/facts';
import type { ReportDescriptor } from './rule';

export function resourceName(facts: ResourceFacts): string {
  // An inline argument (`C.puts(C.CString(s))`) has no name; the message goes on with `({{api}})`.
  return facts.site.variable ? `\`${displayName(facts.site.variable)}\`` : 'the unnamed result';
}

/** The release functions as the user writes them: `C.free`, `C.go_openssl_EVP_PKEY_free` in Go. */
export function releaseNames(facts: ResourceFacts): string {
  // Go code releases C objects through cgo, whether it got them from C or from a Go wrapper (newKey()).
  const cgo = facts.site.api.startsWith('C.') || facts.site.kind === 'cgo';
  const prefix = cgo ? `C.${facts.site.fixHints?.releasePrefix ?? ''}` : '';
  return facts.site.release
    .slice(0, 2)
    .map((r) => `${prefix}${r}`)
    .join(' or ');
}

export function exitPhrase(leak: LeakFact): string {
  const line = leak.exit.start.line + 1;
  const via = leak.viaGoto ? `on the path through \`goto ${leak.viaGoto.label}\` at line ${leak.viaGoto.range.start.line + 1}` : undefined;
  switch (leak.how) {
    case 'return':
      return via ?? `on the path that returns at line ${line}`;
    case 'end-of-function':
      return leak.exit.start.line === leak.exit.end.line && via ? via : `on the path ending at line ${line}`;
    case 'unwind':
      return `when the path unwinds at line ${line}`;
    case 'overwrite':
      return `before it is overwritten at line ${line}`;
    case 'out-of-scope':
      return via ? `${via}, where it goes out of scope` : `when it goes out of scope at line ${line}`;
    case 'freed-unwiped':
      return `when it is freed at line ${line}`;
    case 'reinit':
      return `before it is initialised again at line ${line}`;
    case 'container-released':
      return via
        ? `${via}, where the object holding it is released at line ${line}`
        : `when the object holding it is released at line ${line}`;
  }
}

/** The report for a leak fact: placed on the acquisition, path in `related`. */
export function leakReport(facts: ResourceFacts, messageId = 'leak'): ReportDescriptor {
  const leak = facts.leak!;
  return {
    range: facts.site.range,
    messageId,
    data: {
      name: resourceName(facts),
      api: facts.site.api,
      exit: exitPhrase(leak),
      release: releaseNames(facts),
    },
    related: leak.steps,
    ...(leak.allocationFailureOnly ? { allocationFailureOnly: leak.allocationFailureOnly } : {}),
  };
}
