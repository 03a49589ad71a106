/** The installed set from pdm.lock, as `pdm export` selects it. */
import { describe, expect, it } from "vitest";
import { exampleFiles } from "../../test/support/examples.js";
import { lockedDistributions } from "./lockfile.js";

const tree = exampleFiles("pdm-starlette");
const files = (path: string): string | undefined => tree.get(path);
const names = (groups: readonly string[] | undefined, extras: readonly string[] = []) =>
  lockedDistributions({ manager: "pdm", files, groups, extras, requirements: [], environment: { python_version: "3.11" } }).map((d) => d.name);

describe("pdm.lock", () => {
  it("production: the default group only", () => {
    expect(names(undefined)).toEqual(["anyio", "click", "h11", "idna", "starlette", "typing-extensions", "uvicorn"]);
  });

  it("main + dev adds the dev group; dev alone leaves out what only default needs; markers are evaluated", () => {
    const all = names(["main", "dev"]);
    expect(all).toContain("pytest");
    expect(all).toContain("uvicorn");
    expect(all).not.toContain("colorama"); // sys_platform == "win32"
    const dev = names(["dev"]);
    expect(dev).toContain("pytest");
    expect(dev).not.toContain("uvicorn");
  });

  it("versions and every file hash of the lock, with PyPI purls", () => {
    const starlette = lockedDistributions({ manager: "pdm", files, extras: [], requirements: [] }).find((d) => d.name === "starlette");
    const lock = files("pdm.lock") ?? "";
    const version = /name = "starlette"\nversion = "([^"]+)"/.exec(lock)?.[1] ?? "?";
    expect(starlette?.version).toBe(version);
    expect(starlette?.purl).toBe(`pkg:pypi/starlette@${version}`);
    expect(starlette?.hashes.length).toBeGreaterThanOrEqual(2);
    expect(starlette?.sourceType).toBe("registry");
  });

  it("a missing pdm.lock is an error naming it", () => {
    expect(() => lockedDistributions({ manager: "pdm", files: () => undefined, extras: [], requirements: [] })).toThrow("pdm.lock not found");
  });
});
