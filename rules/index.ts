// Every rule, sorted by id. Adding a rule: create rules/<id>.ts and rules/<id>.md, then list it here.
import type { Rule } from '../server/src/engine/rule';

export const rules: readonly Rule[] = [];
