import { describe, expect, it } from 'vitest';
import { flagAfterTest, flagHolds, flagJoin, NEGATIVE_FLAG, NON_NEGATIVE_FLAG, NON_POSITIVE_FLAG, POSITIVE_FLAG } from '../server/src/analysis/flag-values';
import { NONZERO_FLAG } from '../server/src/analysis/ir';

describe('flag values', () => {
  it('learns a sign class from a test against zero and narrows it with the next test', () => {
    expect(flagAfterTest(undefined, '<', 0)).toBe(NEGATIVE_FLAG);
    expect(flagAfterTest(undefined, '>=', 0)).toBe(NON_NEGATIVE_FLAG);
    expect(flagAfterTest(undefined, '!=', 0)).toBe(NONZERO_FLAG);
    expect(flagAfterTest(undefined, '==', -3)).toBe(-3);
    expect(flagAfterTest(NON_NEGATIVE_FLAG, '!=', 0)).toBe(POSITIVE_FLAG);
    expect(flagAfterTest(NON_NEGATIVE_FLAG, '<=', 0)).toBe(0);
    expect(flagAfterTest(NONZERO_FLAG, '<=', 0)).toBe(NEGATIVE_FLAG);
    // `r < 5` says nothing this domain can hold; `r > 3` still says positive.
    expect(flagAfterTest(undefined, '<', 5)).toBeUndefined();
    expect(flagAfterTest(undefined, '>', 3)).toBe(POSITIVE_FLAG);
    expect(flagAfterTest(undefined, '!=', 7)).toBeUndefined();
  });

  it('says which tests a known value leaves possible', () => {
    expect(flagHolds(NEGATIVE_FLAG, '>=', 0)).toBe(false);
    expect(flagHolds(NEGATIVE_FLAG, '<', 0)).toBe(true);
    expect(flagHolds(NEGATIVE_FLAG, '==', -1300)).toBe(true);
    expect(flagHolds(NEGATIVE_FLAG, '!=', -1300)).toBe(true);
    expect(flagHolds(NON_POSITIVE_FLAG, '>', 0)).toBe(false);
    expect(flagHolds(NONZERO_FLAG, '==', 0)).toBe(false);
    expect(flagHolds(NONZERO_FLAG, '==', 4)).toBe(true);
    expect(flagHolds(POSITIVE_FLAG, '<', 1)).toBe(false);
    expect(flagHolds(-5, '<', 0)).toBe(true);
    expect(flagHolds(-5, '!=', -5)).toBe(false);
    expect(flagHolds(0, '!=', 0)).toBe(false);
  });

  it('keeps what two meeting paths both allow', () => {
    expect(flagJoin(1, 2)).toBe(POSITIVE_FLAG);
    expect(flagJoin(NEGATIVE_FLAG, POSITIVE_FLAG)).toBe(NONZERO_FLAG);
    expect(flagJoin(0, 4)).toBe(NON_NEGATIVE_FLAG);
    expect(flagJoin(-1, 4)).toBe(NONZERO_FLAG);
    expect(flagJoin(-1, NON_NEGATIVE_FLAG)).toBeUndefined();
    expect(flagJoin(NEGATIVE_FLAG, 0)).toBe(NON_POSITIVE_FLAG);
    expect(flagJoin(7, 7)).toBe(7);
  });
});
