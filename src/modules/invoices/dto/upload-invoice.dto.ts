import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** The multipart form's text fields; the file itself arrives as `file`. */
export class UploadInvoiceDto {
  @ApiPropertyOptional({ example: 'sup-42' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Matches(/^\S(.*\S)?$/, { message: 'supplierId must not start or end with whitespace' })
  supplierId?: string;
}
