/**
 * planBuild as a whole: the stages and the target it returns, what gets installed, and the problems that
 * stop it, all at once, pointing into pydock.toml.
 */
import { describe, expect, it } from "vitest";
import { planErrors, planOk } from "../../test/support/compile.js";
import { exampleCase } from "../../test/support/examples.js";
import { columnOf, lineOf } from "../../test/support/positions.js";
import { names, plan, PY, setupStepNames, venvSteps } from "../../test/support/plan-steps.js";
import { BUILD_DIR } from "./constants.js";
import { outputStage } from "./types.js";

const django = exampleCase("poetry-django");
const fastapi = exampleCase("uv-fastapi");
const REQUIREMENTS = { "requirements.txt": "" };
const COMMAND = `[runtime]\ncommand = "x"\n`;

describe("targets", () => {
  it("stages in build order; the runtime target returns the runtime stage", () => {
    const p = plan(django.text, django.files, { revision: "f".repeat(40) });
    expect(p.stages.map((s) => s.name)).toEqual(["venv", "git", "runtime"]);
    expect(p.output).toBe("runtime");
    expect(outputStage(p).name).toBe("runtime");
  });

  it("the venv target needs no start command", () => {
    const p = plan(PY, REQUIREMENTS, { target: "venv" });
    expect(p.output).toBe("venv");
    expect(p.target).toBe("venv");
    expect(outputStage(p).name).toBe("venv");
    expect(p.image).toMatchObject({ user: "0:0", workdir: BUILD_DIR, cmd: undefined, entrypoint: undefined, healthcheck: undefined, labels: [] });
  });

  it("the selection: groups and extras of the target, requirement files for pip only", () => {
    expect(plan(django.text, django.files).selection).toEqual({ groups: ["main"], extras: [], requirements: [] });
    expect(plan(django.text, django.files, { target: "test" }).selection.groups).toEqual(["main", "dev"]);
    const extras = fastapi.text.replace('manager = "uv"', 'manager = "uv"\nextras = ["fast"]');
    expect(plan(extras, fastapi.files).selection).toEqual({ groups: undefined, extras: ["fast"], requirements: [] });
    expect(plan(django.text, django.files).project).toEqual({ name: "blog", version: "0.1.0" });
  });
});

describe("errors point into pydock.toml", () => {
  it("all detection problems at once, at the enclosing keys (or the end of the file, where they would go, when absent)", () => {
    // No manifest at all is no problem: pip with nothing to install (plan-detection.test.ts).
    const d = planErrors({ text: `# syntax=x\n`, files: { "lib.py": "", ".python-version": "2.7\n" } });
    expect(d.map((x) => [x.file, x.message])).toEqual([
      [".python-version", ".python-version asks for Python 2.7, which pydock does not build (supported: 3.9, 3.10, 3.11, 3.12, 3.13, 3.14); change it or set [python] version"],
      ["pydock.toml", "cannot tell how to start the application: set [runtime] command"],
    ]);
    for (const x of d) expect(x).toMatchObject({ code: "detection", severity: "error" });
    expect(d[1]).toMatchObject({ range: { start: { line: 2, column: 1 }, end: { line: 2, column: 1 } } });
    const text = `# syntax=x\n\n[python]\ndistro = "bookworm"\n\n[runtime]\nexpose = [8000]\n`;
    const at = planErrors({ text, files: { ...REQUIREMENTS, ".python-version": "2.7\n" } });
    expect(at.map((x) => [x.range.start.line, x.message.slice(0, 20)])).toEqual([
      [lineOf(text, "[python]"), ".python-version asks"],
      [lineOf(text, "[runtime]"), "cannot tell how to s"],
    ]);
  });

  it("unknown target lists the targets, at [targets] when the file has some", () => {
    const d = planErrors({ ...django, target: "prod" });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: "unknown-target", severity: "error", message: 'unknown target "prod"; this file has: runtime, venv, test' });
    expect(d[0]?.range.start.line).toBe(lineOf(django.text, "[targets.test]"));
    const none = planErrors({ text: `${PY}${COMMAND}`, files: REQUIREMENTS, target: "prod" });
    expect(none[0]?.message).toBe('unknown target "prod"; this file has: runtime, venv');
    // No [targets]: where one would be added.
    expect(none[0]?.range.start).toEqual({ line: `${PY}${COMMAND}`.split("\n").length, column: 1 });
  });

  it("a problem a project file decided points at its line there, when pydock.toml has no key for it", () => {
    const d = planErrors({ text: `# syntax=x\n`, files: { ...REQUIREMENTS, "main.py": "print(1)\n", ".tool-versions": "nodejs 20\npython 2.7.18\n" } });
    const python = d.find((x) => x.message.includes("2.7.18"));
    expect(python).toMatchObject({ file: ".tool-versions", range: { start: { line: 2, column: 1 }, end: { line: 2, column: 14 } }, code: "detection" });
  });

  it("unknown dependency group, at the group's item", () => {
    const text = `${PY}\n[dependencies]\nmanager = "uv"\ngroups = ["main", "tests"]\n\n${COMMAND}`;
    const d = planErrors({ text, files: fastapi.files });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: "project", message: 'unknown dependency group "tests" (pyproject.toml declares: dev)' });
    expect(d[0]?.range.start).toEqual({ line: lineOf(text, "groups = "), column: columnOf(text, '"tests"') });
  });

  it("unknown group in a [targets.NAME] override points at the target's key", () => {
    const text = django.text.replace('dependencies.groups = ["main", "dev"]', 'dependencies.groups = ["main", "qa"]');
    const d = planErrors({ text, files: django.files, target: "test" });
    expect(d[0]?.message).toBe('unknown dependency group "qa" (pyproject.toml declares: main, dev)');
    expect(d[0]?.range.start.line).toBe(lineOf(text, 'dependencies.groups = ["main", "qa"]'));
    // The runtime target does not use the override.
    expect(() => planOk({ text, files: django.files })).not.toThrow();
  });

  it("missing requirements file, at its item", () => {
    const text = `${PY}[dependencies]\nrequirements = [\n  "requirements.txt",\n  "requirements/prod.txt",\n]\n${COMMAND}`;
    const d = planErrors({ text, files: REQUIREMENTS });
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toBe('requirements file "requirements/prod.txt" is not in the build context');
    expect(d[0]?.range.start).toEqual({ line: lineOf(text, '"requirements/prod.txt"'), column: 3 });
  });

  it("a manager whose lockfile is missing, at manager", () => {
    const text = `${PY}\n[dependencies]\nmanager = "poetry"\n\n${COMMAND}`;
    const messages = (manager: string, files: Record<string, string>) =>
      planErrors({ text: text.replace('"poetry"', `"${manager}"`), files }).map((x) => x.message);
    const d = planErrors({ text, files: { "pyproject.toml": `[project]\nname = "a"\n` } });
    expect(d.map((x) => x.message)).toEqual(["manager is poetry but poetry.lock is not in the build context (run `poetry lock`)"]);
    expect(d[0]?.range.start).toEqual({ line: lineOf(text, "manager ="), column: 1 });
    expect(messages("uv", {})).toEqual([
      "manager is uv but pyproject.toml is not in the build context",
      "manager is uv but uv.lock is not in the build context (run `uv lock`)",
    ]);
    // pip needs no manifest: without one there is nothing to install, and no install step.
    const pip = planOk({ text: text.replace('"poetry"', '"pip"'), files: {} });
    expect(pip.plan.manager.name).toBe("pip");
    expect(names(venvSteps(pip.plan))).toEqual(setupStepNames(`pip==${pip.plan.manager.version}`));
  });

  it("a uv.lock that does not match pyproject.toml is reported at manager", () => {
    expect(() => planOk(fastapi)).not.toThrow();
    const pyproject = (fastapi.files.get("pyproject.toml") ?? "").replace('"uvicorn>=0.54",', '"uvicorn>=0.54",\n    "redis>=5",');
    const d = planErrors({ text: fastapi.text, files: new Map([...fastapi.files, ["pyproject.toml", pyproject]]) });
    expect(d.map((x) => x.message)).toEqual([expect.stringMatching(/^uv\.lock is out of date: .*redis.*\(run `uv lock`\)$/)]);
    expect(d[0]?.range.start.line).toBe(lineOf(fastapi.text, "manager = "));
  });

  it("an invalid pyproject.toml is reported, not thrown raw, at the line of pyproject.toml where it breaks", () => {
    const d = planErrors({ text: `${PY}[dependencies]\nmanager = "pip"\n${COMMAND}`, files: { "pyproject.toml": '[project]\nname = "a"\nversion = = 1\n' } });
    expect(d[0]?.message).toMatch(/^pyproject\.toml is not valid TOML: /);
    expect(d[0]).toMatchObject({ file: "pyproject.toml", range: { start: { line: 3, column: 1 }, end: { line: 3, column: 14 } } });
  });

  it("an image reference that does not normalise is reported at its value, when the file is read", () => {
    for (const key of ["builder-image", "runtime-image"]) {
      for (const ref of ["registry.example/Py:b", "a..b", "python:", "x:-y"]) {
        const text = `${PY}${key} = "${ref}"\n${COMMAND}`;
        const d = planErrors({ text, files: REQUIREMENTS });
        expect(d, key).toHaveLength(1);
        expect(d[0], key).toMatchObject({ code: "invalid-value", severity: "error", message: expect.stringMatching(new RegExp(`^\\[python\\] ${key}: invalid reference format: `)) });
        expect(d[0]?.range.start, key).toEqual({ line: lineOf(text, key), column: columnOf(text, `"${ref}"`) });
      }
    }
    expect(planErrors({ text: `${PY}runtime-image = "registry.example/Py:b"\n${COMMAND}`, files: REQUIREMENTS })[0]?.message).toMatch(/must be lowercase/);
  });

  it("a UserError's message is file:line:column: message", () => {
    const text = `${PY}[dependencies]\nmanager = "pip"\nrequirements = ["nope.txt"]\n${COMMAND}`;
    expect(() => planOk({ text, files: {} })).toThrow('pydock.toml:5:17: requirements file "nope.txt" is not in the build context');
  });
});
