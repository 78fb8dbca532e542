import type { Rule } from '../server/src/engine/rule';
import { leakReport } from '../server/src/engine/leak-report';

const rule: Rule = {
  meta: {
    id: 'x509-store-ctx-cleanup',
    type: 'problem',
    severity: 'warning',
    description: 'Free every X509_STORE_CTX from X509_STORE_CTX_new on every path (X509_STORE_CTX_cleanup alone does not free it).',
    messages: {
      reinit:
        '`{{variable}}` is initialised again at line {{line}} without X509_STORE_CTX_cleanup after this X509_STORE_CTX_init',
      notFreed:
        '{{name}} ({{api}}) is not freed {{exit}}; X509_STORE_CTX_cleanup only resets it, release it with X509_STORE_CTX_free',
    },
    languages: ['c', 'go'],
  },
  create(context) {
    for (const r of context.resources) {
      if (r.site.kind === 'x509ctx' && r.leak) context.report(leakReport(r, 'notFreed'));
      if (r.site.kind === 'x509init' && r.leak?.how === 'reinit') {
        const report = leakReport(r, 'reinit');
        context.report({ ...report, data: { ...report.data, variable: r.site.variable, line: r.leak.exit.start.line + 1 } });
      }
    }
  },
};

export default rule;
