/** The newest version of each (tenant, dataset, key) the lake holds. */
export const LAKE_WATERMARKS = Symbol('LAKE_WATERMARKS');

export interface LakeKey {
  tenantId: string;
  dataset: string;
  key: string;
}

export interface LakeWatermarks {
  /**
   * Runs `write` and then records `version`, only when `version` is newer than the
   * recorded one; calls for one key run one at a time. If `write` or the process fails,
   * nothing is recorded, so the retried change writes again. Resolves whether it wrote.
   */
  writeIfNewer(key: LakeKey, version: number, write: () => Promise<void>): Promise<boolean>;
}
