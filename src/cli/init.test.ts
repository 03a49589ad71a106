/**
 * init.ts: on every example (its pydock.toml aside) and corpus project the written file loads, plans
 * without errors or anything left to detect, and builds what zero-config builds (plus EXPOSE); and how
 * values, TODOs, commands and ports are written.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, EXAMPLES_DIR, projectsIn, readTree } from "../../test/support/examples.js";
import { planProject } from "../compile.js";
import { loadConfig } from "../config/load.js";
import { selectFiles } from "../core/glob.js";
import { describePlan } from "../plan/describe.js";
import { PROJECT_FILE_PATTERNS, projectFiles, type ProjectFiles } from "../plan/project.js";
import { execForm, initFile, initReport, listenPort } from "./init.js";

const SYNTAX = "pydock/pydock:0.1";
const REVISION = "0123456789abcdef0123456789abcdef01234567";

/** A project's files as the CLI reads them (PROJECT_FILE_PATTERNS), without its pydock.toml. */
const projectOf = (dir: string): ProjectFiles => projectFiles(selectFiles(readTree(dir), PROJECT_FILE_PATTERNS));
const plan = (text: string, files: ProjectFiles) =>
  planProject({ buildFile: { name: "pydock.toml", text }, files, target: "runtime", buildArgs: new Map(), revision: REVISION, sourceUrl: undefined });
const files = (record: Record<string, string>): ProjectFiles => projectFiles(new Map(Object.entries(record)));

const PROJECTS = [...projectsIn(EXAMPLES_DIR).map((n) => join(EXAMPLES_DIR, n)), ...projectsIn(CORPUS_DIR).map((n) => join(CORPUS_DIR, n))];

describe("pydock init on every example and corpus project", () => {
  it("covers them", () => expect(PROJECTS.length).toBeGreaterThanOrEqual(20));

  for (const dir of PROJECTS) {
    it(dir.slice(dir.lastIndexOf("/", dir.length - 2) + 1), () => {
      const project = projectOf(dir);
      const result = initFile(project, SYNTAX);
      expect(result.text.split("\n")[0]).toBe(`# syntax=${SYNTAX}`);
      const loaded = loadConfig({ name: "pydock.toml", text: result.text }, { buildArgs: new Map() });
      expect(loaded.ok ? [] : loaded.diagnostics).toEqual([]);
      const planned = plan(result.text, project);
      expect(planned.ok ? [] : planned.diagnostics).toEqual([]);
      // Everything pydock would detect is written down: nothing is left to detect.
      expect(planned.warnings.filter((w) => w.code === "detected").map((w) => w.message)).toEqual([]);
      expect(result.detected.map((f) => f.what)).toEqual(expect.arrayContaining(["manager", "command"]));
      expect(result.missing.map((f) => f.what)).toContain("health check");
    });
  }

  it("builds what zero-config builds, and says which port it listens on", () => {
    for (const dir of [...projectsIn(CORPUS_DIR).map((n) => join(CORPUS_DIR, n)), join(EXAMPLES_DIR, "zero-config")]) {
      const project = projectOf(dir);
      const zero = plan("# syntax=pydock/pydock:0.1\n", project);
      const written = plan(initFile(project, SYNTAX).text, project);
      if (!zero.ok || !written.ok) throw new Error(`${dir} does not plan`);
      // The one difference: a build command init writes down fails the build when it fails, where the
      // detected one is a warning (its shell wrapper and the placeholder secret key of that step alone).
      const runs = (p: typeof zero.plan) => p.stages.flatMap((st) => st.steps).filter((st) => st.kind === "run").map((st) => st.name);
      expect(runs(written.plan), dir).toEqual(runs(zero.plan));
      const without = (text: string) => text.split("\n").filter((l) => !/^\s+\$ .*collectstatic --noinput|SECRET_KEY=pydock-build-only-not-secret/.test(l)).join("\n");
      expect(without(describePlan(written.plan)), dir).toBe(without(describePlan(zero.plan)));
    }
  });
});

describe("the file init writes", () => {
  const flask = { "requirements.txt": "flask\ngunicorn\npsycopg2==2.9.9\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", ".python-version": "3.12\n" };

  it("explains each value and keeps $ literal", () => {
    const { text, detected } = initFile(files(flask), SYNTAX);
    expect(text).toContain('[python]\n# Detected: .python-version pins 3.12.\nversion = "3.12"');
    expect(text).toContain('command = ["/bin/sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$${PORT:-8000}"]');
    expect(text).toContain("expose = [8000]");
    expect(text).toContain('[dependencies]\n# Detected: requirements.txt is the only dependency manifest');
    expect(text).toContain('system-packages = ["libpq-dev"]');
    // libpq5 is found after the install (runtime-libraries.ts): init leaves detection on.
    expect(text).not.toContain('system-packages = ["libpq5"]');
    expect(text).toContain("# auto-system-packages = true");
    expect(text).toContain("# smoke-test = true");
    expect(text).toContain('# [runtime.healthcheck]\n# http = "http://localhost:8000/"');
    expect(detected.map((f) => f.what)).toEqual(["python", "manager", "command", "expose", "system packages"]);
    expect(text.split("\n").filter((l) => l.startsWith("#") && l.length > 110)).toEqual([]);
  });

  it("writes pydock's default Python under a TODO when nothing names one", () => {
    const { text, missing } = initFile(files({ "main.py": "print('hi')\n" }), SYNTAX);
    expect(text).toMatch(/# TODO: no version pinned; using pydock's default, 3\.13 [^]*\nversion = "3\.13"\n/);
    expect(missing.map((f) => f.what)).toEqual(["python", "expose", "health check"]);
    expect(text).toContain('command = ["python", "main.py"]');
    expect(text).toContain("# TODO: the start command does not say which port");
  });

  it("comments out what it cannot detect, and the report says what stops a build", () => {
    const project = files({ ".python-version": "2.7\n", "a.py": "", "b.py": "" });
    const result = initFile(project, SYNTAX);
    expect(result.text).toMatch(/# TODO: \.python-version asks for Python 2\.7[^]*\n# version = "3\.13"\n/);
    expect(result.text).toMatch(/# TODO: cannot tell how to start the application[^]*\n# command = \["python", "-m", "yourapp"\]\n/);
    expect(result.missing.map((f) => f.what)).toEqual(["python", "command", "expose", "health check"]);
    const report = initReport(result, project, "pydock.toml", (f) => f);
    expect(report).toMatch(/^wrote pydock.toml\ndetected:\n {2}manager/);
    expect(report).toContain("before it builds, the file needs:\npydock.toml:");
  });

  it("ends the report with the next step when the file plans", () => {
    const project = files(flask);
    expect(initReport(initFile(project, SYNTAX), project, "app/pydock.toml", (f) => f)).toMatch(/next: pydock plan app\/pydock.toml shows what it builds\n$/);
  });
});

describe("execForm", () => {
  it("unwraps a shell that only execs plain words", () => {
    expect(execForm({ kind: "exec", args: ["/bin/sh", "-c", "exec gunicorn blog.wsgi --bind 0.0.0.0:8000"] })).toEqual(["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"]);
  });
  it("keeps the shell where it expands or changes folder", () => {
    const port = ["/bin/sh", "-c", "exec uvicorn main:app --port ${PORT:-8000}"];
    expect(execForm({ kind: "exec", args: port })).toEqual(port);
    const cd = ["/bin/sh", "-c", "cd src && exec python -m app"];
    expect(execForm({ kind: "exec", args: cd })).toEqual(cd);
    expect(execForm({ kind: "shell", script: "run.sh" })).toEqual(["/bin/sh", "-c", "run.sh"]);
  });
});

describe("listenPort", () => {
  it.each([
    [["/bin/sh", "-c", "exec gunicorn a:b --bind 0.0.0.0:${PORT:-8000}"], 8000],
    [["gunicorn", "a:b", "--bind", "0.0.0.0:5000"], 5000],
    [["uvicorn", "a:b", "--host", "0.0.0.0", "--port", "8080"], 8080],
    [["waitress-serve", "--listen=0.0.0.0:9000", "a:b"], 9000],
    [["daphne", "-b", "0.0.0.0", "-p", "7000", "a:b"], 7000],
    [["python", "main.py"], undefined],
  ])("%j → %s", (argv, port) => expect(listenPort(argv)?.port).toBe(port));
});
