import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';
import {
  FILTER_OPERATORS,
  FilterOperator,
  FilterValue,
  GRANULARITIES,
  Granularity,
  MAX_REPORT_LIMIT,
  METRIC_FUNCTIONS,
  MetricFunction,
  REPORT_DATASETS,
  ReportDatasetName,
  ReportRequest,
} from '../domain/report-request';
import { AnalyticsRangeDto } from './analytics-query.dto';

/** Field names are words; which words a dataset has is the compiler's whitelist (REPORT_DATASET_DEFINITIONS). */
const FIELD = /^[a-z][a-z_]{0,40}$/;
const FIELD_MESSAGE = 'must be a field name (lowercase letters and _)';

class DimensionDto {
  @ApiProperty({ example: 'supplier', description: 'date, supplier, product, category, customer, status… (per dataset)' })
  @Matches(FIELD, { message: `field ${FIELD_MESSAGE}` })
  field: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, description: 'date only; default day' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
}

class MetricDto {
  @ApiProperty({ enum: METRIC_FUNCTIONS })
  @IsIn(METRIC_FUNCTIONS)
  fn: MetricFunction;

  @ApiPropertyOptional({ example: 'amount' })
  @IsOptional()
  @Matches(FIELD, { message: `field ${FIELD_MESSAGE}` })
  field?: string;

  @ApiPropertyOptional({ example: 'revenue' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'as must be lowercase letters, digits and _, starting with a letter' })
  as?: string;
}

/** A string or a finite number: the compiler checks each value against its field's type. */
const IsFilterValue = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isFilterValue',
      validator: {
        validate: (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
        defaultMessage: () => '$property must hold strings or numbers',
      },
    },
    options,
  );

class FilterDto {
  @ApiProperty({ example: 'supplier' })
  @Matches(FIELD, { message: `field ${FIELD_MESSAGE}` })
  field: string;

  @ApiProperty({ enum: FILTER_OPERATORS })
  @IsIn(FILTER_OPERATORS)
  op: FilterOperator;

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }] })
  @IsOptional()
  @IsFilterValue()
  value?: FilterValue;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsFilterValue({ each: true })
  values?: FilterValue[];
}

class SortDto {
  @ApiProperty({ example: 'revenue' })
  @IsString()
  by: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  direction?: 'asc' | 'desc';
}

export class ReportRequestDto extends AnalyticsRangeDto implements ReportRequest {
  @ApiProperty({ enum: REPORT_DATASETS })
  @IsIn(REPORT_DATASETS)
  dataset: ReportDatasetName;

  @ApiPropertyOptional({ type: [DimensionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => DimensionDto)
  dimensions?: DimensionDto[];

  @ApiProperty({ type: [MetricDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MetricDto)
  metrics: MetricDto[];

  @ApiPropertyOptional({ type: [FilterDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  filters?: FilterDto[];

  @ApiPropertyOptional({ type: [SortDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => SortDto)
  sort?: SortDto[];

  @ApiPropertyOptional({ maximum: MAX_REPORT_LIMIT, default: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REPORT_LIMIT)
  limit?: number;
}
