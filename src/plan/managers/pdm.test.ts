/**
 * PDM: lock checked, selection exported with hashes, pip installs it; groups and extras in PDM's -G / --prod /
 * --no-default terms. Locks of older PDM releases: without markers `pdm sync` installs them; a content hash of
 * the kind before PDM 2.16 is checked at plan time.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planErrors } from "../../../test/support/compile.js";
import { exampleCase, readTree } from "../../../test/support/examples.js";
import { envOf, installStep, names, plan, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { BUILD_DIR } from "../constants.js";
import { PIP_CACHE } from "./manager.js";
import { PDM_CACHE, pdm, pdmLegacyContentHash, pdmLegacyHashMatches, pdmLockExportable, pdmLockHasUnhashable, pdmSelection, pyJsonDumps, readPdmLock } from "./pdm.js";

const { text, files } = exampleCase("pdm-starlette");
const FIXTURES = fileURLToPath(new URL("../../../test/e2e/fixtures/", import.meta.url));
/** The e2e fixtures: pdm.lock written by PDM 2.10.4, and by PDM 2.29.4 without inherit_metadata. */
const fixture = (name: string) => {
  const f = readTree(join(FIXTURES, name));
  return { text: f.get("pydock.toml") ?? "", files: f };
};
const withLock = (lock: string) => new Map([...files, ["pdm.lock", lock]]);
/** The example's pdm.lock with its [metadata] strategy and lock_version replaced. */
const relock = (strategy: string, version = "4.5.1") =>
  (files.get("pdm.lock") ?? "").replace('strategy = ["inherit_metadata"]', strategy).replace('lock_version = "4.5.1"', `lock_version = "${version}"`);

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
    // The venv's path is pydock's default (see [dependencies] venv), whichever it is.
    const venv = envOf(install)["VIRTUAL_ENV"];
    expect(p.venvPath).toBe(venv);
    expect(script(install)).toBe(
      "{ pdm lock --check || { echo 'pdm.lock is out of date with pyproject.toml (pdm lock --check): run `pdm lock` and commit pdm.lock' >&2; exit 1; }; } && " +
        "pdm export --format requirements --output /tmp/pydock-requirements.txt --prod && " +
        `pip --python ${venv}/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt`,
    );
    expect(install.caches).toEqual([PDM_CACHE, PIP_CACHE]);
    expect(envOf(install)).toMatchObject({ PDM_PYTHON: `${venv}/bin/python`, PDM_USE_VENV: "false", PDM_CACHE_DIR: "/root/.cache/pdm", PDM_CHECK_UPDATE: "false" });
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

  describe("locks of older PDM releases", () => {
    it("reads the strategy as PDM does: missing is cross_platform, no [metadata] is inherit_metadata, old boolean keys", () => {
      const strategy = (meta: string) => readPdmLock(`${meta}\n[[package]]\nname = "a"\nversion = "1"\n`)?.strategy;
      expect(strategy('[metadata]\nlock_version = "4.0"')).toEqual(["cross_platform"]);
      expect(strategy("")).toEqual(["inherit_metadata"]);
      expect(strategy('[metadata]\nstrategy = []\nlock_version = "4.5.0"')).toEqual([]);
      expect(strategy('[metadata]\nstrategy = ["inherit_metadata", "cross_platform", "bogus"]')).toEqual(["cross_platform", "inherit_metadata"]);
      expect(strategy('[metadata]\nlock_version = "4.1"\ncross_platform = false\nstatic_urls = true')).toEqual(["static_urls"]);
      expect(readPdmLock("not [toml")).toBeUndefined();
    });

    it("only a lock with the inherit_metadata strategy can be exported", () => {
      const exportable = (lock: string) => pdmLockExportable(readPdmLock(lock) ?? { lockVersion: undefined, strategy: [], contentHash: undefined, unhashable: false });
      expect(exportable(files.get("pdm.lock") ?? "")).toBe(true);
      expect(exportable(relock('strategy = ["cross_platform"]'))).toBe(false);
      expect(exportable(relock("strategy = []"))).toBe(false);
      expect(exportable(fixture("lock-pdm-2.10").files.get("pdm.lock") ?? "")).toBe(false);
      expect(exportable(fixture("lock-pdm-nomarkers").files.get("pdm.lock") ?? "")).toBe(false);
    });

    it("a content hash is of the old kind below lock_version 4.4.2", () => {
      const legacy = (v: string | undefined) => pdmLegacyContentHash({ lockVersion: v, strategy: [], contentHash: undefined, unhashable: false });
      expect(["3.1", "4.0", "4.1", "4.4", "4.4.0", "4.4.1"].map(legacy)).toEqual([true, true, true, true, true, true]);
      expect(["4.4.2", "4.5", "4.5.0", "4.5.1", "5.0", undefined, "x"].map(legacy)).toEqual([false, false, false, false, false, false, false]);
    });

    it("json.dumps(sort_keys=True) as Python writes it: separators, ensure_ascii, key order, floats", () => {
      // Expected strings printed by CPython 3.11's json.dumps(tomllib.loads(...), sort_keys=True).
      expect(pyJsonDumps({ b: [1n, 2.5, 1, 1e16, 1.5e-5, 1e-4, -0, true], a: {}, é: "naïve \"q\" \\ \t\u007f😀", "": [] })).toBe(
        '{"": [], "a": {}, "b": [1, 2.5, 1.0, 1e+16, 1.5e-05, 0.0001, -0.0, true], "\\u00e9": "na\\u00efve \\"q\\" \\\\ \\t\\u007f\\ud83d\\ude00"}',
      );
    });

    it("the old content hash: what PDM 2.10.4 wrote matches, a changed dependency does not; every old variant of overrides", () => {
      const old = fixture("lock-pdm-2.10").files;
      const hash = readPdmLock(old.get("pdm.lock") ?? "")?.contentHash;
      expect(hash).toBe("sha256:45b6a31b4b1f47fe94c04ca4af4928c5b2756301ef7e149f3e4a159740a000bc");
      const pyproject = old.get("pyproject.toml") ?? "";
      expect(pdmLegacyHashMatches(pyproject, hash)).toBe(true);
      expect(pdmLegacyHashMatches(pyproject.replace("python-dateutil==2.9.0.post0", "python-dateutil==2.9.0"), hash)).toBe(false);
      expect(pdmLegacyHashMatches(pyproject.replace('test = ["iniconfig==2.0.0"]', 'test = ["iniconfig==2.0.0", "pytest"]'), hash)).toBe(false);
      // A description is not hashed.
      expect(pdmLegacyHashMatches(pyproject.replace("no environment markers", "no markers"), hash)).toBe(true);
      expect(pdmLegacyHashMatches(pyproject, undefined)).toBe(false);
      expect(pdmLegacyHashMatches(pyproject, "45b6a31b4b1f47fe94c04ca4af4928c5b2756301ef7e149f3e4a159740a000bc")).toBe(false);
      expect(pdmLegacyHashMatches("not [toml", hash)).toBe(false);
      // Non-ASCII, a source, resolution overrides: hashes printed by PDM 2.10.4's content_hash (S2) and by the
      // same json.dumps without overrides (PDM 1.x before 1.12, md5) and with [tool.pdm] overrides (S1).
      const unicode = [
        "[project]",
        'name = "café"',
        'requires-python = ">=3.9"',
        `dependencies = ["requests>=2.31", "naïve-lib; python_version >= '3.10'"]`,
        "[project.optional-dependencies]",
        'speed = ["ujson"]',
        "[[tool.pdm.source]]",
        'name = "private"',
        'url = "https://pypi.example.com/simple"',
        "verify_ssl = true",
        "[tool.pdm.dev-dependencies]",
        'test = ["pytest>=8"]',
        "[tool.pdm.resolution]",
        "allow-prereleases = false",
        "[tool.pdm.resolution.overrides]",
        'urllib3 = "<2"',
      ].join("\n");
      expect(pdmLegacyHashMatches(unicode, "sha256:4695953d9eceaa7198372fe42b6352304f33e509bde565f3959a697288144989")).toBe(true);
      expect(pdmLegacyHashMatches(unicode, "md5:77a537990789b549c423e42607adaf2a")).toBe(true);
      expect(pdmLegacyHashMatches(unicode, "sha256:c0c77509fc0032e30e1c0b87e42d6bb0b5ce54fb4013bb48a772055586a5e73b")).toBe(true);
      expect(pdmLegacyHashMatches(unicode.replace('urllib3 = "<2"', 'urllib3 = "<3"'), "sha256:4695953d9eceaa7198372fe42b6352304f33e509bde565f3959a697288144989")).toBe(false);
    });

    it("plans the PDM 2.10.4 lock: no pdm lock --check (pydock checked the hash), pdm sync into the venv with the selection, saying why", () => {
      const { text: t, files: f } = fixture("lock-pdm-2.10");
      const install = installStep(plan(t, f));
      expect(install.name).toBe("pdm sync --prod -G color");
      const sh = script(install);
      expect(sh).not.toContain("{ pdm lock --check ||");
      expect(sh).not.toContain("pdm export --format");
      expect(sh).toContain("pydock: pdm.lock (lock_version 4.4) has a content hash of the kind before PDM 2.16");
      expect(sh).toContain("pydock: pdm.lock (lock_version 4.4, strategy: cross_platform) has no environment markers");
      expect(sh).toMatch(/ && pdm sync --prod -G color --no-self --no-editable --fail-fast$/);
      const env = envOf(install);
      expect(env).toMatchObject({ PDM_USE_VENV: "true", PDM_PYTHON: `${env["VIRTUAL_ENV"]}/bin/python`, PDM_IGNORE_SAVED_PYTHON: "1" });
      expect(install.caches).toEqual([PDM_CACHE, PIP_CACHE]);
    });

    it("a PDM 2.10.4 lock out of date with pyproject.toml is a plan error at manager", () => {
      const { text: t, files: f } = fixture("lock-pdm-2.10");
      const stale = new Map(f);
      stale.set("pyproject.toml", (f.get("pyproject.toml") ?? "").replace('"python-dateutil==2.9.0.post0",', '"python-dateutil==2.9.0.post0",\n    "idna",'));
      expect(planErrors({ text: t, files: stale }).map((d) => [d.message, d.range?.start.line])).toEqual([
        [
          "pdm.lock is out of date with pyproject.toml: its content_hash (lock_version 4.4, PDM before 2.16) does not match the project's dependencies, sources and requires-python; run `pdm lock` and commit pdm.lock",
          t.split("\n").indexOf('manager = "pdm"') + 1,
        ],
      ]);
    });

    it("plans a current lock without markers: pdm lock --check, then pdm sync", () => {
      const { text: t, files: f } = fixture("lock-pdm-nomarkers");
      const install = installStep(plan(t, f));
      expect(install.name).toBe("pdm lock --check && pdm sync --prod -G color");
      const sh = script(install);
      expect(sh).toContain("{ pdm lock --check || { echo 'pdm.lock is out of date with pyproject.toml (pdm lock --check)");
      expect(sh).not.toContain("content hash of the kind");
      expect(sh).toMatch(/ && pdm sync --prod -G color --no-self --no-editable --fail-fast$/);
      // The test target's groups, the same flags as the export's.
      expect(installStep(plan(t.replace('extras = ["color"]', 'groups = ["main", "test"]'), f)).name).toBe("pdm lock --check && pdm sync -G test");
      expect(installStep(plan(text, withLock(relock("strategy = []")))).name).toBe("pdm lock --check && pdm sync --prod");
    });

    it("an old lock with markers (PDM 2.11 to 2.15) is exported as usual, without pdm lock --check", () => {
      // The example's pyproject.toml as PDM 2.15 hashed it (printed by its json.dumps; [dependency-groups] was not hashed).
      const old = relock('strategy = ["cross_platform", "inherit_metadata"]', "4.4.1").replace(
        /content_hash = "[^"]*"/,
        'content_hash = "sha256:22b3c465a7412be2bb52b015650626771bebe9f4e780d113bfdcbdad7e717a7f"',
      );
      const install = installStep(plan(text, withLock(old)));
      expect(install.name).toBe("pdm export --prod | pip install");
      expect(script(install)).not.toContain("{ pdm lock --check ||");
      expect(script(install)).toMatch(/^echo 'pydock: pdm\.lock \(lock_version 4\.4\.1\) has a content hash of the kind before PDM 2\.16/);
      expect(script(install)).toContain("pdm export --format requirements --output /tmp/pydock-requirements.txt --prod && pip --python");
    });

    it("pdm sync gets the index settings as PDM's: PDM_PYPI_URL, a config file of extra indexes", () => {
      const { text: t, files: f } = fixture("lock-pdm-nomarkers");
      const withIndex = t.replace('manager = "pdm"', 'manager = "pdm"\nindex-url = "https://mirror.example/simple"\nextra-index-urls = ["https://extra.example/simple"]');
      const install = installStep(plan(withIndex, f));
      expect(envOf(install)).toMatchObject({ PDM_PYPI_URL: "https://mirror.example/simple", PDM_CONFIG_FILE: "/tmp/pydock-pdm-config.toml", PIP_INDEX_URL: "https://mirror.example/simple" });
      expect(script(install)).toContain(`cat > /tmp/pydock-pdm-config.toml <<'PYDOCK_PDM_CONFIG'\n[pypi.pydock-extra-1]\nurl = "https://extra.example/simple"\nPYDOCK_PDM_CONFIG\n`);
      expect(envOf(installStep(plan(t, f)))).not.toHaveProperty("PDM_PYPI_URL");
    });

    it("a pdm.lock that is not TOML is an error at manager", () => {
      expect(planErrors({ text, files: withLock("[metadata\nlock_version = ") }).map((d) => d.message)).toEqual(["pdm.lock is not valid TOML (run `pdm lock`)"]);
    });
  });
});
