import type { OrderItem, ShippingAddress } from '../domain/order';
import type { OrderItemDto, ShippingAddressDto } from './order-input.dto';

/** Plain domain values, so DTO class instances never leak into storage or events. */
export const toItems = (items: OrderItemDto[]): OrderItem[] =>
  items.map(({ sku, name, quantity, unitPrice }) => ({ sku, name, quantity, unitPrice }));

export function toShippingAddress(a: ShippingAddressDto): ShippingAddress {
  const address: ShippingAddress = { line1: a.line1, city: a.city, postalCode: a.postalCode, country: a.country };
  if (a.line2 !== undefined) address.line2 = a.line2;
  if (a.region !== undefined) address.region = a.region;
  return address;
}
