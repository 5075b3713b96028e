import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { ExecutionStatus } from '../domain/execution';

export class ListExecutionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact execution name, e.g. the order id for order-fulfilment' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  name?: string;

  @ApiPropertyOptional({ enum: ExecutionStatus })
  @IsOptional()
  @IsEnum(ExecutionStatus)
  status?: ExecutionStatus;
}
