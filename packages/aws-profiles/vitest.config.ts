import { defineConfig } from 'vitest/config';

// Tests spawn real processes (the launcher, openssl, python/botocore, go);
// on a loaded 2-core CI machine one can take several seconds to start, so
// the 5 s default would fail tests for reasons that are not theirs.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
