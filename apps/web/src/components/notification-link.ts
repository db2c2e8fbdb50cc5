/** A notification's link (PUBLIC_URL plus a path) as a path inside this web app; undefined when it has none. */
export function appPath(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return link.startsWith('/') ? link : undefined;
  }
}
