import { describe, expect, test } from "vitest";
import { loadConfig } from "./load.js";
import { formatDiagnostic } from "../core/diagnostics.js";

/** Each diagnostic as "line:column message" (the file name is checked once below). */
function errors(text: string, buildArgs: ReadonlyMap<string, string> = new Map()): string[] {
  const r = loadConfig({ name: "pydock.toml", text }, { buildArgs });
  if (r.ok) return [];
  return r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);
}

describe("loadConfig: errors", () => {
  test("TOML syntax error with its position", () => {
    const r = loadConfig({ name: "pydock.toml", text: "[runtime]\ncommand = [\"a\",\n" }, { buildArgs: new Map() });
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual(["pydock.toml:3:1: invalid TOML: expected a value (a string in quotes, a number, true/false, [...] or {...})"]);
  });

  test("a bare word where a value belongs", () => {
    expect(errors("[python]\nversion = 3.12.1\n")).toEqual(["2:15 invalid TOML: expected a new line after the value"]);
    expect(errors("[runtime]\nuser = app\n")).toEqual(['2:8 invalid TOML: a string needs quotes: write user = "app"']);
  });

  test("unknown keys, with did you mean, also across tables", () => {
    expect(errors('[pyhton]\nversion = "3.12"\n')).toEqual(['1:1 unknown key "pyhton" (did you mean "python"?)']);
    expect(errors('[runtime]\ncomand = ["x"]\n')).toEqual(['2:1 unknown key "comand" in [runtime] (did you mean "command"?)']);
    expect(errors('[app]\ncommand = ["x"]\n')).toEqual(['2:1 unknown key "command" in [app] (did you mean [runtime] command?)']);
    expect(errors('version = "3.12"\n')).toEqual(['1:1 unknown key "version" (did you mean [python] version?)']);
    expect(errors("[dependencies]\nsystem_packages = []\n")).toEqual([
      '2:1 unknown key "system_packages" in [dependencies] (did you mean "system-packages"?)',
    ]);
    expect(errors("[runtime.healthcheck]\nhttp = 'http://x/'\nintervall = '1s'\n")).toEqual([
      '3:1 unknown key "intervall" in [runtime.healthcheck] (did you mean "interval"?)',
    ]);
    expect(errors("[git]\nfoo = 1\n")).toEqual(['2:1 unknown key "foo" in [git]']);
  });

  test("wrong types", () => {
    expect(errors("[python]\ndistro = 12\n")).toEqual(["2:10 [python] distro: expected a string, got an integer"]);
    expect(errors("[python]\nversion = 3.10\n")).toEqual([
      '2:11 [python] version: expected a string like "3.12", got a number (write version = "3.1", in quotes)',
    ]);
    expect(errors("[dependencies]\nssh = 'yes'\n")).toEqual(["2:7 [dependencies] ssh: expected true or false, got a string"]);
    expect(errors("[dependencies]\ngroups = [\"main\", 2]\n")).toEqual(["2:19 [dependencies] groups item 2: expected a string, got an integer"]);
    expect(errors("[dependencies]\nextras = { a = 1 }\n")).toEqual(["2:10 [dependencies] extras: expected an array of strings, got a table"]);
    expect(errors("[runtime]\ncommand = 42\n")).toEqual([
      "2:11 [runtime] command: expected a string (run with /bin/sh -c) or an array of strings (exec form), got an integer",
    ]);
    expect(errors("[runtime]\ncommand = []\n")).toEqual(["2:11 [runtime] command: must not be empty"]);
    expect(errors("[runtime]\nenv = { A = [1] }\n")).toEqual(["2:13 [runtime.env] A: expected a string, got an array"]);
    expect(errors("[runtime.healthcheck]\nhttp = 'http://x/'\nretries = 1.5\n")).toEqual([
      "3:11 [runtime.healthcheck] retries: expected an integer, got a float",
    ]);
    expect(errors("[runtime.healthcheck]\nhttp = 'http://x/'\nretries = -1\n")).toEqual([
      "3:11 [runtime.healthcheck] retries: expected an integer ≥ 0, got -1",
    ]);
    expect(errors('runtime = "x"\n')).toEqual(["1:11 [runtime]: expected a table, got a string"]);
    expect(errors('[[secrets]]\nid = "a"\nenv = "A"\nrequired = "no"\n')).toEqual([
      "4:12 [[secrets]] required: expected true or false, got a string",
    ]);
  });

  test("bad values", () => {
    expect(errors('[dependencies]\nvenv = "venv"\n')).toEqual([
      '2:8 [dependencies] venv: expected an absolute path like "/app/venv", got "venv"',
    ]);
    expect(errors('[dependencies]\nmanager = "peotry"\n')).toEqual([
      '2:11 [dependencies] manager: expected "poetry", "uv" or "pip", got "peotry" (did you mean "poetry"?)',
    ]);
    expect(errors('[dependencies]\ninstall-project = "yes"\n')).toEqual([
      '2:19 [dependencies] install-project: expected "auto", true or false, got "yes"',
    ]);
    expect(errors('[dependencies]\nindex-url = "https://me:secret@pypi.example.com/simple"\n')).toEqual([
      "2:13 [dependencies] index-url: must not contain credentials: pass them as a build secret (see [[secrets]])",
    ]);
    expect(errors('[app]\nworkdir = "app"\ncopy = ["../x"]\n')).toEqual([
      '2:11 [app] workdir: expected an absolute path like "/app", got "app"',
      '3:9 [app] copy item 1: expected a path inside the build context, got "../x"',
    ]);
    expect(errors('[runtime]\nuser = "not a user"\nexpose = [70000]\ndirectories = ["db"]\n')).toEqual([
      '2:8 [runtime] user: expected "app", "root", "UID[:GID]" or a user name, got "not a user"',
      "3:11 [runtime] expose item 1: expected a port like 8000 or \"8000/udp\", got 70000",
      '4:16 [runtime] directories item 1: expected an absolute path like "/data", got "db"',
    ]);
    expect(errors('[runtime.healthcheck]\nhttp = "http://x/"\ninterval = "30 seconds"\n')).toEqual([
      '3:12 [runtime.healthcheck] interval: expected a duration like "30s", "1m30s" or "500ms", got "30 seconds"',
    ]);
  });

  test("conflicting and missing settings", () => {
    expect(errors('[runtime.healthcheck]\nhttp = "http://x/"\ncommand = ["true"]\n')).toEqual([
      "3:1 [runtime.healthcheck]: set either http or command, not both",
    ]);
    expect(errors('[runtime.healthcheck]\ninterval = "1s"\n')).toEqual([
      '1:1 [runtime.healthcheck]: needs http = "http://localhost:8000/" or command = [...]',
    ]);
    expect(errors('[[secrets]]\nid = "a"\nenv = "A"\ntarget = "/a"\n')).toEqual(["4:1 [[secrets]]: set either env or target, not both"]);
    expect(errors('[[secrets]]\nid = "a"\n')).toEqual(['1:1 [[secrets]]: needs env = "VARIABLE" or target = "/path/to/file"']);
    expect(errors('[[secrets]]\nenv = "A"\n[[secrets]]\nid = "a"\nenv = "A"\n[[secrets]]\nid = "a"\nenv = "B"\n')).toEqual([
      '1:1 [[secrets]]: id is required, e.g. id = "pypi-token"',
      '7:6 [[secrets]] id: "a" is already used by another [[secrets]]',
    ]);
  });

  test("targets", () => {
    expect(errors("[targets.runtime]\nruntime.command = ['x']\n[targets.venv]\n[targets.Test]\n")).toEqual([
      '1:1 [targets.runtime]: "runtime" is a built-in target; choose another name',
      '3:1 [targets.venv]: "venv" is a built-in target; choose another name',
      '4:1 [targets.Test]: a target name uses lowercase letters, digits, "_", "." and "-", starting with a letter or digit',
    ]);
    expect(errors("[targets.test]\npython.version = '3.12'\nruntim.command = ['x']\nruntime.comand = ['x']\n")).toEqual([
      "2:1 [targets.test]: [python] cannot be set per target; a target overrides [dependencies], [runtime] and [app]",
      '3:1 unknown key "runtim" in [targets.test] (did you mean "runtime"?)',
      '4:9 unknown key "comand" in [targets.test.runtime] (did you mean "command"?)',
    ]);
  });

  test("a problem in a top-level table is reported once, not once per target", () => {
    expect(errors('[runtime]\nuser = 1\n[targets.a]\n[targets.b]\n')).toEqual([
      "2:8 [runtime] user: expected a string, got an integer",
    ]);
  });

  test("undefined arguments", () => {
    expect(errors('[runtime]\ncommand = ["gunicorn", "${APP}.wsgi"]\n')).toEqual([
      '2:24 [runtime] command: ${APP} is not defined: declare it in [args] (APP = "...") or write ${APP:-default}',
    ]);
    expect(errors('[runtime]\nenv = { T = "${SOURCE_DATE_EPOCH}" }\n')).toEqual([
      "2:13 [runtime.env] T: ${SOURCE_DATE_EPOCH} is not set: pass --build-arg SOURCE_DATE_EPOCH=<unix time>, or write ${SOURCE_DATE_EPOCH:-0}",
    ]);
    expect(errors("[args]\n1X = 'a'\nOK = []\n")).toEqual([
      '2:1 [args] 1X: expected an argument name like "ENVIRONMENT" (letters, digits, _)',
      "3:6 [args] OK: expected a string, got an array",
    ]);
  });

  test("all problems of a file in one pass, sorted by position", () => {
    const text = `# syntax=example/pydock
[pyhton]
version = "3.12"

[dependencies]
manager = "pipenv"
venv = "venv"

[runtime]
comand = ["gunicorn"]
expose = ["http"]

[runtime.healthcheck]
http = "http://localhost:8000/"
command = ["true"]
timeout = "5"

[[secrets]]
id = "token"
`;
    expect(errors(text)).toEqual([
      '2:1 unknown key "pyhton" (did you mean "python"?)',
      '6:11 [dependencies] manager: expected "poetry", "uv" or "pip", got "pipenv"',
      '7:8 [dependencies] venv: expected an absolute path like "/app/venv", got "venv"',
      '10:1 unknown key "comand" in [runtime] (did you mean "command"?)',
      '11:11 [runtime] expose item 1: expected a port like 8000 or "8000/udp", got "http"',
      "15:1 [runtime.healthcheck]: set either http or command, not both",
      '16:11 [runtime.healthcheck] timeout: expected a duration like "30s", "1m30s" or "500ms", got "5"',
      '18:1 [[secrets]]: needs env = "VARIABLE" or target = "/path/to/file"',
    ]);
  });

  test("each diagnostic has a range ending after it starts, in the right file", () => {
    const r = loadConfig({ name: "build/pydock.toml", text: '[app]\nworkdir = "rel"\n' }, { buildArgs: new Map() });
    expect(r.ok ? undefined : r.diagnostics[0]).toEqual({
      file: "build/pydock.toml",
      range: { start: { line: 2, column: 11 }, end: { line: 2, column: 16 } },
      message: '[app] workdir: expected an absolute path like "/app", got "rel"',
      code: "invalid-value",
      severity: "error",
    });
  });
});
