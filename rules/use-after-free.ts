import type { Rule } from '../server/src/engine/rule';
import { resourceName } from '../server/src/engine/leak-report';
import { displayName } from '../server/src/analysis/facts';

const rule: Rule = {
  meta: {
    id: 'use-after-free',
    type: 'problem',
    severity: 'error',
    description: 'Do not use an object, or a pointer borrowed from it, after it has been released.',
    messages: {
      own: '{{name}} ({{api}}) is used at line {{useLine}} after it was released at line {{releaseLine}}',
      borrowed:
        '`{{used}}` borrows from {{name}} ({{api}}) and is used at line {{useLine}} after {{name}} was released at line {{releaseLine}}',
    },
    languages: ['c', 'go'],
  },
  create(context) {
    for (const r of context.resources) {
      const u = r.useAfterRelease;
      if (!u) continue;
      context.report({
        range: r.site.range,
        messageId: u.borrowed ? 'borrowed' : 'own',
        data: {
          name: resourceName(r),
          api: r.site.api,
          used: displayName(u.usedName),
          useLine: u.use.start.line + 1,
          releaseLine: u.release.start.line + 1,
        },
        related: u.steps,
      });
    }
  },
};

export default rule;
