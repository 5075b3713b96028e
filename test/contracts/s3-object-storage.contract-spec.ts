import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStorage } from '../../src/infrastructure/aws/s3-object-storage.adapter';
import { createS3ObjectStorage } from '../../src/infrastructure/aws/s3-object-storage.factory';
import { startS3rver } from '../support/s3rver';
import { describeObjectStorageContract } from './object-storage.contract';

const BUCKET = 'mercantil-invoices-raw';

describeObjectStorageContract('S3 (s3rver) through the app factory', async () => {
  const server = await startS3rver([BUCKET]);
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  const storage = createS3ObjectStorage({ region: 'us-east-1', s3Endpoint: server.endpoint, ordersTable: 'x', skuLookupTable: 'x', salesMetricsTable: 'x' });
  return { storage, bucket: BUCKET, close: server.close };
});

describeObjectStorageContract('S3 (s3rver) with pages of 7 keys', async () => {
  const server = await startS3rver([BUCKET]);
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { storage: new S3ObjectStorage(client, 7), bucket: BUCKET, close: server.close };
});
