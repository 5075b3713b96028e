import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrderProps } from '../domain/order';
import { OrderStatus } from '../domain/order-status';
import { OrderItemDto, ShippingAddressDto } from './order-input.dto';

export class OrderResponseDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() tenantId: string;
  @ApiProperty() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerEmail: string;
  @ApiProperty({ type: [OrderItemDto] }) items: OrderItemDto[];
  @ApiProperty({ example: '13.05', description: 'Computed server side; exact decimal text' }) totalAmount: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'pm_card_visa' }) paymentMethod: string;
  @ApiProperty({ enum: OrderStatus }) status: OrderStatus;
  @ApiProperty({ type: ShippingAddressDto }) shippingAddress: ShippingAddressDto;
  @ApiPropertyOptional({ format: 'date-time' }) paymentDate?: string;
  @ApiPropertyOptional() transactionId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) shipmentDate?: string;
  @ApiPropertyOptional() trackingNumber?: string;
  @ApiPropertyOptional({ example: 'DHL' }) carrier?: string;
  @ApiPropertyOptional({ format: 'date' }) estimatedDeliveryDate?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveryDate?: string;
  @ApiPropertyOptional({ description: 'Why payment failed, when status is PAYMENT_FAILED' }) failureReason?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Increments on every change; also sent as the ETag' }) version: number;

  static from(props: OrderProps): OrderResponseDto {
    return Object.assign(new OrderResponseDto(), props);
  }
}

export class OrderPageResponseDto {
  @ApiProperty({ type: [OrderResponseDto] }) items: OrderResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor: string | null;
}
