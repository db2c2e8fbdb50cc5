import DataLoader from 'dataloader';

/** What every GraphQL request's context carries: the HTTP request and its DataLoaders. */
export interface RequestContext {
  req: { user?: unknown; headers: Record<string, unknown> };
  loaders: Map<string, DataLoader<string, unknown>>;
}

/**
 * A DataLoader that lives as long as one request, created on first use. `batch` gets distinct keys and
 * returns a map; missing keys load as null.
 */
export function requestLoader<V>(
  context: RequestContext,
  name: string,
  batch: (keys: readonly string[]) => Promise<Map<string, V>>,
): DataLoader<string, V | null> {
  let loader = context.loaders.get(name) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(async (keys) => {
      const found = await batch(keys);
      return keys.map((key) => found.get(key) ?? null);
    });
    context.loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
