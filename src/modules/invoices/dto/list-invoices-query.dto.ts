import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { InvoiceStatus } from '../domain/invoice-status';

export class ListInvoicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: InvoiceStatus })
  @IsOptional()
  @IsEnum(InvoiceStatus)
  status?: InvoiceStatus;

  @ApiPropertyOptional({ example: 'sup-42' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  supplierId?: string;
}
