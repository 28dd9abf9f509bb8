import { describe, expect, it } from 'vitest';
import { krippendorffAlphaNominal } from '../../src/rubric/krippendorff.js';

describe("Krippendorff's alpha (nominal)", () => {
  it('matches a hand computation', () => {
    // Units (three coders each): [a,a,a] [a,a,b] [b,b,b] [a,b,b]. Each ordered pair in a unit of
    // m values weighs 1/(m−1) = 1/2: o_aa = 3 + 1 = 4, o_bb = 3 + 1 = 4, o_ab = o_ba = 1 + 1 = 2;
    // n = 12, n_a = n_b = 6. D_o = 4/12, D_e = (6·6 + 6·6)/(12·11), alpha = 1 − D_o/D_e ≈ 0.389.
    expect(krippendorffAlphaNominal([['a', 'a', 'a'], ['a', 'a', 'b'], ['b', 'b', 'b'], ['a', 'b', 'b']])).toBeCloseTo(1 - (4 / 12) / (72 / 132), 12);
  });

  it('is 1 for perfect agreement with variation across units, null when nothing varies', () => {
    expect(krippendorffAlphaNominal([[true, true], [false, false], [true, true]])).toBe(1);
    expect(krippendorffAlphaNominal([[true, true], [true, true]])).toBeNull();
    expect(krippendorffAlphaNominal([[true]])).toBeNull();
  });
});
