const PREFIX = /^tenant=([^/]+)\//;

/**
 * Where a raw document lives in the raw bucket: `tenant=<t>/<yyyy>/<mm>/<sha256>.<ext>`.
 * The hash makes the key of the same bytes stable within a month (a retried upload
 * rewrites the same object), and the tenant prefix is what S3 events are routed by.
 */
export function rawDocumentKey(tenantId: string, sha256: string, extension: string, at: Date): string {
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `tenant=${encodeURIComponent(tenantId)}/${at.getUTCFullYear()}/${month}/${sha256}.${extension}`;
}

/** The tenant a raw-bucket key belongs to, or null when the key is not under a `tenant=<t>/` prefix. */
export function tenantOfRawKey(key: string): string | null {
  const match = PREFIX.exec(key);
  if (!match) return null;
  try {
    const tenant = decodeURIComponent(match[1]).trim();
    return tenant.length > 0 ? tenant : null;
  } catch {
    return null;
  }
}
