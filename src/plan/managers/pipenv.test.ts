/** Pipenv: lock verified, categories exported with hashes, pip installs them; both spellings of categories. */
import { describe, expect, it } from "vitest";
import { planErrors } from "../../../test/support/compile.js";
import { exampleCase } from "../../../test/support/examples.js";
import { copies, installStep, names, plan, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { PIP_CACHE } from "./manager.js";
import { PIPENV_CACHE, lockCategory, pipenv, pipenvCategories, pipfileCategories, pipfileLockHasUnhashable } from "./pipenv.js";

const { text, files } = exampleCase("pipenv-bottle");

describe("pipenv", () => {
  it("plans examples/pipenv-bottle: pinned Pipenv, Pipfile and lock, verify + requirements | pip install, no project", () => {
    const p = plan(text, files);
    expect(p.manager).toEqual({ name: "pipenv", version: pipenv.defaultVersion });
    expect(p.python.version).toBe("3.11");
    expect(names(venvSteps(p))).toEqual([
      ...setupStepNames(`pipenv==${pipenv.defaultVersion}`),
      "copy Pipfile",
      "copy Pipfile.lock",
      "pipenv verify && pipenv requirements --categories default | pip install",
    ]);
    expect(copies(venvSteps(p)).map((c) => c.src)).toEqual(["Pipfile", "Pipfile.lock"]);
    const install = installStep(p);
    expect(script(install)).toBe(
      "{ pipenv verify || { echo 'Pipfile.lock is out of date with Pipfile (pipenv verify): run `pipenv lock` and commit Pipfile.lock' >&2; exit 1; }; } && " +
        "pipenv requirements --hash --categories default > /tmp/pydock-requirements.txt && " +
        "pip --python /app/venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt",
    );
    expect(install.caches).toEqual([PIPENV_CACHE, PIP_CACHE]);
    expect(p.image.cmd).toEqual(["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]);
  });

  it("the test target exports both categories, in the lock's spelling", () => {
    expect(installStep(plan(text, files, { target: "test" })).name).toBe("pipenv verify && pipenv requirements --categories 'default develop' | pip install");
  });

  it("categories: both spellings, main, custom ones, no repeats", () => {
    expect(["main", "packages", "default", "dev-packages", "develop", "docs"].map(lockCategory)).toEqual(["default", "default", "default", "develop", "develop", "docs"]);
    expect(pipenvCategories({ groups: undefined })).toEqual(["default"]);
    expect(pipenvCategories({ groups: ["main", "packages", "develop", "docs"] })).toEqual(["default", "develop", "docs"]);
    expect([...pipfileCategories(`[[source]]\nurl = "x"\n[packages]\n[dev-packages]\n[docs]\n[requires]\npython_version = "3.11"\n`)]).toEqual(["default", "develop", "docs"]);
  });

  it("an unknown category is an error at its key naming the Pipfile's", () => {
    const t = text.replace('manager = "pipenv"', 'manager = "pipenv"\ngroups = ["default", "develop", "docs"]');
    expect(planErrors({ text: t, files }).map((d) => [d.message, d.range?.start.line])).toEqual([['unknown Pipfile category "docs" (Pipfile declares: packages, dev-packages)', 5]]);
  });

  it("a lock with git or path entries is exported without hashes", () => {
    const lock = files.get("Pipfile.lock") ?? "";
    expect(pipfileLockHasUnhashable(lock)).toBe(false);
    const doc = JSON.parse(lock);
    doc.default.mylib = { git: "https://example.com/mylib.git", ref: "abc" };
    expect(pipfileLockHasUnhashable(JSON.stringify(doc))).toBe(true);
  });

  it("a Pipfile without Pipfile.lock is pipenv, and the missing lock an error at manager", () => {
    const noLock = new Map([...files].filter(([k]) => k !== "Pipfile.lock"));
    const t = text.replace('manager = "pipenv"\n', "");
    expect(planErrors({ text: t, files: noLock }).map((d) => d.message)).toEqual(["manager is pipenv but Pipfile.lock is not in the build context (run `pipenv lock`)"]);
  });
});
