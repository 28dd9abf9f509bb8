import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/analyze.js';

describe('analyze', () => {
  it('reads an empty answer as having no structure', () => {
    const analysis = analyze('');
    expect(analysis.outline.layout).toBe('none');
    expect(analysis.outline.deepDives).toEqual([]);
    expect(analysis.markdown).toEqual([]);
  });
});
