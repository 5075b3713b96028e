import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one JSON shape of every error the API returns. */
export class ErrorResponseDto {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'Not Found', description: 'HTTP reason phrase' })
  error: string;

  @ApiProperty({ example: 'Order 0b9c… not found' })
  message: string;

  @ApiPropertyOptional({
    description: 'Machine-readable specifics, e.g. one entry per invalid field',
    example: [{ field: 'items.0.quantity', errors: ['quantity must be a positive number'] }],
  })
  details?: unknown;

  @ApiProperty({ example: '6f1c2d1e-0d4b-4c53-9f61-2f5b0d2b8a11' })
  requestId: string;
}
