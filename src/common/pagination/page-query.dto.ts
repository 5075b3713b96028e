import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** The page size when a listing's caller gives no `limit`. */
export const DEFAULT_PAGE_SIZE = 20;

/** `limit` and `cursor`, shared by every cursor-paged listing. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  // Room for pass-through tokens: Step Functions' nextToken runs to 3,096 characters.
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  cursor?: string;
}
