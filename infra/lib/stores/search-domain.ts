import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import { EnvSettings } from '../settings';
import { Network } from './network';

/**
 * The OpenSearch domain behind the search port: inside the VPC, encrypted at rest with the
 * environment key and between nodes, HTTPS only (TLS 1.2+). Access is by IAM (SigV4): each
 * role that needs it is granted on this domain only.
 */
export class SearchDomain extends Construct {
  readonly domain: opensearch.Domain;

  constructor(scope: Construct, id: string, settings: EnvSettings, network: Network, key: kms.IKey) {
    super(scope, id);
    const nodes = settings.openSearch.dataNodes;
    this.domain = new opensearch.Domain(this, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_19,
      capacity: { dataNodes: nodes, dataNodeInstanceType: settings.openSearch.instanceType, multiAzWithStandbyEnabled: false },
      zoneAwareness: nodes > 1 ? { enabled: true, availabilityZoneCount: 2 } : { enabled: false },
      ebs: { volumeSize: settings.openSearch.volumeGb, volumeType: ec2.EbsDeviceVolumeType.GP3 },
      vpc: network.vpc,
      // A single-node domain takes exactly one subnet; zone awareness takes one per zone.
      vpcSubnets: [{ subnets: network.vpc.isolatedSubnets.slice(0, Math.min(nodes, 2)) }],
      securityGroups: [network.dataSecurityGroup('SearchSecurityGroup', 443, 'OpenSearch HTTPS')],
      encryptionAtRest: { enabled: true, kmsKey: key },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
      removalPolicy: settings.removalPolicy,
    });
  }

  get url(): string {
    return `https://${this.domain.domainEndpoint}`;
  }
}
