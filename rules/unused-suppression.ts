import type { Rule } from '../server/src/engine/rule';

// The engine reports this rule after every other rule has run (it needs their findings): see
// server/src/engine/lint.ts. It has no analysis facts of its own, so `create` reports nothing.
const rule: Rule = {
  meta: {
    id: 'unused-suppression',
    type: 'suggestion',
    severity: 'hint',
    description: 'Remove `osslint-ignore` comments that silence nothing, and give each one a reason.',
    messages: {
      unused: '`osslint-ignore {{rule}}` silences nothing here; remove it',
      missingReason: '`osslint-ignore {{rule}}` needs a reason (`// osslint-ignore {{rule}}: why`); it is not applied',
    },
    languages: ['c', 'go'],
  },
  create() {},
};

export default rule;
