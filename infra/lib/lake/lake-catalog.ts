import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LAKE_TABLES, LakeTable, LakeTableFormat, storedColumnType } from '../../../src/modules/analytics/domain/lake-tables';
import { EnvSettings } from '../settings';

const STORAGE: Record<LakeTableFormat, { classification: string; serde: string; input: string; output: string }> = {
  ndjson: {
    classification: 'json',
    serde: 'org.openx.data.jsonserde.JsonSerDe',
    input: 'org.apache.hadoop.mapred.TextInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  },
  parquet: {
    classification: 'parquet',
    serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    input: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    output: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  },
};

/** Partition projection of each partition key (all strings in the path): `tenant` is injected, so Athena never lists all tenants. */
const PROJECTION: Record<LakeTable['partitionKeys'][number], Record<string, string>> = {
  tenant: { type: 'injected' },
  year: { type: 'integer', range: '2000,2100' },
  month: { type: 'integer', range: '1,12', digits: '2' },
  day: { type: 'integer', range: '1,31', digits: '2' },
};

/** Stops a runaway report from scanning the whole lake: 10 GB is about $0.05 a query. */
const BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;
/** Where the workgroup puts query results in the results bucket. */
const RESULTS_PREFIX = 'athena/';

/**
 * The Glue database and tables over the lake, one per LAKE_TABLES entry (the app's catalog, which
 * the DuckDB engine reads too), with partition projection (no crawler, no MSCK REPAIR: a new
 * day's files are queryable as soon as they are written), and the Athena workgroup whose results
 * are encrypted with the environment key in their own bucket.
 */
export class LakeCatalog extends Construct {
  readonly databaseName: string;
  readonly workGroup: athena.CfnWorkGroup;
  readonly tables = new Map<string, glue.CfnTable>();

  constructor(
    scope: Construct,
    id: string,
    settings: EnvSettings,
    private readonly lake: s3.IBucket,
    private readonly results: s3.IBucket,
    key: kms.IKey,
  ) {
    super(scope, id);
    this.databaseName = `mercantil_${settings.env}_lake`;
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'Mercantil data lake (tenant/year/month/day partitions)' },
    });
    for (const table of Object.values(LAKE_TABLES)) {
      const cfn = new glue.CfnTable(this, table.name, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: this.databaseName,
        tableInput: tableInput(table, `s3://${lake.bucketName}/${table.location}/`),
      });
      cfn.node.addDependency(database);
      this.tables.set(table.name, cfn);
    }
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `${settings.prefix}analytics`,
      description: 'Mercantil analytics over the lake',
      recursiveDeleteOption: !settings.prod,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${results.bucketName}/${RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
        },
      },
    });
  }

  /**
   * Run Athena queries in the workgroup over the lake tables: Athena acts with the caller's
   * credentials, so the caller reads the catalog and the lake itself, and writes (and reads back)
   * the results; the buckets' grants add the key.
   */
  grantQuery(grantee: iam.IGrantable): void {
    const stack = Stack.of(this);
    const glueArn = (resource: string, resourceName?: string) => stack.formatArn({ service: 'glue', resource, resourceName });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'],
      resourceArns: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup.name })],
    });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
      resourceArns: [
        glueArn('catalog'),
        glueArn('database', this.databaseName),
        ...[...this.tables.keys()].map((table) => glueArn('table', `${this.databaseName}/${table}`)),
      ],
    });
    this.lake.grantRead(grantee);
    this.results.grantRead(grantee, `${RESULTS_PREFIX}*`);
    this.results.grantPut(grantee, `${RESULTS_PREFIX}*`);
  }
}

export function tableInput(table: LakeTable, location: string): glue.CfnTable.TableInputProperty {
  const storage = STORAGE[table.format];
  const projection = Object.fromEntries(
    table.partitionKeys.flatMap((key) => Object.entries(PROJECTION[key]).map(([property, value]) => [`projection.${key}.${property}`, value])),
  );
  return {
    name: table.name,
    tableType: 'EXTERNAL_TABLE',
    parameters: {
      classification: storage.classification,
      'projection.enabled': 'true',
      ...projection,
      'storage.location.template': `${location}${table.partitionKeys.map((k) => `${k}=\${${k}}`).join('/')}/`,
    },
    partitionKeys: table.partitionKeys.map((name) => ({ name, type: 'string' })),
    storageDescriptor: {
      location,
      columns: table.columns.map((column) => ({ name: column.name, type: storedColumnType(table.format, column.type, 'glue') })),
      inputFormat: storage.input,
      outputFormat: storage.output,
      serdeInfo: { serializationLibrary: storage.serde },
    },
  };
}
