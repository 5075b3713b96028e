/**
 * import() that stays an import. tsc (module: commonjs) rewrites `await import(x)` to
 * require(x), and Jest's require refuses ESM-only packages (hyparquet, hyparquet-writer)
 * even where Node itself would load them, so the lake's Parquet code goes through Node's
 * own loader. Lazily loaded, like the AWS clients, so boots that write no Parquet stay lean.
 * The source differs per module instance because V8 caches compiled functions by source,
 * and a cached one keeps the loader of the Jest environment that first compiled it.
 */
const load = new Function('specifier', `return import(specifier); // ${Math.random()}`) as (specifier: string) => Promise<unknown>;

export const importEsm = <T>(specifier: string): Promise<T> => load(specifier) as Promise<T>;
