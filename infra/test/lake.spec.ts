import { LAKE_TABLES, storedColumnType } from '../../src/modules/analytics/domain/lake-tables';
import { synth } from './support/synth';
import { logicalIdOf } from './support/template-queries';

const { template } = synth('dev', 'lambda');
const glueTables = Object.values(template.findResources('AWS::Glue::Table')).map((t) => t.Properties);
const glueTable = (name: string) => {
  const found = glueTables.filter((t) => t.TableInput.Name === name);
  expect(found).toHaveLength(1);
  return found[0];
};
const lakeLocation = (path: string) => ({ 'Fn::Join': ['', ['s3://', { Ref: logicalIdOf(template, 'AWS::S3::Bucket', 'StorageDataLake') }, path]] });

/**
 * The Glue tables are the app's lake catalog (src/modules/analytics/domain/lake-tables.ts), which
 * test/lake-tables.e2e-spec.ts proves against the files the writers produce.
 */
describe('Glue lake tables', () => {
  it('are exactly LAKE_TABLES, in the lake database', () => {
    expect(glueTables.map((t) => t.TableInput.Name).sort()).toEqual(Object.keys(LAKE_TABLES).sort());
    expect(Object.keys(LAKE_TABLES)).toEqual(expect.arrayContaining(['purchases', 'products', 'sales', 'sales_daily_reports', 'invoice_lines']));
    for (const table of glueTables) expect(table.DatabaseName).toBe('mercantil_dev_lake');
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'mercantil_dev_lake' } });
  });

  it.each(Object.values(LAKE_TABLES).map((t) => [t.name, t] as const))('%s: its columns, in order, with their stored Glue types', (name, table) => {
    const input = glueTable(name).TableInput;
    expect(input.StorageDescriptor.Columns).toEqual(table.columns.map((c) => ({ Name: c.name, Type: storedColumnType(table.format, c.type, 'glue') })));
  });

  it('Parquet keeps exact decimals and timestamps; NDJSON declares them as text', () => {
    const typeOf = (table: string, column: string) => glueTable(table).TableInput.StorageDescriptor.Columns.find((c: { Name: string }) => c.Name === column)?.Type;
    expect(typeOf('sales_daily_reports', 'revenue')).toBe('decimal(19,4)');
    expect(typeOf('sales_daily_reports', 'orders')).toBe('int');
    expect(typeOf('purchases', 'order_created_at')).toBe('timestamp');
    expect(typeOf('purchases', 'order_version')).toBe('bigint');
    expect(typeOf('invoice_lines', 'line_total')).toBe('string');
    expect(typeOf('invoice_lines', 'processed_at')).toBe('string');
  });

  it.each(Object.values(LAKE_TABLES).map((t) => [t.name, t] as const))('%s: its location, SerDe and tenant/year/month/day partitions with projection', (name, table) => {
    const input = glueTable(name).TableInput;
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.StorageDescriptor.Location).toEqual(lakeLocation(`/${table.location}/`));
    expect(input.PartitionKeys).toEqual(['tenant', 'year', 'month', 'day'].map((k) => ({ Name: k, Type: 'string' })));
    expect(input.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe(
      table.format === 'parquet' ? 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' : 'org.openx.data.jsonserde.JsonSerDe',
    );
    expect(input.Parameters).toEqual({
      classification: table.format === 'parquet' ? 'parquet' : 'json',
      'projection.enabled': 'true',
      'projection.tenant.type': 'injected',
      'projection.year.type': 'integer',
      'projection.year.range': '2000,2100',
      'projection.month.type': 'integer',
      'projection.month.range': '1,12',
      'projection.month.digits': '2',
      'projection.day.type': 'integer',
      'projection.day.range': '1,31',
      'projection.day.digits': '2',
      'storage.location.template': lakeLocation(`/${table.location}/tenant=\${tenant}/year=\${year}/month=\${month}/day=\${day}/`),
    });
  });

  it('the daily reports sit at the prefix the Sales module writes', () => {
    expect(glueTable('sales_daily_reports').TableInput.StorageDescriptor.Location).toEqual(lakeLocation('/sales_daily_reports/'));
    expect(glueTable('invoice_lines').TableInput.StorageDescriptor.Location).toEqual(lakeLocation('/invoice_lines/'));
  });
});

describe('Athena', () => {
  it('the workgroup enforces KMS-encrypted results in their own bucket and caps each scan', () => {
    const key = logicalIdOf(template, 'AWS::KMS::Key', 'StorageKey');
    const results = logicalIdOf(template, 'AWS::S3::Bucket', 'StorageQueryResults');
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'mercantil-dev-analytics',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: results }, '/athena/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [key, 'Arn'] } },
        },
      },
    });
  });
});
