import { randomInt } from 'node:crypto';
import type { CarrierName } from '../domain/carrier.port';

/** The simulated shipper's UPS account and service code (03 = UPS Ground). */
const UPS_SHIPPER = '8V4W21';
const UPS_SERVICE = '03';

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

/** UPS: "1Z" + shipper + service + 7-digit reference + check digit (letters count as (A=2, B=3, …) mod 10). */
export function upsCheckDigit(body: string): number {
  const values = [...body].map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
  const sum = values.reduce((acc, v, i) => acc + (i % 2 === 1 ? 2 * v : v), 0);
  return (10 - (sum % 10)) % 10;
}

/** FedEx Express: 11 digits weighted 1, 3, 7 from the right, sum mod 11 (10 becomes 0). */
export function fedexCheckDigit(body: string): number {
  const weights = [1, 3, 7];
  const sum = [...body].reverse().reduce((acc, c, i) => acc + Number(c) * weights[i % 3], 0);
  return (sum % 11) % 10;
}

/** DHL Express: the first 9 digits mod 7. */
export const dhlCheckDigit = (body: string): number => Number(BigInt(body) % 7n);

/** A tracking number in the carrier's real format, check digit included. */
export function newTrackingNumber(carrier: CarrierName): string {
  switch (carrier) {
    case 'UPS': {
      const body = `${UPS_SHIPPER}${UPS_SERVICE}${digits(7)}`;
      return `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'FEDEX': {
      const body = digits(11);
      return `${body}${fedexCheckDigit(body)}`;
    }
    case 'DHL': {
      const body = digits(9);
      return `${body}${dhlCheckDigit(body)}`;
    }
  }
}
