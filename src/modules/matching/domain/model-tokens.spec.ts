import { compareModelTokens, modelTokens } from './model-tokens';

describe('model tokens', () => {
  it('finds codes with digits, separators removed, and skips measures', () => {
    expect([...modelTokens('Panasonic KX-TG6700 phone 500ml 30pk')]).toEqual(['kxtg6700']);
    expect([...modelTokens('Photoshop CS3 2007 edition 2')]).toEqual(['cs3', '2007']);
  });

  it('compares: shared, conflicting, or nothing to compare', () => {
    expect(compareModelTokens(modelTokens('kx-tg6700'), modelTokens('Panasonic TG6700'))).toBe(1);
    expect(compareModelTokens(modelTokens('quickbooks 2007'), modelTokens('quickbooks 2008'))).toBe(-1);
    expect(compareModelTokens(modelTokens('photoshop cs3'), modelTokens('photoshop cs30'))).toBe(-1);
    expect(compareModelTokens(modelTokens('photoshop'), modelTokens('photoshop cs3'))).toBe(0);
  });
});
