import { describe, expect, test } from "vitest";
import { loadConfig } from "./load.js";
import { MAX_ENTRIES } from "../core/limits.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import { cpuNow } from "../../test/support/cpu-time.js";

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
      '2:8 [dependencies] venv: expected an absolute path like "/app/.venv", got "venv"',
    ]);
    expect(errors('[dependencies]\nmanager = "peotry"\n')).toEqual([
      '2:11 [dependencies] manager: expected "poetry", "uv", "pip", "pdm" or "pipenv", got "peotry" (did you mean "poetry"?)',
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
manager = "hatch"
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
      '6:11 [dependencies] manager: expected "poetry", "uv", "pip", "pdm" or "pipenv", got "hatch"',
      '7:8 [dependencies] venv: expected an absolute path like "/app/.venv", got "venv"',
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

describe("loadConfig: hostile input", () => {
  test("keys named __proto__, constructor or valueOf are reported where they are written, and change no prototype", () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const text = [
      "[__proto__]", // 1
      "polluted = 1", // 2
      "constructor.prototype.x = 1", // 3
      "[runtime.env.__proto__]", // 4
      'A = "b"', // 5
      "[targets.__proto__]", // 6
      'runtime.command = "y"', // 7
      "[targets.t.runtime.valueOf]", // 8
      "x = 1", // 9
      "[runtime.healthcheck.constructor]", // 10
    ].join("\n");
    expect(errors(text)).toEqual([
      '1:1 unknown key "__proto__"',
      "4:1 [runtime.env] __proto__: expected a string, got a table",
      '6:1 [targets.__proto__]: a target name uses lowercase letters, digits, "_", "." and "-", starting with a letter or digit',
      '8:1 unknown key "valueOf" in [targets.t.runtime]',
      '10:1 unknown key "constructor" in [runtime.healthcheck]',
      // The table [runtime.healthcheck] exists as a prefix of the header: at its name there.
      "10:10 [runtime.healthcheck]: needs http = \"http://localhost:8000/\" or command = [...]",
    ]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    // A key named like a member of Object.prototype is an ordinary value where the contract allows any key.
    const ok = loadConfig({ name: "pydock.toml", text: '[runtime.env]\n__proto__ = "x"\nconstructor = "y"\n[runtime.labels]\n"__proto__" = "z"\n' }, { buildArgs: new Map() });
    expect(ok.ok && ok.config.targets.get("runtime")?.runtime.env).toEqual([["__proto__", "x"], ["constructor", "y"]]);
    expect(ok.ok && ok.config.targets.get("runtime")?.runtime.labels).toEqual([["__proto__", "z"]]);
  });

  test("SOURCE_DATE_EPOCH out of range: at [args] when declared, else at the # syntax= line (or the end of the file)", () => {
    const big = new Map([["SOURCE_DATE_EPOCH", "9223372037"]]);
    const message = 'SOURCE_DATE_EPOCH "9223372037" is later than the latest time an image can hold: give the seconds since 1970-01-01 UTC, from 0 to 9223372036 (2262-04-11T23:47:16Z), e.g. $(git log -1 --format=%ct)';
    expect(errors("# syntax=pydock/pydock:0.1\n[runtime]\ncommand = 'x'\n", big)).toEqual([`1:1 --build-arg ${message}`]);
    const r = loadConfig({ name: "pydock.toml", text: "# syntax=pydock/pydock:0.1\n" }, { buildArgs: big });
    expect(r.ok ? undefined : r.diagnostics[0]?.range).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 27 } });
    expect(errors("[runtime]\ncommand = 'x'\n", big)).toEqual([`3:1 --build-arg ${message}`]);
    expect(errors("[args]\nSOURCE_DATE_EPOCH = '-1'\n")[0]).toMatch(/^2:21 \[args\] SOURCE_DATE_EPOCH "-1" is not a whole number of seconds/);
    expect(errors("[args]\nSOURCE_DATE_EPOCH = 0\n", big)).toEqual([`2:21 --build-arg ${message}`]);
    expect(errors("[runtime]\ncommand = 'x'\n", new Map([["SOURCE_DATE_EPOCH", "9223372036"]]))).toEqual([]);
  });

  test("numbers past what an image holds: durations, integers beyond 2^53", () => {
    expect(errors("[runtime.healthcheck]\nhttp = 'http://x/'\ninterval = '2562048h'\ntimeout = '2562047h'\n")).toEqual([
      '3:12 [runtime.healthcheck] interval: "2562048h" is longer than an image can hold (at most 2562047h, about 292 years)',
    ]);
    expect(errors("[runtime.healthcheck]\nhttp = 'http://x/'\nretries = 9223372036854775807\n")).toEqual([
      "3:11 [runtime.healthcheck] retries: expected an integer from 0 to 9007199254740991, got 9223372036854775807",
    ]);
    expect(errors("[runtime.healthcheck]\nhttp = 'http://x/'\nretries = '99999999999999999999'\n")).toEqual([
      "3:11 [runtime.healthcheck] retries: expected an integer from 0 to 9007199254740991, got 99999999999999999999",
    ]);
    expect(errors("[runtime]\nexpose = [9223372036854775807]\n")).toEqual(["2:11 [runtime] expose item 1: expected a port like 8000 or \"8000/udp\", got an integer"]);
    // nan and inf as TOML says them.
    expect(errors("[runtime]\nexpose = [nan, -inf]\n[python]\nversion = inf\n")).toEqual([
      '2:11 [runtime] expose item 1: expected a port like 8000 or "8000/udp", got a float',
      '2:16 [runtime] expose item 2: expected a port like 8000 or "8000/udp", got a float',
      '4:11 [python] version: expected a string like "3.12", got a number',
    ]);
    // An integer argument keeps every digit.
    const r = loadConfig({ name: "pydock.toml", text: "[args]\nN = 9223372036854775807\n[runtime]\nenv = { N = '${N}', M = 18446744073709551616 }\n" }, { buildArgs: new Map() });
    expect(r.ok && r.config.targets.get("runtime")?.runtime.env).toEqual([["N", "9223372036854775807"], ["M", "18446744073709551616"]]);
  });

  test("an image reference is checked when the file is read, at its value", () => {
    expect(errors('[python]\nruntime-image = "a..b"\n')).toEqual([
      '2:17 [python] runtime-image: invalid reference format: a..b (expected an image reference like "python:3.12-slim-bookworm")',
    ]);
  });

  test("the most keys a file may have, all unknown with long names: reported in well under a second", () => {
    const text = `[runtime]\n${Array.from({ length: MAX_ENTRIES - 1 }, (_, i) => `comand${i}${"x".repeat(i % 60)} = 1`).join("\n")}\n`;
    const t = cpuNow();
    expect(errors(text)).toHaveLength(MAX_ENTRIES - 1);
    expect(cpuNow() - t).toBeLessThan(1000);
  });
});

describe("loadConfig: targets share what they do not override", () => {
  const lists = `directories = "${Array.from({ length: 1990 }, (_, i) => `d${i}`).join(",")}"\nsystem-packages = "${Array.from({ length: 1990 }, (_, i) => `p${i}`).join(",")}"\n`;

  test("1,000 targets over top-level lists of 2,000 items: read once, each problem once, in well under a second", () => {
    const text = `[runtime]\n${lists}${Array.from({ length: 990 }, (_, i) => `[targets.t${i}]\nruntime.user = "u${i}"`).join("\n")}\n`;
    const t = cpuNow();
    const e = errors(text);
    expect(cpuNow() - t).toBeLessThan(1000);
    expect(e).toHaveLength(1990);
    expect(e[0]).toBe('2:15 [runtime] directories: expected an absolute path like "/data", got "d0"');
  });

  test(`a comma-separated list of more than ${MAX_ENTRIES} items is a problem (it would be as many build steps)`, () => {
    const many = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `f${i}`).join(",");
    expect(errors(`[app]\ncopy = "${many}"\n`)).toEqual([`2:8 [app] copy: more than 2,000 items: a list has at most 2,000`]);
    // Also when substitution makes it.
    expect(errors(`[args]\nA = "${"a,".repeat(1000)}"\n[app]\ncopy = "\${A}\${A}\${A}"\n`)).toEqual([`4:8 [app] copy: more than 2,000 items: a list has at most 2,000`]);
  });
});
