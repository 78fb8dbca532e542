import type { Rule } from '../server/src/engine/rule';
import { leakReport } from '../server/src/engine/leak-report';

const rule: Rule = {
  meta: {
    id: 'mem-leak',
    type: 'problem',
    severity: 'warning',
    description: 'Free memory from malloc, calloc, realloc, strdup and strndup on every path.',
    messages: {
      leak: '{{name}} ({{api}}) is not freed {{exit}}',
    },
    languages: ['c'],
  },
  create(context) {
    for (const r of context.resources) {
      if (r.site.kind === 'mem' && r.leak) context.report(leakReport(r));
    }
  },
};

export default rule;
