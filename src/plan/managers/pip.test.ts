/** pip: requirement files in order, or a PEP 621 project's dependencies, then the project itself. */
import { describe, expect, it } from "vitest";
import { planErrors } from "../../../test/support/compile.js";
import { exampleCase } from "../../../test/support/examples.js";
import { copies, envOf, installEnv, installStep, names, plan, PY, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { BUILD_DIR } from "../constants.js";
import { PIP_CACHE } from "./manager.js";
import { pip } from "./pip.js";

const { text: flaskText, files: flask } = exampleCase("pip-flask");
const SERVE = `[runtime]\ncommand = "serve"\n`;
const PIP_SETUP = setupStepNames(`pip==${pip.defaultVersion}`);

describe("pip", () => {
  it("plans examples/pip-flask: requirements copied and installed, no project", () => {
    const p = plan(flaskText, flask);
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager).toEqual({ name: "pip", version: pip.defaultVersion });
    expect(names(venvSteps(p))).toEqual([
      ...PIP_SETUP,
      "copy pyproject.toml",
      "copy requirements.txt",
      "pip install -r requirements.txt",
    ]);
    const inst = installStep(p);
    expect(script(inst)).toBe("pip --python /app/.venv/bin/python install --no-compile -r requirements.txt");
    expect(inst.caches).toEqual([PIP_CACHE]);
    expect(PIP_CACHE).toEqual({ id: "pydock-pip", target: "/root/.cache/pip", sharing: "shared" });
    expect(envOf(inst)).toEqual({ ...installEnv("pip"), PIP_DISABLE_PIP_VERSION_CHECK: "1", PIP_ROOT_USER_ACTION: "ignore" });
    expect(p.image.cmd).toEqual(["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]);
    expect(p.selection).toEqual({ groups: undefined, extras: [], requirements: ["requirements.txt"] });
  });

  it("without [python] version, a requirements-only project gets pydock's default Python", () => {
    const text = flaskText.replace(/\[python\]\nversion = .*\n/, "");
    expect(plan(text, flask).python).toEqual({ version: "3.13", distro: "trixie" });
  });

  it("requirement files are copied and installed in the order given", () => {
    const text = `${PY}[dependencies]\nmanager = "pip"\nrequirements = ["requirements/base.txt", "requirements/prod.txt"]\n${SERVE}`;
    const p = plan(text, { "requirements/base.txt": "flask\n", "requirements/prod.txt": "gunicorn\n" });
    expect(p.manager.name).toBe("pip");
    expect(copies(venvSteps(p)).map((c) => c.src)).toEqual(["requirements/base.txt", "requirements/prod.txt"]);
    expect(installStep(p).name).toBe("pip install -r requirements/base.txt -r requirements/prod.txt");
    expect(script(installStep(p))).toMatch(/ -r requirements\/base\.txt -r requirements\/prod\.txt$/);
    expect(p.selection.requirements).toEqual(["requirements/base.txt", "requirements/prod.txt"]);
  });

  // Detection alone would fail here (requirements/ is not requirements*.txt at the top of the context):
  // naming requirement files says pip.
  it("[dependencies] requirements without manager implies pip", () => {
    const text = `${PY}[dependencies]\nrequirements = ["requirements/base.txt"]\n${SERVE}`;
    expect(plan(text, { "requirements/base.txt": "flask\n" }).manager.name).toBe("pip");
  });

  it("index urls are passed as pip environment", () => {
    const text = `${PY}[dependencies]\nindex-url = "https://pypi.example.com/simple"\nextra-index-urls = ["https://x.example/simple"]\n${SERVE}`;
    expect(envOf(installStep(plan(text, { "requirements.txt": "flask\n" })))).toMatchObject({
      PIP_INDEX_URL: "https://pypi.example.com/simple",
      PIP_EXTRA_INDEX_URL: "https://x.example/simple",
    });
  });

  // Spec: requirements default to "requirements.txt if present"; requirements-dev.txt must not reach the
  // production image.
  it("by default installs requirements.txt only, not requirements-dev.txt", () => {
    const files = { "requirements.txt": "flask\n", "requirements-dev.txt": "pytest\n" };
    const p = plan(`${PY}${SERVE}`, files);
    expect(installStep(p).name).toBe("pip install -r requirements.txt");
    expect(p.selection.requirements).toEqual(["requirements.txt"]);
  });

  it("a PEP 621 pyproject without lockfile: pip installs its dependencies, then the package itself", () => {
    const pyproject = `[project]\nname = "svc"\nversion = "2.0"\nrequires-python = ">=3.12,<3.13"\ndependencies = ["flask>=3", "gunicorn (>=23)"]\n\n[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n`;
    const p = plan(`[runtime]\ncommand = "svc"\n`, { "pyproject.toml": pyproject });
    expect(p.manager.name).toBe("pip");
    expect(p.python.version).toBe("3.12");
    expect(names(venvSteps(p))).toEqual([
      ...PIP_SETUP,
      "copy pyproject.toml",
      "pip install (pyproject dependencies)",
      `copy . ${BUILD_DIR}`,
      "pip install --no-deps .",
    ]);
    expect(script(installStep(p))).toBe("pip --python /app/.venv/bin/python install --no-compile 'flask>=3' 'gunicorn (>=23)'");
    expect(script(venvSteps(p).at(-1))).toBe(`pip --python /app/.venv/bin/python install --no-deps --no-compile ${BUILD_DIR}`);
  });

  it("a pyproject without dependencies or build-system installs nothing: no install step, no project", () => {
    const p = plan(`${PY}[dependencies]\nmanager = "pip"\n[runtime]\ncommand = "x"\n`, { "pyproject.toml": `[project]\nname = "x"\n` });
    expect(names(venvSteps(p))).toEqual([...PIP_SETUP, "copy pyproject.toml"]);
    expect(() => installStep(p)).toThrow("no install step");
  });

  it("no manifest at all: pip with nothing to install, no copy and no install step (detected or set)", () => {
    for (const text of [`${PY}${SERVE}`, `${PY}[dependencies]\nmanager = "pip"\n${SERVE}`]) {
      const p = plan(text, { "main.py": "print(1)\n" });
      expect(p.manager.name, text).toBe("pip");
      expect(names(venvSteps(p)), text).toEqual(PIP_SETUP);
      expect(p.selection.requirements, text).toEqual([]);
    }
  });

  it("the project is a package only with a build-system", () => {
    const pyproject = `[project]\nname = "svc"\nrequires-python = ">=3.12"\ndependencies = ["flask"]\n`;
    const app = plan(SERVE, { "pyproject.toml": pyproject });
    expect(venvSteps(app).at(-1)?.name).toBe("pip install (pyproject dependencies)");
    const pkg = plan(SERVE, { "pyproject.toml": `${pyproject}[build-system]\nrequires = ["hatchling"]\n` });
    expect(venvSteps(pkg).at(-1)?.name).toBe("pip install --no-deps .");
  });

  describe("PEP 735 dependency groups", () => {
    const groupsPyproject = `[dependency-groups]\ntest = ["pytest", { include-group = "cov" }]\ncov = ["coverage"]\n`;
    const withGroups = (groups: string, extra = "") => `${PY}[dependencies]\nmanager = "pip"\ngroups = ${groups}\n${extra}${SERVE}`;

    it("after hash-checked requirement files: a second pip install --group in the same step", () => {
      const p = plan(withGroups(`["main", "test"]`), { "requirements.txt": "flask==3\n", "pyproject.toml": groupsPyproject });
      expect(installStep(p).name).toBe("pip install -r requirements.txt && pip install --group test");
      expect(script(installStep(p))).toBe(
        "pip --python /app/.venv/bin/python install --no-compile -r requirements.txt && pip --python /app/.venv/bin/python install --no-compile --group test",
      );
      expect(copies(venvSteps(p)).map((c) => c.src)).toEqual(["pyproject.toml", "requirements.txt"]);
    });

    it("with PEP 621 dependencies: one pip install of the dependencies and the groups", () => {
      const pyproject = `[project]\nname = "svc"\ndependencies = ["flask"]\n${groupsPyproject}`;
      const p = plan(withGroups(`["test", "cov"]`), { "pyproject.toml": pyproject });
      expect(script(installStep(p))).toBe("pip --python /app/.venv/bin/python install --no-compile flask --group test --group cov");
    });

    it("a project with only groups installs them; no groups selected: no --group", () => {
      const p = plan(withGroups(`["test"]`), { "pyproject.toml": groupsPyproject });
      expect(script(installStep(p))).toBe("pip --python /app/.venv/bin/python install --no-compile --group test");
      expect(() => installStep(plan(withGroups(`["main"]`), { "pyproject.toml": groupsPyproject }))).toThrow("no install step");
    });

    it("an unknown group is an error at its key naming the declared ones (PEP 735 only, not Poetry's)", () => {
      const pyproject = `${groupsPyproject}[tool.poetry.group.dev.dependencies]\npytest = "*"\n`;
      const errors = planErrors({ text: withGroups(`["main", "dev"]`), files: { "requirements.txt": "flask\n", "pyproject.toml": pyproject } });
      expect(errors.map((d) => [d.message, d.range?.start.line])).toEqual([[`unknown dependency group "dev" (pyproject.toml declares: test, cov)`, 5]]);
    });

    it("groups without pyproject.toml are an error at the group", () => {
      const errors = planErrors({ text: withGroups(`["main", "test"]`), files: { "requirements.txt": "flask\n" } });
      expect(errors.map((d) => d.message)).toEqual([
        `dependency group "test" needs a [dependency-groups] table in pyproject.toml, and there is no pyproject.toml in the build context`,
      ]);
    });

    it("pip older than 25.1 cannot install groups: an error at manager-version", () => {
      const errors = planErrors({ text: withGroups(`["test"]`, `manager-version = "24.3.1"\n`), files: { "pyproject.toml": groupsPyproject } });
      expect(errors.map((d) => [d.message, d.range?.start.line])).toEqual([["pip 24.3.1 cannot install dependency groups (`pip install --group` needs pip 25.1 or later)", 6]]);
    });
  });
});
