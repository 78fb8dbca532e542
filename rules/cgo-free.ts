import type { Rule } from '../server/src/engine/rule';
import { leakReport } from '../server/src/engine/leak-report';
import { cgoFreeFixes } from '../server/src/engine/cgo-fix';

const rule: Rule = {
  meta: {
    id: 'cgo-free',
    type: 'problem',
    severity: 'warning',
    description: 'Free C memory and release owned OpenSSL objects obtained through cgo on every path.',
    messages: {
      leak: '{{name}} ({{api}}) is not released {{exit}}; release it with {{release}}',
    },
    fixable: 'safe',
    hasSuggestions: true,
    languages: ['go'],
  },
  create(context) {
    for (const r of context.resources) {
      if (r.site.kind !== 'cgo' || !r.leak) continue;
      context.report({ ...leakReport(r), ...cgoFreeFixes(r, context.text) });
    }
  },
};

export default rule;
