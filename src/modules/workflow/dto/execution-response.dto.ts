import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExecutionStatus } from '../domain/execution';
import { StoredHistoryEvent } from '../domain/execution-repository.port';
import type { ExecutionView } from '../domain/workflow-engine.port';

export class ExecutionResponseDto {
  @ApiProperty({ description: 'Opaque: a UUID on the embedded engine, the base64url of the execution ARN on Step Functions' }) executionId: string;
  @ApiProperty() workflowName: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ExecutionStatus }) status: ExecutionStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) input: unknown;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) output: unknown;
  @ApiPropertyOptional({ nullable: true, example: 'Payment.Declined' }) error: string | null;
  @ApiPropertyOptional({ nullable: true }) cause: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) stoppedAt: string | null;

  static from(e: ExecutionView): ExecutionResponseDto {
    const { executionId, workflowName, name, status, input, output, error, cause, startedAt, stoppedAt } = e;
    return Object.assign(new ExecutionResponseDto(), { executionId, workflowName, name, status, input, output, error, cause, startedAt, stoppedAt });
  }
}

export class HistoryEventDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'TaskStateEntered' }) type: string;
  @ApiPropertyOptional() stateName?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: StoredHistoryEvent['details'];
  @ApiProperty({ format: 'date-time' }) timestamp: string;
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryEventDto] }) events: HistoryEventDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as ?after= for the next page; null on the last page' })
  nextAfter: number | null;
}

export class ExecutionPageDto {
  @ApiProperty({ type: [ExecutionResponseDto] }) items: ExecutionResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor: string | null;
}
