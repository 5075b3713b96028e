import type { AppConfig } from '../../config/app-config';
import { OpenSearchSearchIndex } from './opensearch-search-index.adapter';

/**
 * An Amazon OpenSearch Service endpoint (https) gets SigV4-signed requests with the
 * default AWS credential chain; a plain http:// node (the local compose stack) does not.
 */
export async function createOpenSearchSearchIndex(aws: AppConfig['aws'], search: AppConfig['search']): Promise<OpenSearchSearchIndex> {
  const node = aws.opensearchUrl;
  if (!node) throw new Error('OPENSEARCH_URL is required for the OpenSearch search index');
  const { Client } = await import('@opensearch-project/opensearch');
  if (new URL(node).protocol === 'http:') return new OpenSearchSearchIndex(new Client({ node }).transport, search.indexPrefix);
  const [{ AwsSigv4Signer }, { defaultProvider }] = await Promise.all([
    import('@opensearch-project/opensearch/aws'),
    import('@aws-sdk/credential-provider-node'),
  ]);
  // One provider, so credentials are resolved once and refreshed only when they expire.
  const credentials = defaultProvider();
  const client = new Client({ ...AwsSigv4Signer({ region: aws.region, service: 'es', getCredentials: () => credentials() }), node });
  return new OpenSearchSearchIndex(client.transport, search.indexPrefix);
}
