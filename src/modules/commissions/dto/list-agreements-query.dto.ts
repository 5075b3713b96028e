import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';

export class ListAgreementsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'sup-1' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  supplierId?: string;
}
