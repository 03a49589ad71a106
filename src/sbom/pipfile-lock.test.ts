/** The installed set from Pipfile.lock, as `pipenv requirements --categories` exports it. */
import { describe, expect, it } from "vitest";
import { exampleFiles } from "../../test/support/examples.js";
import { lockedDistributions } from "./lockfile.js";

const tree = exampleFiles("pipenv-bottle");
const files = (path: string): string | undefined => tree.get(path);
const names = (groups?: readonly string[]) => lockedDistributions({ manager: "pipenv", files, groups, extras: [], requirements: [], environment: { python_version: "3.11" } }).map((d) => d.name);

describe("Pipfile.lock", () => {
  it("production: the default category", () => {
    expect(names()).toEqual(["bottle", "gunicorn", "jinja2", "markupsafe"]);
    expect(names(["packages"])).toEqual(names());
  });

  it("either spelling of the dev category adds it", () => {
    expect(names(["default", "dev-packages"])).toEqual(names(["main", "develop"]));
    expect(names(["main", "develop"])).toContain("pytest");
    expect(names(["develop"])).not.toContain("bottle");
  });

  it("the lock's versions and hashes, PyPI purls", () => {
    const lock = JSON.parse(files("Pipfile.lock") ?? "{}");
    const bottle = lockedDistributions({ manager: "pipenv", files, extras: [], requirements: [] }).find((d) => d.name === "bottle");
    expect(`==${bottle?.version}`).toBe(lock.default.bottle.version);
    expect(bottle?.hashes.map((h) => `${h.algorithm}:${h.value}`).sort()).toEqual([...lock.default.bottle.hashes].sort());
    expect(bottle?.purl).toBe(`pkg:pypi/bottle@${bottle?.version}`);
  });
});
