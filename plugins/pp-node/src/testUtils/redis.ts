/**
 * The Redis that tests use for real (sessions, invalidation), from PP_TEST_REDIS_URL which
 * `scripts/test.sh` sets. With PP_REQUIRE_REDIS=1 a missing URL fails instead of skipping.
 *
 * @public
 */
export function ppTestRedisUrl(): string | undefined {
  const url = process.env.PP_TEST_REDIS_URL;
  if (!url && process.env.PP_REQUIRE_POSTGRES) {
    throw new Error(
      'The full test run needs PP_TEST_REDIS_URL (scripts/test.sh sets it)',
    );
  }
  return url;
}
