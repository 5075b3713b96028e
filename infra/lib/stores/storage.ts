import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EnvSettings } from '../settings';

/**
 * The customer-managed key that encrypts every data store, queue and topic of the
 * environment, and the buckets: versioned, KMS-encrypted, TLS-only, never public.
 */
export class Storage extends Construct {
  readonly key: kms.Key;
  readonly invoicesRaw: s3.Bucket;
  readonly invoicesProcessed: s3.Bucket;
  readonly dataLake: s3.Bucket;
  /** Athena writes query results here (not in the lake, so readers of results cannot read the lake). */
  readonly queryResults: s3.Bucket;

  constructor(scope: Construct, id: string, settings: EnvSettings) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${settings.prefix}data`,
      description: `Mercantil ${settings.env}: buckets, tables, queues, topics, database, search`,
      enableKeyRotation: true,
      removalPolicy: settings.removalPolicy,
    });
    const bucket = (name: string, lifecycleRules: s3.LifecycleRule[]) =>
      new s3.Bucket(this, name, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        // One data key per bucket instead of a KMS call per object: the same protection at a fraction of the KMS requests.
        bucketKeyEnabled: true,
        versioned: true,
        enforceSSL: true,
        minimumTLSVersion: 1.2,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy: settings.removalPolicy,
        autoDeleteObjects: settings.removalPolicy === RemovalPolicy.DESTROY,
        lifecycleRules: [
          { id: 'tidy-versions-and-uploads', noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(7) },
          ...lifecycleRules,
        ],
      });
    // Originals are evidence (tax records), read rarely after the month they arrive in.
    this.invoicesRaw = bucket('InvoicesRaw', [
      {
        id: 'archive-originals',
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
        ],
      },
    ]);
    this.invoicesProcessed = bucket('InvoicesProcessed', [
      { id: 'cool-processed', transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }] },
    ]);
    // Lake partitions are scanned by date range: recent ones often, old ones rarely and unpredictably.
    this.dataLake = bucket('DataLake', [
      { id: 'tier-lake', transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) }] },
    ]);
    this.queryResults = bucket('QueryResults', [{ id: 'expire-results', expiration: Duration.days(30) }]);
  }
}
