import { Match } from 'aws-cdk-lib/assertions';
import { skuLookupTableDefinition } from '../../src/modules/matching/adapters/dynamodb-sku-lookup-table';
import { ordersTableDefinition } from '../../src/modules/orders/adapters/dynamodb-orders-table';
import { salesMetricsTableDefinition } from '../../src/modules/sales/adapters/dynamodb-sales-metrics-table';
import { synth } from './support/synth';
import { logicalIdOf } from './support/template-queries';

const { template } = synth('dev', 'lambda');
const keyId = logicalIdOf(template, 'AWS::KMS::Key', 'StorageKey');
const keyArn = { 'Fn::GetAtt': [keyId, 'Arn'] };

describe('buckets', () => {
  const buckets = ['InvoicesRaw', 'InvoicesProcessed', 'DataLake', 'QueryResults'];

  it.each(buckets)('%s is KMS-encrypted with the environment key, versioned and never public', (name) => {
    const id = logicalIdOf(template, 'AWS::S3::Bucket', `Storage${name}`);
    expect(template.toJSON().Resources[id].Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });

  it.each(buckets)('%s refuses requests without TLS 1.2', (name) => {
    const id = logicalIdOf(template, 'AWS::S3::Bucket', `Storage${name}`);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('expire old versions everywhere, archive raw invoices, tier the lake and expire query results', () => {
    const rules = (name: string) => template.toJSON().Resources[logicalIdOf(template, 'AWS::S3::Bucket', `Storage${name}`)].Properties.LifecycleConfiguration.Rules;
    for (const name of buckets) {
      expect(rules(name)).toContainEqual(expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }));
    }
    expect(rules('InvoicesRaw')).toContainEqual(
      expect.objectContaining({
        Transitions: [
          { StorageClass: 'STANDARD_IA', TransitionInDays: 90 },
          { StorageClass: 'GLACIER_IR', TransitionInDays: 365 },
        ],
      }),
    );
    expect(rules('DataLake')).toContainEqual(expect.objectContaining({ Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 30 }] }));
    expect(rules('QueryResults')).toContainEqual(expect.objectContaining({ ExpirationInDays: 30 }));
  });

  it('the key rotates', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('DynamoDB tables', () => {
  const common = {
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
    StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  };

  it('orders has the keys and indexes the app creates on DynamoDB Local (CustomerIndex, TenantIndex)', () => {
    const definition = ordersTableDefinition('mercantil-dev-orders');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      ...common,
      TableName: 'mercantil-dev-orders',
      KeySchema: definition.KeySchema,
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes!.map((index) =>
        Match.objectLike({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: { ProjectionType: 'ALL' } }),
      ),
    });
    const table = template.toJSON().Resources[logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesOrders')];
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) => a.AttributeName!.localeCompare(b.AttributeName!);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual([...definition.AttributeDefinitions!].sort(byName));
    expect(definition.GlobalSecondaryIndexes!.map((i) => i.IndexName)).toContain('CustomerIndex');
  });

  it('the SKU lookup table is encrypted, streamed and recoverable', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      ...common,
      TableName: 'mercantil-dev-sku-lookup',
      KeySchema: skuLookupTableDefinition('x').KeySchema,
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 3);
  });

  it('the sales metrics table is the Sales module’s definition, its buckets expiring through expiresAt', () => {
    const definition = salesMetricsTableDefinition('mercantil-dev-sales-metrics');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      ...common,
      TableName: 'mercantil-dev-sales-metrics',
      KeySchema: definition.KeySchema,
      AttributeDefinitions: definition.AttributeDefinitions,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    const table = template.toJSON().Resources[logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesSalesMetrics')].Properties;
    expect(table.GlobalSecondaryIndexes).toBeUndefined();
  });
});

describe('Aurora and OpenSearch', () => {
  it('Aurora Serverless v2 PostgreSQL: encrypted with the key, TLS forced, credentials in an encrypted secret', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      KmsKeyId: keyArn,
      // dev pauses when idle; prod keeps half an ACU warm.
      ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 2, SecondsUntilAutoPause: 900 },
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless' });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: keyArn });
  });

  it('OpenSearch: encrypted at rest with the key and between nodes, HTTPS only, inside the VPC', () => {
    template.hasResourceProperties('AWS::OpenSearchService::Domain', {
      EncryptionAtRestOptions: { Enabled: true, KmsKeyId: { Ref: keyId } },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
      VPCOptions: Match.objectLike({ SubnetIds: Match.anyValue() }),
    });
  });

  it('the data stores admit only the app security group', () => {
    const appGroup = logicalIdOf(template, 'AWS::EC2::SecurityGroup', 'NetworkAppSecurityGroup');
    for (const [port, prefix] of [
      [5432, 'NetworkDatabaseSecurityGroup'],
      [443, 'NetworkSearchSecurityGroup'],
    ] as const) {
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        GroupId: { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::EC2::SecurityGroup', prefix), 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': [appGroup, 'GroupId'] },
        FromPort: port,
        ToPort: port,
      });
    }
  });
});

describe('Cognito', () => {
  it('users carry an immutable custom:tenant_id, admins are a group, the client reads the tenant', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenant_id', AttributeDataType: 'String', Mutable: false })]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ReadAttributes: Match.arrayWith(['custom:tenant_id']),
      WriteAttributes: Match.not(Match.arrayWith(['custom:tenant_id'])),
      GenerateSecret: false,
    });
  });
});
