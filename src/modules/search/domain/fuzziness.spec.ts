import { allowedEdits, editDistance } from './fuzziness';

describe('fuzziness', () => {
  it('allows edits by word length, as fuzziness AUTO', () => {
    expect(['té', 'queso', 'chocolate'].map(allowedEdits)).toEqual([0, 1, 2]);
    expect(allowedEdits('qes')).toBe(1);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('steel', 'steel')).toBe(0);
    expect(editDistance('setel', 'steel')).toBe(1);
    expect(editDistance('qeso', 'queso')).toBe(1);
    expect(editDistance('chokolatte', 'chocolate')).toBe(2);
    expect(editDistance('cmopact', 'compact')).toBe(1);
    expect(editDistance('abc', 'cba')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
