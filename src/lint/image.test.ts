/** BaseImageNotPinned and RunsAsRoot. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, lintCase, resultsOf } from "../../test/support/lint.js";

const DIGEST = "sha256:" + "ab".repeat(32);

describe("BaseImageNotPinned", () => {
  it("reports a configured image without a digest, at its key, as info", () => {
    const text = BASE_TOML.replace('version = "3.12"\n', `version = "3.12"\nbuilder-image = "python:3.12-bookworm"\nruntime-image = "python:3.12-slim-bookworm@${DIGEST}"\n`);
    const results = lintCase({ text });
    expect(resultsOf(results, "BaseImageNotPinned")).toEqual([
      'pydock.toml:3: [python] builder-image "python:3.12-bookworm" is not pinned by digest; the build output names the digest it resolved (FROM …@sha256:…): write "python:3.12-bookworm@sha256:…" to build from exactly that image',
    ]);
    expect(results.find((r) => r.code === "BaseImageNotPinned")?.severity).toBe("info");
  });

  it("is quiet for the default images and for images pinned by digest", () => {
    expect(resultsOf(lintCase({ text: BASE_TOML }), "BaseImageNotPinned")).toEqual([]);
    const text = BASE_TOML.replace('version = "3.12"\n', `version = "3.12"\nbuilder-image = "python:3.12-bookworm@${DIGEST}"\n`);
    expect(resultsOf(lintCase({ text }), "BaseImageNotPinned")).toEqual([]);
  });
});

describe("RunsAsRoot", () => {
  it("reports user root or uid 0 at [runtime] user", () => {
    expect(resultsOf(lintCase({ text: `${BASE_TOML}user = "root"\n` }), "RunsAsRoot")).toEqual([
      'pydock.toml:10: [runtime] user = "root" runs the application as root; drop the key to run as pydock\'s non-root user "app" (uid 10001), and list the folders it writes to in [runtime] directories',
    ]);
    expect(resultsOf(lintCase({ text: `${BASE_TOML}user = "0:0"\n` }), "RunsAsRoot")).toHaveLength(1);
  });

  it("is quiet for the default user and other ids", () => {
    expect(resultsOf(lintCase({ text: BASE_TOML }), "RunsAsRoot")).toEqual([]);
    expect(resultsOf(lintCase({ text: `${BASE_TOML}user = "1000:0"\n` }), "RunsAsRoot")).toEqual([]);
  });
});
