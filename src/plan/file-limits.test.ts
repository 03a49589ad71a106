/** The size limits on the project's files: problems at the line where a limit is passed, before anything reads them. */
import { describe, expect, it } from "vitest";
import { MAX_MANIFEST_BYTES, MAX_PROJECT_FILE_BYTES, MAX_PROJECT_FILE_LINES } from "../core/limits.js";
import { compileCase } from "../../test/support/compile.js";
import { byteLimit, checkProjectFiles, overLimit } from "./file-limits.js";
import { projectFiles } from "./project.js";
import { cpuNow } from "../../test/support/cpu-time.js";

const files = (entries: Record<string, string>) => projectFiles(new Map(Object.entries(entries)));
const PYDOCK = `[python]\nversion = "3.11"\n[runtime]\ncommand = "x"\n`;

describe("checkProjectFiles", () => {
  it("small files pass as they are", () => {
    const f = files({ "pyproject.toml": "[project]\n", "uv.lock": "version = 1\n" });
    expect(checkProjectFiles(f)).toEqual({ files: f, errors: [], warnings: [] });
  });

  it("the limit by kind: lockfiles, requirement files and Python modules 8 MiB, the other files 1 MiB", () => {
    for (const p of ["uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "requirements.txt", "requirements-dev.txt", "requirements/base.txt", "requirements/a/b.txt", "main.py", "proj/settings.py"]) {
      expect(byteLimit(p), p).toBe(MAX_PROJECT_FILE_BYTES);
    }
    for (const p of ["pyproject.toml", "packages/a/pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "mise.toml", ".python-version", "runtime.txt", ".tool-versions"]) {
      expect(byteLimit(p), p).toBe(MAX_MANIFEST_BYTES);
    }
  });

  it("a lockfile over 8 MiB: an error at the line where the limit is passed", () => {
    const line = `${"x".repeat(1023)}\n`;
    const text = line.repeat(MAX_PROJECT_FILE_BYTES / 1024) + "past\n";
    const r = checkProjectFiles(files({ "uv.lock": text }));
    expect(r.errors).toEqual([
      {
        file: "uv.lock",
        range: { start: { line: 8193, column: 1 }, end: { line: 8193, column: 5 } },
        message: "uv.lock is larger than 8 MiB: pydock reads lockfiles and requirement files up to 8 MiB and 100,000 lines",
        code: "limit",
        severity: "error",
      },
    ]);
  });

  it(`a requirement file over ${MAX_PROJECT_FILE_LINES} lines; pyproject.toml over 1 MiB`, () => {
    const r = checkProjectFiles(files({ "requirements.txt": "flask\n".repeat(MAX_PROJECT_FILE_LINES), "pyproject.toml": `# ${"é".repeat(MAX_MANIFEST_BYTES / 2)}` }));
    expect(r.errors.map((d) => [d.file, d.range.start.line, d.message])).toEqual([
      ["pyproject.toml", 1, "pyproject.toml is larger than 1 MiB: pydock reads manifests and version files up to 1 MiB and 100,000 lines"],
      ["requirements.txt", MAX_PROJECT_FILE_LINES + 1, "requirements.txt has more than 100,000 lines: pydock reads lockfiles and requirement files up to 8 MiB and 100,000 lines"],
    ]);
    expect(overLimit("flask\n".repeat(MAX_PROJECT_FILE_LINES - 1), MAX_PROJECT_FILE_BYTES)).toBeUndefined();
  });

  it("a Python module over the limits is left out of detection, with a warning there", () => {
    const r = checkProjectFiles(files({ "main.py": "x = 1\n".repeat(MAX_PROJECT_FILE_LINES + 5), "app.py": "print(1)\n" }));
    expect(r.errors).toEqual([]);
    expect(r.files.paths).toEqual(["app.py"]);
    expect(r.warnings).toMatchObject([{ file: "main.py", code: "limit", severity: "warning", range: { start: { line: MAX_PROJECT_FILE_LINES + 1 } } }]);
  });

  it("through compile(): the build stops with the problem, in well under a second", async () => {
    const t = cpuNow();
    const r = await compileCase({ text: PYDOCK, files: { "requirements.txt": "a\n".repeat(4 * 1024 * 1024) } });
    expect(cpuNow() - t).toBeLessThan(1000);
    expect(r.ok ? [] : r.diagnostics.map((d) => `${d.file}:${d.range.start.line}: ${d.code}`)).toEqual([`requirements.txt:${MAX_PROJECT_FILE_LINES + 1}: limit`]);
  });
});
