import type { AppConfig } from '../../config/app-config';
import { DynamoDbOrderRepository } from '../../modules/orders/adapters/dynamodb-order.repository';
import { createDynamoDbDocumentClient } from './dynamodb-document-client';

export function createDynamoDbOrderRepository(aws: AppConfig['aws']): DynamoDbOrderRepository {
  return new DynamoDbOrderRepository(createDynamoDbDocumentClient(aws), aws.ordersTable);
}
