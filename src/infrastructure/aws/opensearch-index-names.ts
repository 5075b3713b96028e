import { createHash, randomBytes } from 'node:crypto';
import { InvalidInputError } from '../../common/errors/application-errors';
import type { IndexChange } from '../../modules/search/domain/search-documents';

export type SearchKind = 'products' | 'purchases';
export const SEARCH_KINDS: readonly SearchKind[] = ['products', 'purchases'];

export const kindOf = (change: IndexChange): SearchKind => (change.kind === 'product' ? 'products' : 'purchases');

/**
 * The generation of an index created lazily on a tenant's first write. Fixed, so that two
 * processes racing to create it collide (resource_already_exists) instead of putting the
 * alias on two indexes.
 */
export const INITIAL_GENERATION = '0';

const GENERATION = /^[a-z0-9]{1,32}$/;
const TENANT_SEGMENT_MAX = 64;

/** Time-ordered and unique enough for one tenant's reindexes. */
export function newGeneration(): string {
  return `g${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * The tenant's part of an index name. Ids that are already lowercase [a-z0-9-] are used as
 * they are; any other id is folded to that alphabet and gets `_` plus a hash of the
 * original, so "Acme" and "acme" (or "a b" and "a-b") never share an index: an unchanged
 * id never contains `_`.
 */
export function tenantSegment(tenantId: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(tenantId) && tenantId.length <= TENANT_SEGMENT_MAX) return tenantId;
  const folded = tenantId
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, TENANT_SEGMENT_MAX);
  return `${folded}_${createHash('sha256').update(tenantId).digest('hex').slice(0, 12)}`;
}

/**
 * Names of one tenant's indexes. Generations and the building marker are joined with `.`,
 * which no tenant segment contains, so tenant "acme" can never match tenant
 * "acme-building" or "acme-g1" in a name or a wildcard.
 */
export class TenantIndexNames {
  private readonly base: string;

  constructor(
    private readonly prefix: string,
    tenantId: string,
  ) {
    this.base = tenantSegment(tenantId);
  }

  /** Searches and live writes go through this alias. */
  alias(kind: SearchKind): string {
    return `${this.prefix}-${kind}-${this.base}`;
  }

  /** Marks the generation being rebuilt, so every process also writes to it. */
  buildingAlias(kind: SearchKind): string {
    return `${this.alias(kind)}.building`;
  }

  index(kind: SearchKind, generation: string): string {
    if (!GENERATION.test(generation)) throw new InvalidInputError(`Not a search index generation: ${generation}`);
    return `${this.alias(kind)}.${generation}`;
  }

  /** Every generation of both kinds of this tenant, and nothing of any other tenant. */
  allGenerations(): string {
    return SEARCH_KINDS.map((kind) => `${this.alias(kind)}.*`).join(',');
  }
}
