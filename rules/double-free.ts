import type { Rule } from '../server/src/engine/rule';
import { resourceName } from '../server/src/engine/leak-report';

const rule: Rule = {
  meta: {
    id: 'double-free',
    type: 'problem',
    severity: 'error',
    description: 'Release an object once: not twice, and not after handing its ownership to another object.',
    messages: {
      twice: '{{name}} ({{api}}) is released twice: by {{first}} at line {{firstLine}} and again by {{second}} at line {{secondLine}}',
      afterHandover:
        '{{name}} ({{api}}) is released by {{second}} at line {{secondLine}} after {{first}} at line {{firstLine}} took ownership of it',
    },
    languages: ['c', 'go'],
  },
  create(context) {
    for (const r of context.resources) {
      const d = r.doubleRelease;
      if (!d) continue;
      context.report({
        range: r.site.range,
        messageId: d.firstWasHandover ? 'afterHandover' : 'twice',
        data: {
          name: resourceName(r),
          api: r.site.api,
          first: d.firstApi,
          firstLine: d.first.start.line + 1,
          second: d.secondApi,
          secondLine: d.second.start.line + 1,
        },
        related: d.steps,
      });
    }
  },
};

export default rule;
