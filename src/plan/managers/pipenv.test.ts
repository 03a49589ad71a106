/** Pipenv: lock verified, categories exported with hashes, pip installs them; both spellings of categories. */
import { describe, expect, it } from "vitest";
import { planErrors } from "../../../test/support/compile.js";
import { exampleCase } from "../../../test/support/examples.js";
import { copies, envOf, installStep, names, plan, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { PIP_CACHE } from "./manager.js";
import { PIPENV_CACHE, lockCategory, pipenv, pipenvCategories, pipfileCategories, pipfileLockHasUnhashable, pipfileLockProblem } from "./pipenv.js";

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
    const venv = envOf(install)["VIRTUAL_ENV"];
    expect(p.venvPath).toBe(venv);
    expect(script(install)).toBe(
      "{ pipenv verify || { echo 'Pipfile.lock is out of date with Pipfile (pipenv verify): run `pipenv lock` and commit Pipfile.lock' >&2; exit 1; }; } && " +
        "pipenv requirements --hash --categories default > /tmp/pydock-requirements.txt && " +
        `pip --python ${venv}/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt`,
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

  it("a lock with git or path entries counts as having entries without hashes", () => {
    const lock = files.get("Pipfile.lock") ?? "";
    expect(pipfileLockHasUnhashable(lock)).toBe(false);
    const doc = JSON.parse(lock);
    doc.default.mylib = { git: "https://example.com/mylib.git", ref: "abc" };
    expect(pipfileLockHasUnhashable(JSON.stringify(doc))).toBe(true);
  });

  it("a Pipfile without Pipfile.lock is pipenv, and the missing lock an error at manager", () => {
    const noLock = new Map([...files].filter(([k]) => k !== "Pipfile.lock"));
    const t = text.replace('manager = "pipenv"\n', "");
    expect(planErrors({ text: t, files: noLock }).map((d) => d.message)).toEqual([
      "manager is pipenv but Pipfile.lock is not in the build context: run `pipenv lock` and commit Pipfile.lock (pydock installs locked versions only; locking at build time would resolve anew on every build)",
    ]);
  });

  it("entries with a missing or empty hashes list count as unhashable, in the exported categories only", () => {
    const lock = files.get("Pipfile.lock") ?? "";
    const doc = JSON.parse(lock);
    const name = Object.keys(doc.default)[0] as string;
    const variant = (edit: (d: typeof doc) => void) => {
      const d = JSON.parse(lock);
      edit(d);
      return JSON.stringify(d);
    };
    // `pipenv requirements --hash` writes a bare `--hash=` for an empty list, which pip rejects.
    const empty = variant((d) => (d.default[name].hashes = []));
    expect(pipfileLockHasUnhashable(empty)).toBe(true);
    expect(pipfileLockHasUnhashable(variant((d) => delete d.default[name].hashes))).toBe(true);
    expect(pipfileLockHasUnhashable(variant((d) => (d.default[name] = "==1.0")))).toBe(true);
    expect(pipfileLockHasUnhashable(variant((d) => (d.default[name].hashes = [""])))).toBe(true);
    // An unhashed dev entry does not cost the packages their hash checking.
    const dev = variant((d) => (d.develop = { ...d.develop, mylib: { path: "./libs/mylib" } }));
    expect(pipfileLockHasUnhashable(dev, ["default"])).toBe(false);
    expect(pipfileLockHasUnhashable(dev, ["default", "develop"])).toBe(true);
    expect(pipfileLockHasUnhashable(dev)).toBe(true);
  });

  it("entries without hashes are installed apart: the lines with hashes hash-checked, then the others, saying so", () => {
    const lock = JSON.parse(files.get("Pipfile.lock") ?? "");
    const name = Object.keys(lock.default)[0] as string;
    delete lock.default[name].hashes;
    const install = installStep(plan(text, new Map([...files, ["Pipfile.lock", JSON.stringify(lock)]])));
    expect(install.name).toBe("pipenv verify && pipenv requirements --categories default | pip install (entries without hashes apart)");
    const pip = `pip --python ${envOf(install)["VIRTUAL_ENV"]}/bin/python install --no-deps --no-compile -r`;
    expect(script(install)).toBe(
      "{ pipenv verify || { echo 'Pipfile.lock is out of date with Pipfile (pipenv verify): run `pipenv lock` and commit Pipfile.lock' >&2; exit 1; }; } && " +
        "echo 'pydock: Pipfile.lock has entries without hashes (git, path or file entries, or none recorded): pip installs those without hash checking, after the others, hash-checked' >&2 && " +
        "pipenv requirements --hash --categories default > /tmp/pydock-requirements.txt && " +
        "awk -v h=/tmp/pydock-requirements-hashed.txt -v u=/tmp/pydock-requirements-unhashed.txt 'BEGIN { printf \"\" > h; printf \"\" > u } " +
        "/^(-i|--index-url|--extra-index-url) / { print > h; print > u; next } / --hash=[^ ]/ { print > h; next } { sub(/ --hash=$/, \"\"); print > u }' /tmp/pydock-requirements.txt && " +
        `${pip} /tmp/pydock-requirements-hashed.txt && ${pip} /tmp/pydock-requirements-unhashed.txt`,
    );
    // An unhashed dev entry only where develop is exported.
    const dev = JSON.parse(files.get("Pipfile.lock") ?? "");
    dev.develop = { ...dev.develop, mylib: { path: "./libs/mylib" } };
    const withDev = new Map([...files, ["Pipfile.lock", JSON.stringify(dev)]]);
    expect(installStep(plan(text, withDev)).name).toBe("pipenv verify && pipenv requirements --categories default | pip install");
    expect(installStep(plan(text, withDev, { target: "test" })).name).toBe("pipenv verify && pipenv requirements --categories 'default develop' | pip install (entries without hashes apart)");
  });

  it("a Pipfile.lock Pipenv cannot read (not JSON, no _meta.sources) is an error at manager", () => {
    const lock = JSON.parse(files.get("Pipfile.lock") ?? "");
    expect(pipfileLockProblem(JSON.stringify(lock))).toBeUndefined();
    delete lock._meta.sources;
    const noSources = new Map([...files, ["Pipfile.lock", JSON.stringify(lock)]]);
    const line = text.split("\n").indexOf('manager = "pipenv"') + 1;
    expect(planErrors({ text, files: noSources }).map((d) => [d.message, d.range?.start.line])).toEqual([
      ["Pipfile.lock has no _meta.sources, without which Pipenv cannot read it (was it written by hand or by another tool?): run `pipenv lock` and commit Pipfile.lock", line],
    ]);
    expect(planErrors({ text, files: new Map([...files, ["Pipfile.lock", "{"]]) }).map((d) => d.message)).toEqual([
      expect.stringMatching(/^Pipfile\.lock is not valid JSON: .* \(run `pipenv lock`\)$/),
    ]);
    expect(pipfileLockProblem(`{"default": {}}`)).toMatch(/no _meta\.sources/);
  });
});
