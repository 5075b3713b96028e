import type { ObjectStorage } from '../storage/object-storage.port';
import { LAKE_FORMATS } from './lake-formats';
import { LakeSchema } from './lake-schema';

export interface LakeObject {
  key: string;
  body: Buffer;
  contentType: string;
}

/** The same rows in every lake format: `<format location>/<partition>/<name>.<extension>`. */
export async function lakeObjects<R>(dataset: string, schema: LakeSchema<R>, partition: string, name: string, rows: readonly R[]): Promise<LakeObject[]> {
  return Promise.all(
    LAKE_FORMATS.map(async (format) => ({
      key: `${format.location(dataset)}/${partition}/${name}.${format.extension}`,
      body: await format.encode(schema, rows),
      contentType: format.contentType,
    })),
  );
}

/**
 * Settles every write before it reports a failure, so no write is still landing after the
 * caller has given up (and released its lock on the key).
 */
export async function putLakeObjects(storage: ObjectStorage, bucket: string, objects: readonly LakeObject[]): Promise<void> {
  await settleAll(objects.map((object) => storage.put(bucket, object.key, object.body, { contentType: object.contentType })));
}

/** Like Promise.all, but rejects only once every promise has settled. */
export async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}
