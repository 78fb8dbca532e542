import type { Rule } from '../server/src/engine/rule';
import { leakReport } from '../server/src/engine/leak-report';

const rule: Rule = {
  meta: {
    id: 'ossl-leak',
    type: 'problem',
    severity: 'warning',
    description: 'Release every owned OpenSSL object and OpenSSL-allocated buffer on every path.',
    messages: {
      leak: '{{name}} ({{api}}) is not released {{exit}}; release it with {{release}}',
    },
    languages: ['c'],
  },
  create(context) {
    for (const r of context.resources) {
      if (r.site.kind === 'ossl' && r.leak) context.report(leakReport(r));
    }
  },
};

export default rule;
