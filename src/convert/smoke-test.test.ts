/** The smoke test as LLB and its result as diagnostics (convert/smoke-test.ts). */
import { afterAll, describe, expect, it } from "vitest";
import * as llb from "../llb/index.js";
import { FILE_START } from "../core/diagnostics.js";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SMOKE_DIR, SMOKE_RESULT, SMOKE_SCRIPT, failedInSmokeStep, parseSmokeResult, smokeChecksJson, smokeDiagnostics, smokeTestState, type SmokeResult } from "./smoke-test.js";
import { withPackagesLabel } from "./image-config.js";

const at = { file: "pydock.toml", range: FILE_START };

describe("smokeTestState", () => {
  it("runs the venv's python on the image as its user, in its workdir, with its env and no network; the result file is the only output", () => {
    const image = llb.image("docker.io/library/python:3.11-slim-bookworm");
    const test = { python: "/app/venv/bin/python", checks: [{ kind: "program" as const, name: "gunicorn" }], origin: ["runtime", "command"], besideLastSteps: 0 };
    const state = smokeTestState(image, test, { env: ["PATH=/app/venv/bin:/usr/bin", "TZ=UTC"], user: "10001:10001", workdir: "/app" }, { customName: "[smoke-test] x" });
    const { definition } = llb.marshal(state);
    const ops = llb.decodeDefinition(definition);
    const exec = ops.find((o) => o.op.op.case === "exec")?.op.op;
    if (exec?.case !== "exec") throw new Error("no exec");
    // The venv's shared libraries are checked first, whatever the command.
    expect(exec.value.meta?.args).toEqual(["/app/venv/bin/python", "-c", SMOKE_SCRIPT, JSON.stringify([{ kind: "libraries", venv: "/app/venv" }, ...test.checks]), `${SMOKE_DIR}/${SMOKE_RESULT}`]);
    expect(exec.value.meta?.user).toBe("10001:10001");
    expect(exec.value.meta?.cwd).toBe("/app");
    expect(exec.value.meta?.env).toEqual(expect.arrayContaining(["PATH=/app/venv/bin:/usr/bin", "TZ=UTC"]));
    expect(exec.value.network).toBe(2); // NONE
    const file = ops.find((o) => o.op.op.case === "file")?.op.op;
    expect(file?.case === "file" && file.value.actions[0]?.action.case === "mkfile" && file.value.actions[0].action.value.owner?.user?.user).toMatchObject({ case: "byID", value: 10001 });
  });
});

describe("failedInSmokeStep", () => {
  it("tells the smoke step's own failure (BuildKit's message repeats its command line) from a failed step of the image", () => {
    const args = ["/app/venv/bin/python", "-c", SMOKE_SCRIPT, "[]", `${SMOKE_DIR}/${SMOKE_RESULT}`];
    expect(failedInSmokeStep(`process "${args.join(" ")}" did not complete successfully: exit code: 127`)).toBe(true);
    const install = 'process "/opt/pydock/bin/pydock-run /bin/sh -c pip --python /app/venv/bin/python install --no-compile -r requirements.txt" did not complete successfully: exit code: 1';
    expect(failedInSmokeStep(install)).toBe(false);
  });
});

describe("the result", () => {
  it("parses what the script writes, and nothing else", () => {
    expect(parseSmokeResult('{"failures":[],"warnings":[]}')).toEqual({ failures: [], warnings: [] });
    expect(parseSmokeResult("")).toBeUndefined();
    expect(parseSmokeResult('{"failures":[1],"warnings":[]}')).toBeUndefined();
    expect(parseSmokeResult('{"failures":[],"warnings":[],"report":"libpq5\\n"}')).toEqual({ failures: [], warnings: [], report: "libpq5\n" });
    expect(parseSmokeResult('{"failures":[],"warnings":[],"report":null}')?.report).toBeNull();
    expect(parseSmokeResult('{"failures":[],"warnings":[],"report":3}')).toBeUndefined();
  });

  it("the script carries the report file's text, or null when there is none", () => {
    const dir = mkdtempSync(join(tmpdir(), "pydock-smoke-"));
    try {
      const out = join(dir, "result.json");
      writeFileSync(join(dir, "packages"), "libpq5\nlibjpeg62-turbo\n");
      execFileSync("python3", ["-c", SMOKE_SCRIPT, '[{"kind":"program","name":"python3"}]', out, join(dir, "packages")], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))).toEqual({ failures: [], warnings: [], report: "libpq5\nlibjpeg62-turbo\n" });
      execFileSync("python3", ["-c", SMOKE_SCRIPT, "[]", out, join(dir, "absent")], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))?.report).toBeNull();
      // A file the check's user cannot read (a folder stands in for it): no report, so the frontend reads the image.
      execFileSync("python3", ["-c", SMOKE_SCRIPT, "[]", out, dir], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))).toEqual({ failures: [], warnings: [] });
      execFileSync("python3", ["-c", SMOKE_SCRIPT, "[]", out], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))).toEqual({ failures: [], warnings: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an import error is an error at the command pointing at [runtime] system-packages; other exceptions are warnings", () => {
    const failed = smokeDiagnostics(
      { failures: [{ what: "import app:app (gunicorn app:app)", error: "ImportError: libpq.so.5: cannot open shared object file: No such file or directory" }], warnings: [] },
      at,
      false,
    );
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatchObject({ ...at, severity: "error", code: "smoke-test" });
    expect(failed.errors[0]?.message).toBe(
      "the runtime image cannot start the command: import app:app (gunicorn app:app): ImportError: libpq.so.5: cannot open shared object file: No such file or directory; " +
        "a shared library is missing from the runtime image: name the Debian package that provides it in [runtime] system-packages (or remove [runtime] auto-system-packages = false, which finds it); " +
        "[runtime] smoke-test = false skips this check",
    );
    const missing = smokeDiagnostics({ failures: [{ what: "the program gunicorn", error: "not found on PATH /usr/bin" }], warnings: [] }, at, true);
    expect(missing.errors[0]?.message).toContain("check the command, and that what it runs is installed in the venv");
    const warned = smokeDiagnostics({ failures: [], warnings: [{ what: "import blog.wsgi (gunicorn blog.wsgi)", error: "KeyError: 'SECRET_KEY'" }] }, at, true);
    expect(warned.errors).toEqual([]);
    expect(warned.warnings[0]).toMatchObject({ severity: "warning", message: expect.stringContaining("KeyError: 'SECRET_KEY'") });
  });

  it("a warning names what the build environment lacks, never the command", () => {
    const { errors, warnings } = smokeDiagnostics(
      { failures: [], warnings: [{ what: "import main:app (cd src && uvicorn main:app --port 8000)", error: "FileNotFoundError: [Errno 2] No such file or directory: 'git'", need: "the program git, which is not in the image" }] },
      at,
      true,
    );
    expect(errors).toEqual([]);
    expect(warnings[0]?.message).toBe(
      "smoke test: import main:app (cd src && uvicorn main:app --port 8000) needed something the build environment does not have (the program git, which is not in the image): " +
        "FileNotFoundError: [Errno 2] No such file or directory: 'git'; not a failure, since the check runs without the network, services, a .git directory or variables set only at run time: the container needs it when it starts",
    );
    expect(warnings[0]?.message).not.toMatch(/check the command/);
  });

  it("a library the venv's extensions link and the image lacks: named, with its Debian package, beside the command's own failure", () => {
    const result: SmokeResult = {
      failures: [
        { what: "import psycopg2, line 1 of serve.py (python serve.py)", error: "ImportError: libpq.so.5: cannot open shared object file: No such file or directory" },
        { what: "the shared library libpq.so.5 (needed by psycopg2/_psycopg.cpython-311-x86_64-linux-gnu.so in /app/venv)", error: "not found in the runtime image (Debian package libpq5)", library: "libpq.so.5", package: "libpq5" },
      ],
      warnings: [],
    };
    expect(smokeDiagnostics(result, at, false).errors[0]?.message).toBe(
      "the runtime image cannot start the command: import psycopg2, line 1 of serve.py (python serve.py): ImportError: libpq.so.5: cannot open shared object file: No such file or directory; " +
        "the venv's compiled extensions need shared libraries the runtime image lacks: the shared library libpq.so.5 (needed by psycopg2/_psycopg.cpython-311-x86_64-linux-gnu.so in /app/venv): not found in the runtime image (Debian package libpq5); " +
        "a shared library is missing from the runtime image: add libpq5 to [runtime] system-packages (or remove [runtime] auto-system-packages = false, which finds it); [runtime] smoke-test = false skips this check",
    );
    // A library alone, whatever the command; one without a known package.
    const alone = smokeDiagnostics({ failures: [{ what: "the shared library libfoo.so.1 (needed by x/_x.so in /app/venv)", error: "not found in the runtime image", library: "libfoo.so.1" }], warnings: [] }, at, true);
    expect(alone.errors[0]?.message).toBe(
      "the venv's compiled extensions need shared libraries the runtime image lacks: the shared library libfoo.so.1 (needed by x/_x.so in /app/venv): not found in the runtime image; " +
        "a shared library is missing from the runtime image: name the Debian package that provides it in [runtime] system-packages; [runtime] smoke-test = false skips this check",
    );
    expect(parseSmokeResult(JSON.stringify(result))).toEqual(result);
    expect(parseSmokeResult('{"failures":[{"what":"w","error":"e","package":1}],"warnings":[]}')).toBeUndefined();
    expect(parseSmokeResult('{"failures":[],"warnings":[{"what":"w","error":"e","need":"the network"}]}')?.warnings[0]?.need).toBe("the network");
  });
});

/** A project folder for the script, run by this machine's python3 as the image's interpreter would run it. */
function scratch(files: Record<string, string>): { dir: string; run: (checks: readonly object[], env?: Record<string, string>) => SmokeResult & { output: string }; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "pydock-smoke-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = (checks: readonly object[], env: Record<string, string> = {}) => {
    const out = join(dir, "result.json");
    writeFileSync(out, "");
    const output = execFileSync("python3", ["-c", SMOKE_SCRIPT, JSON.stringify(checks), out], { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8" });
    const result = parseSmokeResult(readFileSync(out, "utf8"));
    if (!result) throw new Error(`no result:\n${output}`);
    return { ...result, output };
  };
  return { dir, run, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("the script: the command's imports, in its folder", () => {
  const p = scratch({
    "src/main.py": "app = object()\n",
    "serve.py": [
      '"""A script."""',
      "from __future__ import annotations",
      "import os, json",
      "from helpers import util",
      "import not_installed_xyz",
      "from . import relative_skipped",
      "try:",
      "    import optional_xyz",
      "except ImportError:",
      "    optional_xyz = None",
      "if __name__ == '__main__':",
      "    import main_only_xyz",
      "def f():",
      "    import inside_function_xyz",
      "print('the script itself never runs')",
      "raise SystemExit(3)",
    ].join("\n"),
    "helpers/__init__.py": "",
    "helpers/util.py": "VALUE = 1\n",
    "tools/run.py": "import sibling\n",
    "tools/sibling.py": "",
    "paths.py": "import sys\nsys.path.insert(0, 'vendor')\nimport vendored_xyz\n",
    "broken.py": "def (:\n",
    "gitversion.py": "import subprocess\nVERSION = subprocess.check_output(['pydock-no-such-program-git', 'describe'])\n",
    "needsgit.py": "import gitversion\n",
    "settings.py": "import os\nSECRET = os.environ['PYDOCK_SECRET_XYZ']\n",
    "scm/__init__.py": "try:\n    from ._version import version\nexcept ImportError:\n    raise LookupError('unable to detect the version: no .git')\n",
    "dbapp.py": "try:\n    import psycopg_missing_xyz\nexcept ImportError:\n    raise RuntimeError('Error loading psycopg_missing_xyz module')\n",
    "wrapped.py": "try:\n    open('/nonexistent/.git/HEAD')\nexcept OSError as e:\n    raise ImportError('Failed to initialize: Bad git executable') from e\n",
    "required.py": "raise ImportError('the extra [pdf] is required')\n",
    "optlib.py": "try:\n    raise ImportError('libfoo.so.1: cannot open shared object file')\nexcept ImportError:\n    SECRET = __import__('os').environ['PYDOCK_SECRET_OPT']\n",
    "magiclib.py": "try:\n    raise OSError('libmagic.so.1: cannot open shared object file: No such file or directory')\nexcept OSError as e:\n    raise ImportError('failed to find libmagic') from e\n",
    "pkg/__main__.py": "import inner\n",
    "pkg/inner.py": "",
    "other/__main__.py": "import helpers\n",
  });
  afterAll(() => p.dispose());

  it("python FILE: the file's top-level imports, with its folder first on the path; not relative, optional, __main__ or function imports; never the file itself", () => {
    const r = p.run([{ kind: "file", path: "serve.py", from: "python serve.py" }]);
    expect(r.failures).toEqual([{ what: "import not_installed_xyz, line 5 of serve.py (python serve.py)", error: "ModuleNotFoundError: No module named 'not_installed_xyz'" }]);
    expect(r.warnings).toEqual([]);
    expect(r.output).not.toContain("never runs");
    // The file's own folder, not the working directory, is first on the import path.
    expect(p.run([{ kind: "file", path: "tools/run.py", from: "python tools/run.py" }]).failures).toEqual([]);
    // A folder runs its __main__.py, with the folder first on the path (not the working directory).
    expect(p.run([{ kind: "file", path: "pkg", from: "python pkg" }]).failures).toEqual([]);
    expect(p.run([{ kind: "file", path: "other", from: "python other" }]).failures).toEqual([{ what: "import helpers, line 1 of other (python other)", error: "ModuleNotFoundError: No module named 'helpers'" }]);
  });

  it("python FILE: a missing file or folder, a file python cannot compile; code before an import that may change the path makes a missing module a warning", () => {
    expect(p.run([{ kind: "file", path: "nope.py", from: "python nope.py" }]).failures).toEqual([{ what: "the file nope.py (python nope.py)", error: `no such file in ${p.dir}` }]);
    expect(p.run([{ kind: "file", path: "broken.py", from: "python broken.py" }]).failures[0]?.error).toMatch(/^python cannot compile it: .*SyntaxError/s);
    const r = p.run([{ kind: "file", path: "paths.py", from: "python paths.py" }]);
    expect(r.failures).toEqual([]);
    expect(r.warnings).toEqual([{ what: "import vendored_xyz, line 3 of paths.py (python paths.py)", error: "ModuleNotFoundError: No module named 'vendored_xyz'", need: "the code the file runs before this import, which the check does not run" }]);
    expect(p.run([{ kind: "module", name: "main", from: "uvicorn main:app", cwd: "nowhere" }]).failures).toEqual([{ what: "the folder nowhere (cd nowhere && uvicorn main:app)", error: `no such folder in ${p.dir}` }]);
  });

  it("cd DIR: modules import from DIR, files are found there", () => {
    const r = p.run([
      { kind: "module", name: "main", attribute: "app", from: "uvicorn main:app --port 8000", cwd: "src" },
      { kind: "module", name: "main", attribute: "app", from: "uvicorn main:app --port 8000" },
      { kind: "file", path: "util.py", from: "python util.py", cwd: "helpers" },
    ]);
    expect(r.failures).toEqual([{ what: "import main:app (uvicorn main:app --port 8000)", error: "ModuleNotFoundError: No module named 'main'" }]);
  });

  it("an import that needs what the build environment lacks is a warning saying so; a module the venv lacks or an ImportError of its own is a failure", () => {
    const r = p.run(
      ["needsgit", "settings", "scm", "dbapp", "wrapped", "required", "optlib", "magiclib"].map((name) => ({ kind: "module", name, from: `python -m ${name}` })),
      { PYDOCK_SECRET_XYZ: "" },
    );
    const warning = (name: string) => r.warnings.find((w) => w.what.startsWith(`import ${name} `));
    expect(warning("needsgit")).toEqual({ what: "import needsgit (python -m needsgit)", error: "FileNotFoundError: [Errno 2] No such file or directory: 'pydock-no-such-program-git'", need: "the program pydock-no-such-program-git, which is not in the image" });
    expect(warning("scm")).toEqual({ what: "import scm (python -m scm)", error: "LookupError: unable to detect the version: no .git" });
    expect(warning("wrapped")).toMatchObject({ error: "ImportError: Failed to initialize: Bad git executable", need: "a .git directory, which the image does not have" });
    expect(r.failures).toEqual([
      { what: "import dbapp (python -m dbapp)", error: "RuntimeError: Error loading psycopg_missing_xyz module (from ModuleNotFoundError: No module named 'psycopg_missing_xyz')" },
      { what: "import required (python -m required)", error: "ImportError: the extra [pdf] is required" },
      { what: "import magiclib (python -m magiclib)", error: "ImportError: failed to find libmagic (from OSError: libmagic.so.1: cannot open shared object file: No such file or directory)" },
    ]);
    // A missing library the code handled before it failed for another reason: that reason.
    expect(warning("optlib")).toMatchObject({ error: "KeyError: 'PYDOCK_SECRET_OPT'", need: "the variable PYDOCK_SECRET_OPT, which the image does not set" });
    // A variable the image does not set.
    const unset = p.run([{ kind: "module", name: "settings", from: "gunicorn settings" }]);
    expect(unset.warnings).toEqual([{ what: "import settings (gunicorn settings)", error: "KeyError: 'PYDOCK_SECRET_XYZ'", need: "the variable PYDOCK_SECRET_XYZ, which the image does not set" }]);
  });
});

/** The machine (e_machine) of this machine's python3, for shared objects it would load. */
function pythonMachine(): number {
  const exe = execFileSync("python3", ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], { encoding: "utf8" }).trim();
  return readFileSync(exe).readUInt16LE(18);
}

/** A minimal little-endian ELF64 shared object: program headers, a dynamic section and its strings. */
function sharedObject(machine: number, dynamic: { needed?: string[]; runpath?: string; soname?: string }): Buffer {
  let strings = "\0";
  const str = (s: string) => {
    const at = strings.length;
    strings += `${s}\0`;
    return at;
  };
  const entries: [number, number][] = [];
  for (const n of dynamic.needed ?? []) entries.push([1, str(n)]);
  if (dynamic.runpath) entries.push([29, str(dynamic.runpath)]);
  if (dynamic.soname) entries.push([14, str(dynamic.soname)]);
  const dynOffset = 64 + 2 * 56;
  const strOffset = dynOffset + (entries.length + 3) * 16;
  entries.push([5, strOffset], [10, strings.length], [0, 0]);
  const b = Buffer.alloc(strOffset + strings.length);
  b.write("\x7fELF", 0, "latin1");
  b[4] = 2; // 64-bit
  b[5] = 1; // little-endian
  b[6] = 1;
  b.writeUInt16LE(3, 16); // ET_DYN
  b.writeUInt16LE(machine, 18);
  b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(64n, 32); // e_phoff
  b.writeUInt16LE(64, 52);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(2, 56);
  const program = (i: number, type: number, offset: number, size: number) => {
    const at = 64 + i * 56;
    b.writeUInt32LE(type, at);
    b.writeUInt32LE(4, at + 4);
    for (const [k, v] of [[8, offset], [16, offset], [24, offset], [32, size], [40, size], [48, 8]] as const) b.writeBigUInt64LE(BigInt(v), at + k);
  };
  program(0, 1, 0, b.length); // PT_LOAD: the whole file at address 0
  program(1, 2, dynOffset, entries.length * 16); // PT_DYNAMIC
  entries.forEach(([tag, value], i) => {
    b.writeBigInt64LE(BigInt(tag), dynOffset + i * 16);
    b.writeBigUInt64LE(BigInt(value), dynOffset + i * 16 + 8);
  });
  b.write(strings, strOffset, "latin1");
  return b;
}

describe("the script: the venv's shared libraries", () => {
  const machine = pythonMachine();
  const site = "venv/lib/python3.11/site-packages";
  const p = scratch({});
  const write = (path: string, data: Buffer) => {
    mkdirSync(dirname(join(p.dir, path)), { recursive: true });
    writeFileSync(join(p.dir, path), data);
  };
  afterAll(() => p.dispose());
  // Whether this machine has a library, as the image would (the test then cannot expect it missing).
  const system = execFileSync("sh", ["-c", "ldconfig -p 2>/dev/null || /sbin/ldconfig -p"], { encoding: "utf8" });

  it("every shared object finds what it links: in the system, through its RUNPATH ($ORIGIN), anywhere in the venv; a missing one fails with its Debian package when known", () => {
    write(`${site}/pg/_pg.cpython-311-x86_64-linux-gnu.so`, sharedObject(machine, { needed: ["libc.so.6", "libportaudio.so.2", "libpydock-absent.so.1"] }));
    write(`${site}/wheel/_w.so`, sharedObject(machine, { needed: ["libc.so.6", "libvendored-1a2b.so.3"], runpath: "$ORIGIN/../wheel.libs" }));
    write(`${site}/wheel.libs/libvendored-1a2b.so.3`, sharedObject(machine, { needed: ["libm.so.6"], soname: "libvendored-1a2b.so.3" }));
    write(`${site}/other/_o.so`, sharedObject(machine, { needed: ["libvendored-1a2b.so.3", "libcuda.so.1", "libpydock-absent.so.1"] }));
    // Another architecture's object, and text files with a library's name: not checked.
    write(`${site}/foreign/_f.so`, sharedObject(machine === 62 ? 183 : 62, { needed: ["libpydock-foreign.so.1"] }));
    write(`${site}/data/fake.so`, Buffer.from("not an ELF file"));
    const r = p.run([{ kind: "libraries", venv: join(p.dir, "venv") }]);
    const absent = { what: `the shared library libpydock-absent.so.1 (needed by other/_o.so, pg/_pg.cpython-311-x86_64-linux-gnu.so in ${join(p.dir, "venv")})`, library: "libpydock-absent.so.1", error: "not found in the runtime image" };
    if (system.includes("libportaudio.so.2 ")) expect(r.failures).toEqual([absent]);
    else {
      expect(r.failures).toEqual([
        { what: `the shared library libportaudio.so.2 (needed by pg/_pg.cpython-311-x86_64-linux-gnu.so in ${join(p.dir, "venv")})`, library: "libportaudio.so.2", package: "libportaudio2", error: "not found in the runtime image (Debian package libportaudio2)" },
        absent,
      ]);
    }
    expect(r.warnings).toEqual([]);
    expect(r.output).toMatch(/libcuda\.so\.1 is not in the image: the host's driver provides it at run time/);
    expect(r.output).toMatch(/4 shared objects of the venv checked in \d+\.\d+s/);
    // LD_LIBRARY_PATH is searched too, as the loader does.
    mkdirSync(join(p.dir, "extra"), { recursive: true });
    writeFileSync(join(p.dir, "extra/libpydock-absent.so.1"), "");
    writeFileSync(join(p.dir, "extra/libportaudio.so.2"), "");
    expect(p.run([{ kind: "libraries", venv: join(p.dir, "venv") }], { LD_LIBRARY_PATH: join(p.dir, "extra") }).failures).toEqual([]);
  });

  it("is fast: 1,000 shared objects in well under a second", () => {
    const many = scratch({});
    try {
      for (let i = 0; i < 1000; i++) {
        mkdirSync(join(many.dir, `venv/lib/p${i % 50}`), { recursive: true });
        writeFileSync(join(many.dir, `venv/lib/p${i % 50}/_m${i}.so`), sharedObject(machine, { needed: ["libc.so.6", "libm.so.6", `libx${i % 7}.so.1`], runpath: "$ORIGIN" }));
        if (i < 7) writeFileSync(join(many.dir, `venv/lib/p0/libx${i}.so.1`), sharedObject(machine, { soname: `libx${i}.so.1` }));
      }
      const r = many.run([{ kind: "libraries", venv: join(many.dir, "venv") }]);
      expect(r.failures).toEqual([]);
      const seconds = Number(/checked in (\d+\.\d+)s/.exec(r.output)?.[1]);
      expect(seconds).toBeLessThan(1);
    } finally {
      many.dispose();
    }
  });
});

describe("smokeChecksJson", () => {
  it("checks the venv of the interpreter first", () => {
    expect(JSON.parse(smokeChecksJson({ python: "/opt/venv/bin/python", checks: [{ kind: "program", name: "x" }] }))).toEqual([{ kind: "libraries", venv: "/opt/venv" }, { kind: "program", name: "x" }]);
  });
});

describe("withPackagesLabel", () => {
  it("sets the label to the listed packages, sorted among the others, without changing its input", () => {
    const config = { config: { Labels: { z: "1", a: "2" }, User: "app" }, os: "linux" };
    const out = withPackagesLabel(config, "io.pydock.runtime.auto-system-packages", "libpq5\nlibcairo2\n");
    expect(out["config"]).toEqual({ Labels: { a: "2", "io.pydock.runtime.auto-system-packages": "libpq5 libcairo2", z: "1" }, User: "app" });
    expect(Object.keys((out["config"] as { Labels: object }).Labels)).toEqual(["a", "io.pydock.runtime.auto-system-packages", "z"]);
    expect(config.config.Labels).toEqual({ z: "1", a: "2" });
    expect((withPackagesLabel(config, "l", "")["config"] as { Labels: Record<string, string> }).Labels["l"]).toBe("");
  });
});

describe("smokeDiagnostics' advice", () => {
  it("an old pin importing pkg_resources on a new Python: setuptools, an upgrade or an older Python", () => {
    const at = { file: "pydock.toml", range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
    const r = smokeDiagnostics({ failures: [{ what: "import gunicorn.app.wsgiapp", error: "ModuleNotFoundError: No module named 'pkg_resources'" }], warnings: [] }, at, true);
    expect(r.errors[0]?.message).toContain("add setuptools to the dependencies, upgrade that package, or pin an older Python ([python] version)");
    expect(r.errors[0]?.message).not.toContain("check the command");
  });
});
