import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { Api } from './api';
import { findAslFiles } from './asl-files';
import { Auth } from './auth';
import { AppBuild } from './compute/app-build';
import { AppFunctions } from './compute/app-functions';
import { AppResources } from './compute/app-resources';
import { EventFunctions } from './compute/event-functions';
import { FargateCompute } from './compute/fargate-compute';
import { LambdaCompute } from './compute/lambda-compute';
import { Database } from './stores/database';
import { Network } from './stores/network';
import { SearchDomain } from './stores/search-domain';
import { Storage } from './stores/storage';
import { Tables } from './stores/tables';
import { LakeCatalog } from './lake/lake-catalog';
import { Messaging } from './messaging';
import { Alarms } from './observability/alarms';
import { Dashboards } from './observability/dashboards';
import { Monitored } from './observability/monitored';
import { Schedules } from './schedules';
import { ComputeMode, EnvSettings } from './settings';
import { Workflows } from './workflows';

export interface MercantilStackProps extends StackProps {
  settings: EnvSettings;
  compute: ComputeMode;
  /** The repository root: ASL files, dist/, the Dockerfile. */
  repoRoot: string;
  build: AppBuild;
  /** compute=fargate: the image of the Dockerfile by default; tests pass a registry image so nothing is built. */
  containerImage?: ecs.ContainerImage;
  alarmEmail?: string;
}

/**
 * One environment of Mercantil. A single stack, split into constructs, because the pieces
 * reference each other both ways (the raw bucket notifies a function that reads the bucket);
 * separate stacks would turn those references into export cycles.
 */
export class MercantilStack extends Stack {
  constructor(scope: Construct, id: string, props: MercantilStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const network = new Network(this, 'Network', settings);
    const storage = new Storage(this, 'Storage', settings);
    const key = storage.key;
    const tables = new Tables(this, 'Tables', settings, key);
    const database = new Database(this, 'Database', settings, network, key);
    const search = new SearchDomain(this, 'Search', settings, network, key);
    const messaging = new Messaging(this, 'Messaging', settings, key);
    new Schedules(this, 'Schedules', settings, messaging);
    const auth = new Auth(this, 'Auth', settings);
    const lake = new LakeCatalog(this, 'Lake', settings, storage.dataLake, storage.queryResults, key);

    const workflows = new Workflows(this, 'Workflows', settings);
    const resources: AppResources = { settings, key, network, storage, tables, database, search, messaging, workflows, auth, lake };

    const functions = new AppFunctions(this, 'Functions', resources, props.build);
    const aslFiles = findAslFiles(props.repoRoot);
    const events = new EventFunctions(this, 'Events', resources, functions, aslFiles);
    workflows.addStateMachines(aslFiles, events.tasks);

    let api: Api;
    let apiCompute: Monitored['apiCompute'];
    if (props.compute === 'lambda') {
      const compute = new LambdaCompute(this, 'Lambda', resources, functions);
      api = new Api(this, 'Api', settings, auth, compute.integration);
      apiCompute = { kind: 'lambda', fn: compute.apiFunction };
    } else {
      const image = props.containerImage ?? ecs.ContainerImage.fromAsset(props.repoRoot);
      const compute = new FargateCompute(this, 'Fargate', resources, image);
      api = new Api(this, 'Api', settings, auth, compute.integration);
      apiCompute = { kind: 'fargate', service: compute.apiService.service, loadBalancer: compute.apiService.loadBalancer, worker: compute.workerService };
    }

    const monitored: Monitored = {
      settings,
      key,
      api,
      functions: functions.all,
      apiCompute,
      tables: [tables.orders, tables.skuLookup, tables.salesMetrics],
      ordersTable: tables.orders,
      queues: messaging.queues,
      extraDeadLetters: [events.streamDeadLetter],
      stateMachines: workflows.stateMachines,
      streamWorker: events.streamWorker,
      database: database.cluster,
      search: search.domain,
    };
    new Alarms(this, 'Alarms', monitored, props.alarmEmail);
    new Dashboards(this, 'Dashboards', monitored);

    const outputs: Record<string, string> = {
      ApiUrl: api.url,
      UserPoolId: auth.userPool.userPoolId,
      UserPoolClientId: auth.client.userPoolClientId,
      AuthIssuer: auth.issuer,
      InvoicesRawBucket: storage.invoicesRaw.bucketName,
      DataLakeBucket: storage.dataLake.bucketName,
      SalesMetricsTable: tables.salesMetrics.tableName,
      DatabaseSecretArn: database.secret.secretArn,
      OpenSearchUrl: search.url,
      GlueDatabase: lake.databaseName,
      AthenaWorkGroup: lake.workGroup.name,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
