import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';
import type { JsonObject } from '../domain/asl/asl-types';

export class StartExecutionDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { orderId: '…', tenantId: 't1' }, description: 'The execution input ($)' })
  @IsOptional()
  @IsObject()
  input?: JsonObject;

  @ApiPropertyOptional({ example: 'order-1234', description: 'Unique per workflow; starting the same name with the same input returns the existing execution' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,80}$/, { message: 'name must be 1-80 characters of letters, digits, _ . : -' })
  name?: string;
}
