import { defineConfig } from "vitest/config";

// Four suites: `unit` (pure code, no I/O), `protocol` (the bundled frontend against an in-process fake
// BuildKit), `cli` (the bundled `pydock` command as a process), `e2e` (real images on a real BuildKit; needs
// Docker). `npm run test:unit` runs the first three.
export default defineConfig({
  test: {
    // The e2e suite's teardown starts a container to check the machine's engine still serves published ports
    // (test/e2e/global-setup.ts); vitest's 10 s default cut it short on a loaded machine, leaving it running.
    teardownTimeout: 120_000,
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts", "test/golden/**/*.test.ts", "test/fuzz/**/*.test.ts"] } },
      { test: { name: "protocol", include: ["test/protocol/**/*.test.ts"], testTimeout: 30_000 } },
      { test: { name: "cli", include: ["test/cli/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          // Builds share one daemon and 2 cores: run the files one after another, and at most two
          // builds of a file at once (test/e2e/corpus.test.ts).
          fileParallelism: false,
          maxConcurrency: 2,
        },
      },
    ],
  },
});
