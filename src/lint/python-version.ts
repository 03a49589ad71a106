/**
 * PythonVersionExcluded: the Python the images use is one the project's own requires-python (or Poetry's
 * `python` dependency) does not allow, so the install refuses the project or resolves for another Python.
 * Reported at [python] version when pydock.toml sets it, else at the specifier in pyproject.toml.
 */
import { allowsMinor, allowsVersion, parsePythonSpecifier, SUPPORTED_PYTHONS } from "../plan/detect/python-specifier.js";
import { tomlKeyLine } from "../plan/detect/toml-lookup.js";
import type { Finding, LintContext, Rule } from "./rule.js";

/** The 1-based line of the specifier in pyproject.toml, or 1. */
function specifierLine(ctx: LintContext): number {
  const text = ctx.files.read("pyproject.toml") ?? "";
  const line =
    ctx.pyproject?.requiresPythonFrom === "tool.poetry.dependencies.python"
      ? tomlKeyLine(text, "python", "tool.poetry.dependencies")
      : tomlKeyLine(text, "requires-python", "project");
  return line ?? 1;
}

export const pythonVersionExcluded: Rule = {
  id: "PythonVersionExcluded",
  severity: "error",
  description: "The Python version the images use is not allowed by the project's requires-python: the install refuses the project, or resolves its dependencies for another Python.",
  check: (ctx: LintContext): Finding[] => {
    const required = ctx.pyproject?.requiresPython;
    const spec = required === undefined ? undefined : parsePythonSpecifier(required);
    const version = ctx.plan.python.version;
    if (spec === undefined || allowsVersion(spec, version)) return [];
    const allowed = SUPPORTED_PYTHONS.filter((m) => allowsMinor(spec, m));
    const choose = allowed.length > 0 ? `set [python] version to one it allows (${allowed.join(", ")})` : "change requires-python";
    const key = ctx.pyproject?.requiresPythonFrom === "tool.poetry.dependencies.python" ? "[tool.poetry.dependencies] python" : "requires-python";
    const message = `Python ${version} is not allowed by ${key} "${required}" in pyproject.toml; ${choose}`;
    if (ctx.config.python.version !== undefined) return [{ ...ctx.key(["python", "version"]), message }];
    const line = specifierLine(ctx);
    return [{ file: "pyproject.toml", range: { start: { line, column: 1 }, end: { line, column: 1 } }, message }];
  },
};
