import { S3Client } from '@aws-sdk/client-s3';
import type { AppConfig } from '../../config/app-config';
import { S3ObjectStorage } from './s3-object-storage.adapter';

export function createS3ObjectStorage(aws: AppConfig['aws']): S3ObjectStorage {
  const client = new S3Client({
    region: aws.region,
    endpoint: aws.s3Endpoint,
    // Emulators (s3rver, LocalStack) serve buckets by path, not by virtual host.
    forcePathStyle: aws.s3Endpoint !== undefined,
    // Checksums only where S3 demands them: the SDK's default flexible checksums are not
    // understood by every S3-compatible server (the design notes s3rver needs this).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return new S3ObjectStorage(client);
}
