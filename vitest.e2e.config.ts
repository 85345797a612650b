import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.spec.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    pool: "forks",
    // One server and one browser at a time: the journeys share a two-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    // A page under a loaded machine may take seconds to show what a poll waits for.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
  },
});
