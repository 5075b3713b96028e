import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { EnvSettings } from '../settings';

/**
 * Aurora and OpenSearch live in isolated subnets; the app (Lambda or Fargate) runs in private
 * subnets with NAT egress for the AWS APIs that have no free gateway endpoint (SQS, SNS, Step
 * Functions, Textract, Cognito's JWKS). S3 and DynamoDB traffic stays on gateway endpoints.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Attached to every compute task or function; the data stores admit only this group. */
  readonly appSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, settings: EnvSettings) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: settings.maxAzs,
      natGateways: settings.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });
    this.appSecurityGroup = new ec2.SecurityGroup(this, 'AppSecurityGroup', {
      vpc: this.vpc,
      description: 'Mercantil API, workers and task functions',
      allowAllOutbound: true,
    });
  }

  /** A security group for a data store that accepts `port` from the app only. */
  dataSecurityGroup(id: string, port: number, description: string): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(this, id, { vpc: this.vpc, description, allowAllOutbound: false });
    group.addIngressRule(this.appSecurityGroup, ec2.Port.tcp(port), `from the Mercantil app`);
    return group;
  }
}
