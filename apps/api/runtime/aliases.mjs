const distRoot = new URL('../../../dist/', import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const lib = /^@commons\/([a-z0-9-]+)$/.exec(specifier);
  if (lib) {
    return nextResolve(new URL(`libs/${lib[1]}/src/index.js`, distRoot).href, context);
  }
  return nextResolve(specifier, context);
}
