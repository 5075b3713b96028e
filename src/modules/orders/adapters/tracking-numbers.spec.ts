import { dhlCheckDigit, fedexCheckDigit, newTrackingNumber, upsCheckDigit } from './tracking-numbers';

const checkDigitOf = (trackingNumber: string) => Number(trackingNumber.slice(-1));

describe('tracking numbers', () => {
  it.each(['1Z999AA10123456784', '1Z5R89390357567127'])('computes the UPS check digit of %s', (known) => {
    expect(upsCheckDigit(known.slice(2, -1))).toBe(checkDigitOf(known));
  });

  it.each(['986578788855', '477179081230'])('computes the FedEx Express check digit of %s', (known) => {
    expect(fedexCheckDigit(known.slice(0, -1))).toBe(checkDigitOf(known));
  });

  it('computes the DHL Express check digit as the body mod 7', () => {
    expect(dhlCheckDigit('331881002')).toBe(331881002 % 7);
    expect(dhlCheckDigit('000000007')).toBe(0);
  });

  it.each([
    ['UPS', /^1Z8V4W2103\d{8}$/, (n: string) => upsCheckDigit(n.slice(2, -1))],
    ['FEDEX', /^\d{12}$/, (n: string) => fedexCheckDigit(n.slice(0, -1))],
    ['DHL', /^\d{10}$/, (n: string) => dhlCheckDigit(n.slice(0, -1))],
  ] as const)('mints %s numbers in the carrier format with a valid check digit', (carrier, format, check) => {
    const numbers = Array.from({ length: 50 }, () => newTrackingNumber(carrier));
    for (const n of numbers) {
      expect(n).toMatch(format);
      expect(check(n)).toBe(checkDigitOf(n));
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
