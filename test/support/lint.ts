/**
 * Linting in tests: planProject() on a pydock.toml and a project, then lint() on the plan, as `pydock check`
 * and the frontend's `--call=check` do. The project defaults to a small pip project whose start command
 * pydock.toml sets, with a commit id so the NoRevision result stays out of the way.
 */
import { compile, planProject, type CompileInput } from "../../src/compile.js";
import type { Diagnostic } from "../../src/core/diagnostics.js";
import { lint, type LintOptions } from "../../src/lint/lint.js";
import { filesOf } from "./compile.js";

export interface LintCase {
  /** pydock.toml's text. */
  readonly text: string;
  /** The project's files (path → text); `PIP_PROJECT` when absent. */
  readonly files?: Readonly<Record<string, string>>;
  readonly dockerignore?: string;
  readonly target?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** undefined: a commit id is given; null: none. */
  readonly revision?: string | null;
  readonly options?: LintOptions;
}

/** A pip project with pinned, hashed requirements and a pyproject.toml allowing Python 3.11 and later. */
export const PIP_PROJECT: Readonly<Record<string, string>> = {
  "pyproject.toml": '[project]\nname = "app"\nversion = "1.0"\nrequires-python = ">=3.11"\n',
  "requirements.txt": "gunicorn==23.0.0 --hash=sha256:ec400d38950de4dfd418cff8328b2c8faed0edb0d517d3394e457c317908ca4d\n",
};

/**
 * The file every case starts from: a Python version, pip, and a command that binds the exposed port. Its
 * last table is [runtime], so a case appends [runtime] keys to it.
 */
export const BASE_TOML = `[python]
version = "3.12"

[dependencies]
manager = "pip"

[runtime]
command = ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
expose = [8000]
`;

/** lint()'s results for a case; throws with the diagnostics when the case cannot be planned. */
export function lintCase(c: LintCase): Diagnostic[] {
  const planned = planProject({
    buildFile: { name: "pydock.toml", text: c.text },
    files: filesOf(c.files ?? PIP_PROJECT),
    target: c.target ?? "runtime",
    buildArgs: new Map(Object.entries(c.buildArgs ?? {})),
    revision: c.revision === null ? undefined : (c.revision ?? "0123456789abcdef0123456789abcdef01234567"),
    sourceUrl: undefined,
  });
  if (!planned.ok) throw new Error(planned.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`).join("\n"));
  return lint(planned, { project: filesOf(c.files ?? PIP_PROJECT), dockerignore: c.dockerignore }, c.options);
}

/** The results of one rule, as "file:line: message". */
export function resultsOf(results: readonly Diagnostic[], id: string): string[] {
  return results.filter((r) => r.code === id).map((r) => `${r.file}:${r.range.start.line}: ${r.message}`);
}

/**
 * lint()'s results after a whole compile(), for rules that need what only compiling knows (the base images
 * the registry resolved): `resolveBase` answers for the registry.
 */
export async function lintCompiled(c: { text: string; files?: Readonly<Record<string, string>>; resolveBase: CompileInput["resolveBase"] }): Promise<Diagnostic[]> {
  const files = filesOf(c.files ?? PIP_PROJECT);
  const compiled = await compile({
    buildFile: { name: "pydock.toml", text: c.text },
    files,
    target: "runtime",
    buildArgs: new Map(),
    revision: "a".repeat(40),
    sourceUrl: undefined,
    dockerignore: [],
    platforms: [{ os: "linux", architecture: "amd64" }],
    resolveBase: c.resolveBase,
    llbCaps: new Set(),
    sessionId: "s",
    noCache: false,
    labels: new Map(),
  });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.message}`).join("\n"));
  return lint(compiled, { project: files });
}
