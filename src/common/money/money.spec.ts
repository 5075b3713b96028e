import { formatAmount, sumProducts, unscaledAmount } from './money';

describe('money', () => {
  it('sums line totals exactly where binary floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumProducts([{ quantity: 1, unitPrice: '0.1' }, { quantity: 1, unitPrice: '0.2' }])).toBe('0.30');
  });

  it('keeps sub-cent unit prices without rounding them away', () => {
    expect(sumProducts([{ quantity: 7, unitPrice: '0.0125' }])).toBe('0.0875');
  });

  it('handles amounts beyond the safe integer range', () => {
    expect(sumProducts([{ quantity: 1000, unitPrice: '999999999999.99' }])).toBe('999999999999990.00');
  });

  it('formats with at least two decimals', () => {
    expect(formatAmount('12')).toBe('12.00');
    expect(formatAmount('12.5000')).toBe('12.50');
  });

  it('scales an amount to integer units exactly, and refuses extra decimals', () => {
    expect(unscaledAmount('19.99', 4)).toBe(199900n);
    expect(unscaledAmount('-0.0125', 4)).toBe(-125n);
    expect(unscaledAmount('999999999999999.9999', 4)).toBe(9999999999999999999n);
    expect(() => unscaledAmount('0.00001', 4)).toThrow(/more than 4 decimals/);
  });
});
