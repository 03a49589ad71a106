/** uv: `uv sync --frozen` of the lock's selection without the project (or a workspace's members), then the project non-editable. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../../test/support/examples.js";
import { filesOf, planErrors } from "../../../test/support/compile.js";
import { copyStep, envOf, installEnv, installStep, names, plan, PY, runStep, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { BUILD_DIR } from "../constants.js";
import { DEFAULT_EXCLUDES } from "../copies.js";
import { UV_CACHE, uv, workspaceMembers } from "./uv.js";

/** What uv project installs append: uv_cache.json holds the checkout's times (see uv.ts). */
const UV_SCRUB =
  " && rm -f /app/.venv/lib/python*/site-packages/*.dist-info/uv_cache.json && sed -i '/uv_cache\\.json/d' /app/.venv/lib/python*/site-packages/*.dist-info/RECORD";

const { text: fastapiText, files: fastapi } = exampleCase("uv-fastapi");
const DEPS_ONLY = "uv sync --frozen --no-install-project --no-editable --no-default-groups";

describe("uv", () => {
  it("plans examples/uv-fastapi: frozen sync without the project, then the project non-editable", () => {
    const p = plan(fastapiText, fastapi);
    expect(p).toMatchObject({ python: { version: "3.11", distro: "bookworm" }, manager: { name: "uv", version: uv.defaultVersion } });
    expect(names(venvSteps(p))).toEqual([
      ...setupStepNames(`uv==${uv.defaultVersion}`),
      "copy pyproject.toml",
      "copy uv.lock",
      DEPS_ONLY,
      `copy . ${BUILD_DIR}`,
      "uv sync --frozen --no-editable --no-default-groups",
    ]);
    const [, manager, , , , depsStep, sourcesStep, projectStep] = venvSteps(p);
    expect(script(manager)).toMatch(new RegExp(`^uv==${uv.defaultVersion.replaceAll(".", "\\.")} \\\\$`, "m"));
    expect(script(manager)).toMatch(
      new RegExp(`\\npython -m venv /opt/pydock/uv && /opt/pydock/uv/bin/pip install --disable-pip-version-check --no-compile --require-hashes --no-deps -r /tmp/pydock-uv-${uv.defaultVersion}\\.txt$`),
    );
    const deps = runStep(depsStep);
    expect(script(deps)).toBe(DEPS_ONLY);
    expect(deps.cwd).toBe(BUILD_DIR);
    expect(deps.caches).toEqual([UV_CACHE]);
    expect(UV_CACHE).toEqual({ id: "pydock-uv", target: "/root/.cache/uv", sharing: "shared" });
    expect(envOf(deps)).toEqual({
      ...installEnv("uv"),
      UV_PROJECT_ENVIRONMENT: "/app/.venv",
      UV_CACHE_DIR: "/root/.cache/uv",
      UV_LINK_MODE: "copy",
      UV_PYTHON_DOWNLOADS: "never",
      UV_NO_PROGRESS: "1",
    });
    expect(script(projectStep)).toBe(`cd ${BUILD_DIR} && uv sync --frozen --no-editable --no-default-groups${UV_SCRUB}`);
    const sources = copyStep(sourcesStep);
    expect(sources).toMatchObject({ from: "context", src: ".", dest: BUILD_DIR, contents: true, independent: false });
    expect(sources.exclude).toEqual(DEFAULT_EXCLUDES);
  });

  it("groups other than main become --group, extras --extra", () => {
    const text = fastapiText.replace('manager = "uv"', 'manager = "uv"\ngroups = ["main", "dev"]\nextras = ["fast"]');
    const p = plan(text, fastapi);
    expect(installStep(p).name).toBe(`${DEPS_ONLY} --group dev --extra fast`);
    expect(script(venvSteps(p).at(-1))).toBe(`cd ${BUILD_DIR} && uv sync --frozen --no-editable --no-default-groups --group dev --extra fast${UV_SCRUB}`);
  });

  it("index urls are passed as uv environment", () => {
    const text = fastapiText.replace(
      'manager = "uv"',
      'manager = "uv"\nindex-url = "https://pypi.example.com/simple"\nextra-index-urls = ["https://a.example/simple", "https://b.example/simple"]',
    );
    expect(envOf(installStep(plan(text, fastapi)))).toMatchObject({
      UV_DEFAULT_INDEX: "https://pypi.example.com/simple",
      UV_INDEX: "https://a.example/simple https://b.example/simple",
    });
  });

  it("no project install step without a build-system (examples/zero-config), or with [tool.uv] package = false", () => {
    const zeroConfig = exampleCase("zero-config");
    const zero = plan(zeroConfig.text, zeroConfig.files);
    expect(venvSteps(zero).at(-1)?.name).toBe(DEPS_ONLY);
    expect(venvSteps(zero).filter((s) => s.kind === "run" && s.name.startsWith("uv sync"))).toHaveLength(1);

    const pyproject = fastapi.get("pyproject.toml") + "\n[tool.uv]\npackage = false\n";
    const notPkg = plan(fastapiText, new Map([...fastapi, ["pyproject.toml", pyproject]]));
    expect(venvSteps(notPkg).at(-1)?.name).toBe(DEPS_ONLY);
  });

  describe("a workspace root ([tool.uv.workspace] members)", () => {
    const ROOT = [
      `[project]\nname = "hello"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["greeting"]\n`,
      `[tool.uv.sources]\ngreeting = { workspace = true }\n`,
      `[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/scratch"]\n`,
    ].join("\n");
    const MEMBER = `[project]\nname = "greeting"\nversion = "0.1.0"\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
    const LOCK = [
      `version = 1\nrequires-python = ">=3.12"\n\n[manifest]\nmembers = ["greeting", "hello"]\n`,
      `[[package]]\nname = "greeting"\nversion = "0.1.0"\nsource = { editable = "packages/greeting" }\n`,
      `[[package]]\nname = "hello"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = [{ name = "greeting" }]\n\n[package.metadata]\nrequires-dist = [{ name = "greeting", editable = "packages/greeting" }]\n`,
    ].join("\n");
    const files = {
      "pyproject.toml": ROOT,
      "uv.lock": LOCK,
      "packages/greeting/pyproject.toml": MEMBER,
      "packages/greeting/src/greeting/__init__.py": "",
      // Excluded, and outside members: not part of the workspace.
      "packages/scratch/pyproject.toml": `[project]\nname = "scratch"\n`,
      "tools/lint/pyproject.toml": `[project]\nname = "lint"\n`,
    };
    const WORKSPACE_DEPS = "uv sync --frozen --no-install-workspace --no-editable --no-default-groups";

    it("installs third-party dependencies with the members' pyproject.toml only (--no-install-workspace), then the workspace from the sources", () => {
      const p = plan(`${PY}[runtime]\ncommand = "hello"\n`, files);
      expect(p.manager.name).toBe("uv");
      expect(names(venvSteps(p))).toEqual([
        ...setupStepNames(`uv==${uv.defaultVersion}`),
        "copy pyproject.toml",
        "copy uv.lock",
        "copy packages/greeting/pyproject.toml",
        WORKSPACE_DEPS,
        `copy . ${BUILD_DIR}`,
        "uv sync --frozen --no-editable --no-default-groups",
      ]);
      const steps = venvSteps(p);
      expect(copyStep(steps[5])).toMatchObject({ from: "context", src: "packages/greeting/pyproject.toml", dest: `${BUILD_DIR}/packages/greeting/pyproject.toml` });
      expect(script(installStep(p))).toBe(WORKSPACE_DEPS);
      expect(script(steps.at(-1))).toBe(`cd ${BUILD_DIR} && uv sync --frozen --no-editable --no-default-groups${UV_SCRUB}`);
      // The root has no build-system: the members make the workspace worth installing.
      expect(p.project).toMatchObject({ name: "hello" });
    });

    it("[app] package installs that member (uv sync --package) and starts its one console script", () => {
      const withScript = { ...files, "packages/greeting/pyproject.toml": MEMBER.replace('version = "0.1.0"\n', 'version = "0.1.0"\n[project.scripts]\ngreet = "greeting:main"\n') };
      const p = plan(`${PY}[app]\npackage = "greeting"\n`, withScript);
      expect(script(installStep(p))).toBe("uv sync --frozen --no-install-workspace --no-editable --package greeting --no-default-groups");
      expect(script(venvSteps(p).at(-1))).toBe(`cd ${BUILD_DIR} && uv sync --frozen --no-editable --package greeting --no-default-groups${UV_SCRUB}`);
      expect(p.image.cmd).toEqual(["greet"]);
    });

    it("[app] package must name a member, and needs uv", () => {
      const text = `${PY}[runtime]\ncommand = "hello"\n[app]\npackage = "nope"\n`;
      const [unknown] = planErrors({ text, files });
      expect(unknown?.message).toBe('[app] package "nope" is not a member of this uv workspace (members: greeting)');
      expect(unknown?.range.start.line).toBe(text.split("\n").indexOf('package = "nope"') + 1);
      const pip = planErrors({ text: text.replace('package = "nope"', 'package = "greeting"'), files: { "requirements.txt": "flask\n" } });
      expect(pip.map((d) => d.message)).toContain("[app] package names a uv workspace member, but this project's manager is pip");
    });

    it("workspaceMembers: folders with a pyproject.toml matching members and not exclude, sorted; none outside a workspace", () => {
      expect(workspaceMembers({ files: filesOf(files) })).toEqual(["packages/greeting"]);
      expect(workspaceMembers({ files: filesOf({ ...files, "packages/app/pyproject.toml": MEMBER }) })).toEqual(["packages/app", "packages/greeting"]);
      expect(workspaceMembers({ files: filesOf({ ...files, "pyproject.toml": ROOT.replace(/\[tool\.uv\.workspace\][^]*$/, "") }) })).toEqual([]);
      expect(workspaceMembers({ files: filesOf({ "pyproject.toml": "not [valid" }) })).toEqual([]);
      // Not a workspace: the usual --no-install-project.
      expect(installStep(plan(fastapiText, fastapi)).name).toBe(DEPS_ONLY);
    });
  });
});
