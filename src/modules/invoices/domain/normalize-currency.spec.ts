import { detectDocumentCurrency, normalizeCurrency } from './normalize-currency';

describe('currency', () => {
  it.each([
    ['EUR', 'EUR'],
    ['€', 'EUR'],
    ['euros', 'EUR'],
    ['US$ 10', 'USD'],
    ['$', 'USD'],
    ['£', 'GBP'],
    ['Rs 100', 'INR'],
  ])('%s → %s', (text, code) => expect(normalizeCurrency(text)).toBe(code));

  it('picks the most written currency of a document, codes counting double', () => {
    expect(detectDocumentCurrency('Total 10,00 € ... IVA 2,10 € ... EUR')?.code).toBe('EUR');
    expect(detectDocumentCurrency('Total $5.00 All prices in US Dollars')?.code).toBe('USD');
    expect(detectDocumentCurrency('Total $5.00', 'MXN')?.code).toBe('MXN');
    expect(detectDocumentCurrency('no money here')).toBeNull();
  });
});
