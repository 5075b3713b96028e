import type { AppConfig } from '../../config/app-config';
import { DynamoDbSkuLookup } from '../../modules/matching/adapters/dynamodb-sku-lookup.repository';
import { createDynamoDbDocumentClient } from './dynamodb-document-client';

export function createDynamoDbSkuLookup(aws: AppConfig['aws']): DynamoDbSkuLookup {
  return new DynamoDbSkuLookup(createDynamoDbDocumentClient(aws), aws.skuLookupTable);
}
