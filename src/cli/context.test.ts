/** context.ts: the files read from a project folder are those the frontend reads (patterns, depth, .git, .dockerignore), shown from the working directory. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readProject } from "./context.js";
import { CliError } from "./output.js";

const SHA = "89abcdef0123456789abcdef0123456789abcdef";
const root = mkdtempSync(join(tmpdir(), "pydock-cli-context-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const project = tree(join(root, "app"), {
  "pydock.toml": "# syntax=pydock/pydock:0.1\n",
  "pyproject.toml": "[project]\nname = 'x'\n",
  "requirements/base.txt": "flask\n",
  "src/pkg/__main__.py": "",
  "src/pkg/util.py": "", // not among the project's files
  "a/b/c/d/e/settings.py": "", // deeper than the frontend reads
  "node_modules/x/pyproject.toml": "",
  ".dockerignore": "# comment\n/build\n!/build/keep\n",
  ".git/HEAD": "ref: refs/heads/main\n",
  ".git/refs/heads/main": `${SHA}\n`,
  ".git/objects/ab/cdef": "binary",
});

describe("readProject", () => {
  it("reads what the frontend reads from the context", () => {
    const input = readProject({ file: "app/pydock.toml", context: undefined, revision: undefined, sourceUrl: undefined, cwd: root });
    expect(input.buildFile).toEqual({ name: "pydock.toml", text: "# syntax=pydock/pydock:0.1\n" });
    expect(input.files.paths).toEqual(["node_modules/x/pyproject.toml", "pyproject.toml", "requirements/base.txt", "src/pkg/__main__.py"]);
    expect(input.dockerignore).toEqual(["build", "!build/keep"]);
    expect(input.revision).toBe(SHA);
  });

  it("takes a folder for its pydock.toml, and --revision over .git", () => {
    const input = readProject({ file: "app", context: undefined, revision: "f".repeat(40), sourceUrl: "https://x", cwd: root });
    expect(input.revision).toBe("f".repeat(40));
    expect(input.sourceUrl).toBe("https://x");
  });

  it("shows paths from the working directory", () => {
    const input = readProject({ file: "pydock.toml", context: ".", revision: undefined, sourceUrl: undefined, cwd: project });
    expect(input.display("pydock.toml")).toBe("pydock.toml");
    expect(input.display("requirements/base.txt")).toBe("requirements/base.txt");
    const outside = readProject({ file: join(project, "pydock.toml"), context: undefined, revision: undefined, sourceUrl: undefined, cwd: join(root, "..") });
    expect(outside.display("pyproject.toml")).toBe(`${root.split("/").at(-1)}/app/pyproject.toml`);
    const elsewhere = readProject({ file: join(project, "pydock.toml"), context: undefined, revision: undefined, sourceUrl: undefined, cwd: join(project, "src") });
    expect(elsewhere.display("pydock.toml")).toBe(join(project, "pydock.toml"));
  });

  it("says which file or folder is missing", () => {
    expect(() => readProject({ file: "nope.toml", context: undefined, revision: undefined, sourceUrl: undefined, cwd: root })).toThrow(
      new CliError("nope.toml: no such file (`pydock init` writes one)"),
    );
    expect(() => readProject({ file: "app", context: "gone", revision: undefined, sourceUrl: undefined, cwd: root })).toThrow(/gone: the context is not a folder/);
  });
});
