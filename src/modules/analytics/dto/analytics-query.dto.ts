import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { CALENDAR_DAY } from '../domain/report-request';


export class AnalyticsRangeDto {
  @ApiProperty({ example: '2024-01-01', description: 'First day (UTC), inclusive' })
  @Matches(CALENDAR_DAY, { message: 'from must be a day YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2024-12-31', description: 'Last day (UTC), inclusive' })
  @Matches(CALENDAR_DAY, { message: 'to must be a day YYYY-MM-DD' })
  to: string;
}

export class ReportOutputDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Alternative to Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'Run as a job: 202 with a Location to poll' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  async?: boolean;
}
