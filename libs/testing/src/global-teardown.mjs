export default async function globalTeardown() {
  await globalThis.__COMMONS_TEST_TEARDOWN__?.();
}
