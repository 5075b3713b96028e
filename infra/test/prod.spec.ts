import { synth } from './support/synth';

describe.each(['lambda', 'fargate'] as const)('prod (compute=%s)', (compute) => {
  const { template } = synth('prod', compute);
  const resources = Object.entries(template.toJSON().Resources) as [string, { Type: string; DeletionPolicy?: string; Properties: any }][];
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);

  it.each([
    'AWS::KMS::Key',
    'AWS::S3::Bucket',
    'AWS::DynamoDB::Table',
    'AWS::RDS::DBCluster',
    'AWS::OpenSearchService::Domain',
    'AWS::Cognito::UserPool',
    'AWS::SecretsManager::Secret',
  ])('every %s is retained when the stack is deleted', (type) => {
    const found = ofType(type);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter(([, r]) => r.DeletionPolicy !== 'Retain').map(([id]) => id)).toEqual([]);
  });

  it('tables, the database and the user pool are protected from deletion; nothing empties buckets', () => {
    for (const [, table] of ofType('AWS::DynamoDB::Table')) expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(ofType('AWS::RDS::DBCluster')[0][1].Properties.DeletionProtection).toBe(true);
    expect(ofType('AWS::Cognito::UserPool')[0][1].Properties.DeletionProtection).toBe('ACTIVE');
    expect(ofType('Custom::S3AutoDeleteObjects')).toEqual([]);
  });

  it('Aurora has a reader in another zone, OpenSearch two zone-aware nodes, backups for 14 days', () => {
    expect(ofType('AWS::RDS::DBInstance')).toHaveLength(2);
    expect(ofType('AWS::RDS::DBCluster')[0][1].Properties).toMatchObject({
      BackupRetentionPeriod: 14,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 16 },
    });
    expect(ofType('AWS::RDS::DBCluster')[0][1].Properties.ServerlessV2ScalingConfiguration.SecondsUntilAutoPause).toBeUndefined();
    expect(ofType('AWS::OpenSearchService::Domain')[0][1].Properties.ClusterConfig).toMatchObject({ InstanceCount: 2, ZoneAwarenessEnabled: true });
  });

  it('logs are kept three months', () => {
    const retentions = new Set(ofType('AWS::Logs::LogGroup').map(([, r]) => r.Properties.RetentionInDays));
    expect([...retentions]).toEqual([90]);
  });
});

describe('dev', () => {
  const { template } = synth('dev', 'lambda');
  it('is disposable: data stores are destroyed with the stack and buckets emptied first', () => {
    const resources = Object.values(template.toJSON().Resources) as { Type: string; DeletionPolicy?: string }[];
    for (const type of ['AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::RDS::DBCluster', 'AWS::KMS::Key']) {
      expect(resources.filter((r) => r.Type === type).map((r) => r.DeletionPolicy)).not.toContain('Retain');
    }
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 4);
  });
});
