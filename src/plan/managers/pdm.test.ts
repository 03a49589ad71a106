/** PDM: lock checked, selection exported with hashes, pip installs it; groups and extras in PDM's -G / --prod / --no-default terms. */
import { describe, expect, it } from "vitest";
import { planErrors } from "../../../test/support/compile.js";
import { exampleCase } from "../../../test/support/examples.js";
import { envOf, installStep, names, plan, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { BUILD_DIR } from "../constants.js";
import { PIP_CACHE } from "./manager.js";
import { PDM_CACHE, pdm, pdmLockHasUnhashable, pdmSelection } from "./pdm.js";

const { text, files } = exampleCase("pdm-starlette");

describe("pdm", () => {
  it("plans examples/pdm-starlette: pinned PDM, manifests, lock check + export | pip install, then the package", () => {
    const p = plan(text, files);
    expect(p.manager).toEqual({ name: "pdm", version: pdm.defaultVersion });
    expect(p.python.version).toBe("3.11");
    expect(names(venvSteps(p))).toEqual([
      ...setupStepNames(`pdm==${pdm.defaultVersion}`),
      "copy pyproject.toml",
      "copy pdm.lock",
      "pdm lock --check && pdm export --prod | pip install",
      `copy . ${BUILD_DIR}`,
      "pip install --no-deps .",
    ]);
    const install = installStep(p);
    expect(script(install)).toBe(
      "{ pdm lock --check || { echo 'pdm.lock is out of date with pyproject.toml (pdm lock --check): run `pdm lock` and commit pdm.lock' >&2; exit 1; }; } && " +
        "pdm export --format requirements --output /tmp/pydock-requirements.txt --prod && " +
        "pip --python /app/venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt",
    );
    expect(install.caches).toEqual([PDM_CACHE, PIP_CACHE]);
    expect(envOf(install)).toMatchObject({ PDM_PYTHON: "/app/venv/bin/python", PDM_USE_VENV: "false", PDM_CACHE_DIR: "/root/.cache/pdm", PDM_CHECK_UPDATE: "false" });
    expect(p.image.cmd).toEqual(["uvicorn", "starlette_app.main:app", "--host", "0.0.0.0", "--port", "8000"]);
  });

  it("the test target exports the default and dev groups", () => {
    expect(installStep(plan(text, files, { target: "test" })).name).toBe("pdm lock --check && pdm export -G dev | pip install");
  });

  it("selection: --prod by default, -G per group and extra, --no-default without main/default", () => {
    expect(pdmSelection({ groups: undefined, extras: [] })).toEqual(["--prod"]);
    expect(pdmSelection({ groups: undefined, extras: ["s3"] })).toEqual(["--prod", "-G s3"]);
    expect(pdmSelection({ groups: ["main"], extras: [] })).toEqual(["--prod"]);
    expect(pdmSelection({ groups: ["default", "dev"], extras: [] })).toEqual(["-G dev"]);
    expect(pdmSelection({ groups: ["main", "dev", "lint"], extras: ["s3"] })).toEqual(["-G dev", "-G lint", "-G s3"]);
    expect(pdmSelection({ groups: ["dev"], extras: [] })).toEqual(["--no-default", "-G dev"]);
  });

  it("a lock with git, path or url packages is exported without hashes", () => {
    const lock = files.get("pdm.lock") ?? "";
    expect(pdmLockHasUnhashable(lock)).toBe(false);
    expect(pdmLockHasUnhashable(`${lock}\n[[package]]\nname = "x"\nversion = "1"\ngit = "https://example.com/x.git"\nrevision = "abc"\n`)).toBe(true);
    expect(pdmLockHasUnhashable(`${lock}\n[[package]]\nname = "y"\nversion = "1"\npath = "./libs/y"\n`)).toBe(true);
  });

  it("the project is a package with a build-system unless [tool.pdm] distribution = false", () => {
    const app = new Map(files);
    app.set("pyproject.toml", (files.get("pyproject.toml") ?? "").replace("distribution = true", "distribution = false"));
    expect(venvSteps(plan(text, app)).at(-1)?.name).toBe("pdm lock --check && pdm export --prod | pip install");
  });

  it("groups: PDM's dev groups and 'default' are known; an unknown one is an error at its key", () => {
    const withGroups = text.replace('manager = "pdm"', 'manager = "pdm"\ngroups = ["default", "dev", "docs"]');
    expect(planErrors({ text: withGroups, files }).map((d) => [d.message, d.range?.start.line])).toEqual([['unknown dependency group "docs" (pyproject.toml declares: dev)', 5]]);
  });

  it("a missing pdm.lock is an error at manager", () => {
    const noLock = new Map([...files].filter(([k]) => k !== "pdm.lock"));
    expect(planErrors({ text, files: noLock }).map((d) => d.message)).toEqual(["manager is pdm but pdm.lock is not in the build context (run `pdm lock`)"]);
  });
});
