import { ApiProperty } from '@nestjs/swagger';
import type { ReindexJob } from '../domain/reindex-job';

export class ReindexJobResponseDto {
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ description: 'Products and orders loaded into the new index so far' }) processed: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Known once every product and order has been read' }) total: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;

  static from(job: ReindexJob): ReindexJobResponseDto {
    const { jobId, status, processed, total, startedAt, finishedAt, error } = job;
    return Object.assign(new ReindexJobResponseDto(), { jobId, status, processed, total, startedAt, finishedAt, error });
  }
}
