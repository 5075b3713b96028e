import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from '../../config/app-config';

export function createDynamoDbDocumentClient(aws: AppConfig['aws']): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ region: aws.region, endpoint: aws.dynamodbEndpoint });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
