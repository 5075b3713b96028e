/** The cache namespace of report results. */
export const ANALYTICS_CACHE_NAMESPACE = 'analytics';

