/** uv: `uv sync --frozen` of the lock's selection without the project, then the project non-editable. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../../test/support/examples.js";
import { copyStep, envOf, installEnv, installStep, names, plan, runStep, script, setupStepNames, venvSteps } from "../../../test/support/plan-steps.js";
import { BUILD_DIR } from "../constants.js";
import { DEFAULT_EXCLUDES } from "../copies.js";
import { UV_CACHE, uv } from "./uv.js";

/** What uv project installs append: uv_cache.json holds the checkout's times (see uv.ts). */
const UV_SCRUB =
  " && rm -f /app/venv/lib/python*/site-packages/*.dist-info/uv_cache.json && sed -i '/uv_cache\\.json/d' /app/venv/lib/python*/site-packages/*.dist-info/RECORD";

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
    expect(script(manager)).toBe(
      `python -m venv /opt/pydock/uv && /opt/pydock/uv/bin/pip install --disable-pip-version-check --no-compile uv==${uv.defaultVersion}`,
    );
    const deps = runStep(depsStep);
    expect(script(deps)).toBe(DEPS_ONLY);
    expect(deps.cwd).toBe(BUILD_DIR);
    expect(deps.caches).toEqual([UV_CACHE]);
    expect(UV_CACHE).toEqual({ id: "pydock-uv", target: "/root/.cache/uv", sharing: "shared" });
    expect(envOf(deps)).toEqual({
      ...installEnv("uv"),
      UV_PROJECT_ENVIRONMENT: "/app/venv",
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
});
