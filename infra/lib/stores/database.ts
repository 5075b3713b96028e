import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EnvSettings } from '../settings';
import { Network } from './network';

const DB_USER = 'mercantil';
const DB_NAME = 'mercantil';
/** Letters and digits only, so the generated password needs no escaping inside DATABASE_URL. */
const URL_UNSAFE = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/**
 * Aurora Serverless v2 PostgreSQL: the relational store (catalog, invoices, commissions,
 * workflow history when embedded, outbox). Encrypted with the environment key, TLS forced,
 * reachable only from the app's security group.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, settings: EnvSettings, network: Network, key: kms.IKey) {
    super(scope, id);
    const clusterIdentifier = `${settings.prefix}db`;
    // Created here rather than by RDS, so it has a retention without CDK's log-retention function.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/rds/cluster/${clusterIdentifier}/postgresql`,
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    const credentials = new rds.DatabaseSecret(this, 'Credentials', { username: DB_USER, encryptionKey: key, excludeCharacters: URL_UNSAFE });
    // A retained database is useless without its credentials.
    credentials.applyRemovalPolicy(settings.removalPolicy);
    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      clusterIdentifier,
      credentials: rds.Credentials.fromSecret(credentials),
      defaultDatabaseName: DB_NAME,
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      readers: Array.from({ length: settings.aurora.readers }, (_, i) =>
        rds.ClusterInstance.serverlessV2(`Reader${i + 1}`, { scaleWithWriter: true }),
      ),
      serverlessV2MinCapacity: settings.aurora.minCapacity,
      serverlessV2MaxCapacity: settings.aurora.maxCapacity,
      serverlessV2AutoPauseDuration: settings.aurora.autoPause,
      vpc: network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [network.dataSecurityGroup('DatabaseSecurityGroup', 5432, 'Aurora PostgreSQL')],
      storageEncrypted: true,
      storageEncryptionKey: key,
      parameterGroup: new rds.ParameterGroup(this, 'Parameters', { engine, parameters: { 'rds.force_ssl': '1' } }),
      backup: { retention: settings.aurora.backupRetention },
      deletionProtection: settings.prod,
      removalPolicy: settings.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
    });
    this.cluster.node.addDependency(logGroup);
    // The attachment: the same secret, once the cluster's host and port are written into it.
    this.secret = this.cluster.secret!;
  }

  /**
   * DATABASE_URL with the password as `password` (a literal, or a shell variable the container
   * expands). The connection is TLS (`rds.force_ssl`); `no-verify` because Node does not ship the
   * RDS certificate authority, so the server certificate is not checked against it.
   */
  urlWith(password: string): string {
    const endpoint = this.cluster.clusterEndpoint;
    return Fn.join('', [`postgres://${DB_USER}:${password}@`, endpoint.hostname, ':', endpoint.port.toString(), `/${DB_NAME}?sslmode=no-verify`]);
  }

  /**
   * For Lambda: a CloudFormation dynamic reference, resolved at deploy time into the function's
   * environment (encrypted at rest with the environment key); the template never holds the password.
   */
  lambdaUrl(): string {
    return this.urlWith(this.secret.secretValueFromJson('password').unsafeUnwrap());
  }
}
