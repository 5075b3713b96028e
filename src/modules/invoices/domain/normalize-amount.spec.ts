import { findAmounts, normalizeAmount, normalizeDecimal } from './normalize-amount';

describe('normalizeDecimal / normalizeAmount', () => {
  it.each([
    ['1.234.567,89', '1234567.89'],
    ['1,234,567.89', '1234567.89'],
    ['1234.5', '1234.5'],
    ['1 234,56', '1234.56'],
    ['1.234', '1234'],
    ['1,234', '1234'],
    ['0,750', '0.75'],
    ['€ 2.321,00', '2321'],
    ['-9,32', '-9.32'],
    ['(12.50)', '-12.5'],
    ['999999999999999.99', '999999999999999.99'],
  ])('%s → %s', (text, expected) => expect(normalizeDecimal(text)).toBe(expected));

  it('formats money with at least two decimals and never through floats', () => {
    expect(normalizeAmount('1234.5')).toBe('1234.50');
    expect(normalizeAmount('0,1')).toBe('0.10');
    expect(normalizeAmount('12.3456')).toBe('12.3456');
  });

  it('rejects text that is not a number', () => {
    expect(normalizeDecimal('abc')).toBeNull();
    expect(normalizeDecimal('1.2.3,4,5')).toBeNull();
  });
});

describe('findAmounts', () => {
  const values = (text: string) => findAmounts(text).map((a) => a.value);
  it('finds money and skips percentages, ids and bare integers', () => {
    expect(values('Tax 15% on $ 112.90 $ 16.94')).toEqual(['112.90', '16.94']);
    expect(values('IVA 21% 210,00 €')).toEqual(['210.00']);
    expect(values('NL810433941B01 Ref 12345')).toEqual([]);
    expect(values('Rs 1939 x 1 Night')).toEqual(['1939.00']);
  });

  it('does not glue a misread symbol to a dotted amount', () => {
    expect(values('Grand Total 7 319.00')).toEqual(['319.00']);
  });
});
