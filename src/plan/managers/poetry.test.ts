/** Poetry: the tool install (with the export plugin on 2.x), `poetry export | pip install`, the wheel of the project. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../../test/support/examples.js";
import { copies, envOf, find, installEnv, installStep, names, plan, runStep, script, userSecrets, venvSteps, stage, setupStepNames } from "../../../test/support/plan-steps.js";
import { BUILD_DIR } from "../constants.js";
import { PIP_CACHE, toolLock } from "./manager.js";
import { POETRY_CACHE, POETRY_EXPORT_VERSION, poetry } from "./poetry.js";
import { MANAGERS } from "./registry.js";

const { text: djangoText, files: django } = exampleCase("poetry-django");

describe("poetry", () => {
  it("plans examples/poetry-django: pinned Poetry 2.x with the export plugin, manifests, export | pip install", () => {
    const p = plan(djangoText, django, { revision: "0123456789abcdef0123456789abcdef01234567" });
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager).toEqual({ name: "poetry", version: "2.2.1" });
    // Bases are normalised references.
    expect(stage(p, "venv").base).toBe("docker.io/library/python:3.11-bookworm");
    expect(stage(p, "runtime").base).toBe("docker.io/library/python:3.11-slim-bookworm");
    expect(p.venvPath).toBe("/app/venv");

    expect(names(venvSteps(p))).toEqual([
      ...setupStepNames("poetry==2.2.1 poetry-plugin-export==1.10.1", "/app/venv"),
      "copy pyproject.toml",
      "copy poetry.lock",
      "poetry export --only main | pip install",
    ]);
    const [, manager, venv, , , install] = venvSteps(p);
    // Poetry and the plugin from the pinned set shipped for 2.2.1, hash-checked, no dependency resolved at build time.
    const set = toolLock("poetry", "2.2.1") ?? "";
    expect(set).toContain(`poetry-plugin-export==${POETRY_EXPORT_VERSION} \\\n    --hash=sha256:`);
    expect(script(manager)).toBe(
      `cat > /tmp/pydock-poetry-2.2.1.txt <<'PYDOCK_LOCK'\n${set}PYDOCK_LOCK\n` +
        "python -m venv /opt/pydock/poetry && /opt/pydock/poetry/bin/pip install --disable-pip-version-check --no-compile --require-hashes --no-deps -r /tmp/pydock-poetry-2.2.1.txt",
    );
    expect(runStep(manager).caches).toEqual([PIP_CACHE]);
    expect(script(venv)).toMatch(/^python -m venv --copies --without-pip \/app\/venv && /);
    expect(script(install)).toBe(
      "poetry export --format requirements.txt --output /tmp/pydock-requirements.txt --only main --no-ansi && " +
        "pip --python /app/venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt",
    );
    expect(script(install)).not.toContain("--without-hashes");
    const inst = runStep(install);
    expect(inst.cwd).toBe(BUILD_DIR);
    expect(inst.caches).toEqual([POETRY_CACHE, PIP_CACHE]);
    expect(POETRY_CACHE).toEqual({ id: "pydock-poetry", target: "/root/.cache/pypoetry", sharing: "locked" });
    // The manager's tool venv comes first on PATH, so the command line names `poetry` and `pip` bare.
    expect(inst.env[0]).toEqual(["PATH", "/opt/pydock/poetry/bin:${PATH}"]);
    expect(envOf(inst)).toMatchObject({
      ...installEnv("poetry", "/app/venv"),
      POETRY_CACHE_DIR: "/root/.cache/pypoetry",
      POETRY_NO_INTERACTION: "1",
      POETRY_VIRTUALENVS_CREATE: "false",
    });
    expect(inst.ssh).toBe(false);
    expect(userSecrets(inst)).toEqual([]);
    // Manifests land in the build dir; package-mode = false: the project itself is not installed.
    expect(copies(venvSteps(p)).map((c) => [c.src, c.dest])).toEqual([
      ["pyproject.toml", `${BUILD_DIR}/pyproject.toml`],
      ["poetry.lock", `${BUILD_DIR}/poetry.lock`],
    ]);
  });

  it("the test target installs main and dev with --only main,dev", () => {
    const p = plan(djangoText, django, { target: "test" });
    expect(script(installStep(p))).toContain(" --only main,dev --no-ansi");
    expect(installStep(p).name).toBe("poetry export --only main,dev | pip install");
    expect(p.image.cmd).toEqual(["pytest", "-q"]);
    expect(p.target).toBe("test");
  });

  it("Poetry 1.8 bundles export: no plugin installed, same selection flags", () => {
    const text = djangoText.replace('manager-version = "2.2.1"', 'manager-version = "1.8.5"');
    const p = plan(text, django);
    expect(p.manager.version).toBe("1.8.5");
    const manager = find(venvSteps(p), /^install poetry/);
    expect(manager.name).toBe("install poetry==1.8.5 (pinned set, hash-checked)");
    expect(script(manager)).toMatch(/^poetry==1\.8\.5 \\$/m);
    expect(script(manager)).toMatch(/ -r \/tmp\/pydock-poetry-1\.8\.5\.txt$/);
    expect(script(installStep(p))).toContain("export --format requirements.txt --output /tmp/pydock-requirements.txt --only main --no-ansi");
  });

  it("the default Poetry version is 2.x and gets the export plugin", () => {
    const p = plan(djangoText.replace(/manager-version = .*\n/, ""), django);
    expect(MANAGERS.poetry).toBe(poetry);
    expect(p.manager.version).toBe(poetry.defaultVersion);
    expect(Number(poetry.defaultVersion.split(".")[0])).toBeGreaterThanOrEqual(2);
    expect(script(find(venvSteps(p), /^install poetry/))).toContain("poetry-plugin-export==");
  });

  it("extras become --extras flags, one per extra", () => {
    const text = djangoText.replace('groups = ["main"]', 'groups = ["main"]\nextras = ["postgres", "s3"]');
    const s = script(installStep(plan(text, django)));
    expect(s).toContain("--only main --extras postgres --extras s3 --no-ansi");
  });

  it("adds --without-hashes when the lock has git, path or url sources", () => {
    const withLock = (lock: string) => new Map([...django, ["poetry.lock", lock]]);
    for (const type of ["git", "directory", "file", "url"]) {
      const lock =
        django.get("poetry.lock") +
        `\n[[package]]\nname = "mylib"\nversion = "1.0"\nfiles = []\n\n[package.source]\ntype = "${type}"\nurl = "https://example.com/mylib.git"\nreference = "main"\n`;
      expect(script(installStep(plan(djangoText, withLock(lock)))), type).toContain("--only main --without-hashes --no-ansi");
    }
    // A legacy (index) source still carries hashes.
    const legacy = django.get("poetry.lock") + `\n[package.source]\ntype = "legacy"\nurl = "https://pypi.example.com/simple"\nreference = "private"\n`;
    expect(script(installStep(plan(djangoText, withLock(legacy))))).not.toContain("--without-hashes");
  });

  it("a Poetry package (build-system, package mode) is built as a wheel and installed without deps after the sources", () => {
    const pyproject = `[tool.poetry]\nname = "shop"\nversion = "1.2.3"\n\n[tool.poetry.dependencies]\npython = "~3.10"\n\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`;
    // The package Poetry builds: named after the project, under src/.
    const p = plan(`[runtime]\ncommand = ["shop"]\n[app]\ncopy = ["src", "README.md"]\n`, {
      "pyproject.toml": pyproject,
      "poetry.lock": "# lock\n",
      "src/shop/__init__.py": "",
    });
    expect(p.python.version).toBe("3.10");
    expect(p.manager.name).toBe("poetry");
    expect(names(venvSteps(p)).slice(-4)).toEqual([
      "poetry export --only main | pip install",
      `copy src ${BUILD_DIR}/src`,
      `copy README.md ${BUILD_DIR}/README.md`,
      "install the project (wheel, no deps)",
    ]);
    const last = runStep(venvSteps(p).at(-1));
    expect(script(last)).toBe(
      `cd ${BUILD_DIR} && rm -rf dist && poetry build --format wheel --no-ansi && ` +
        "pip --python /app/.venv/bin/python install --no-deps --no-compile dist/*.whl",
    );
    expect(last.caches).toEqual([POETRY_CACHE, PIP_CACHE]);
    expect(envOf(last).PATH).toBe("/opt/pydock/poetry/bin:${PATH}");
    // Title and version come from [tool.poetry] when there is no [project] (created: SOURCE_DATE_EPOCH,
    // 1980-01-01 by default).
    expect(p.image.labels).toEqual([
      ["org.opencontainers.image.title", "shop"],
      ["org.opencontainers.image.version", "1.2.3"],
      ["org.opencontainers.image.created", "1980-01-01T00:00:00Z"],
    ]);
  });

  describe("a package only with a build-system, package mode, and something for Poetry to build", () => {
    const PROJECT = `[tool.poetry]\nname = "my-shop"\nversion = "1.0"\n\n[tool.poetry.dependencies]\npython = "^3.12"\n`;
    const BUILD_SYSTEM = `\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`;
    const installsProject = (pyproject: string, files: Record<string, string> = {}) =>
      venvSteps(plan(`[runtime]\ncommand = "x"\n`, { "pyproject.toml": pyproject, "poetry.lock": "", ...files })).at(-1)?.name ===
      "install the project (wheel, no deps)";

    it.each([["my_shop/__init__.py"], ["src/my_shop/__init__.py"], ["my_shop.py"], ["src/my_shop.py"]])(
      "a package or module named after the project (%s)",
      (file) => {
        expect(installsProject(`${PROJECT}${BUILD_SYSTEM}`, { [file]: "" })).toBe(true);
      },
    );

    it("[tool.poetry] packages, or a script to install", () => {
      const packages = PROJECT.replace('version = "1.0"\n', 'version = "1.0"\npackages = [{ include = "shop_core" }]\n');
      expect(installsProject(`${packages}${BUILD_SYSTEM}`)).toBe(true);
      expect(installsProject(`${PROJECT}\n[tool.poetry.scripts]\nshop = "shop_core.cli:main"\n${BUILD_SYSTEM}`)).toBe(true);
    });

    it("an application (nothing named after it, no packages, no scripts): dependencies only, as `poetry install --no-root`", () => {
      expect(installsProject(`${PROJECT}${BUILD_SYSTEM}`, { "app/__init__.py": "", "manage.py": "" })).toBe(false);
      // A package named after another project does not count.
      expect(installsProject(`${PROJECT}${BUILD_SYSTEM}`, { "shop/__init__.py": "" })).toBe(false);
    });

    it("no build-system, or package-mode = false: never a package", () => {
      expect(installsProject(PROJECT, { "my_shop/__init__.py": "" })).toBe(false);
      const notAPackage = PROJECT.replace('version = "1.0"\n', 'version = "1.0"\npackage-mode = false\n');
      expect(installsProject(`${notAPackage}${BUILD_SYSTEM}`, { "my_shop/__init__.py": "" })).toBe(false);
    });
  });

  it("install-project = false skips the project; true forces it", () => {
    const pyproject = `[project]\nname = "x"\nrequires-python = ">=3.12"\n[tool.poetry]\n[build-system]\nrequires = ["poetry-core"]\n`;
    const project = { "pyproject.toml": pyproject, "poetry.lock": "", "x/__init__.py": "" };
    expect(venvSteps(plan(`[runtime]\ncommand = "x"\n`, project)).at(-1)?.name).toBe("install the project (wheel, no deps)");
    const off = plan(`[dependencies]\ninstall-project = false\n[runtime]\ncommand = "x"\n`, project);
    expect(venvSteps(off).at(-1)?.name).toMatch(/^poetry export/);
    const notAPackage = `[project]\nname = "x"\nrequires-python = ">=3.12"\n[tool.poetry]\npackage-mode = false\n`;
    const on = plan(`[dependencies]\ninstall-project = true\n[runtime]\ncommand = "x"\n`, { ...project, "pyproject.toml": notAPackage });
    expect(venvSteps(on).at(-1)?.name).toBe("install the project (wheel, no deps)");
  });

  it("Poetry's selection is installed by pip, so index urls reach it as PIP_ variables", () => {
    const text = djangoText.replace('groups = ["main"]', 'groups = ["main"]\nindex-url = "https://pypi.example.com/simple"');
    expect(envOf(installStep(plan(text, django)))).toMatchObject({ PIP_INDEX_URL: "https://pypi.example.com/simple" });
  });
});
