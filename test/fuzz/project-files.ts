/**
 * Generated project files: pyproject.toml (PEP 621, Poetry, uv, dependency groups), poetry.lock, uv.lock,
 * requirement files with includes (cycles too), .python-version and the other version pins, Python modules
 * that detection reads, and odd files (binary, empty, huge, paths named like Object.prototype members).
 * Also the example and corpus projects, whole or with one file mutated.
 */
import fc from "fast-check";
import { PROTO_KEYS, basicString, stringText, valueText } from "./toml-text.js";

export type Files = ReadonlyMap<string, string>;

const REQUIREMENT_NAMES = ["flask", "django", "gunicorn", "uvicorn[standard]", "fastapi", "psycopg2", "mysqlclient", "pycairo", "requests", "__proto__", "constructor", "toString", "", "-", "a.b_c-d"];
const requirement: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...REQUIREMENT_NAMES), fc.constantFrom("", ">=2", "==1.0.0", "~=3.1", ",<4", "; python_version < '3.8'", " @ https://x/y.whl", "[extra]"))
  .map(([n, v]) => n + v);

const pyVersionSpec = fc.constantFrom(">=3.11", "^3.11", "==3.12.*", "<3", ">=3.9,<3.14", "3.11", "~=3.10", "!=3.12", ">=4", "garbage", "", ">=3.11.99999999999999999999", "*", "==3.11.9");

/** pyproject.toml written from the keys pydock reads, good and random values, __proto__ keys. */
const pyproject: fc.Arbitrary<string> = fc
  .record({
    name: fc.option(fc.oneof(fc.constantFrom("blog", "my-app", "__proto__", "constructor", "a.b"), stringText()).map((v) => (v.startsWith('"') || v.startsWith("'") ? v : basicString(v)))),
    requires: fc.option(fc.oneof(pyVersionSpec.map(basicString), valueText(1))),
    deps: fc.option(fc.oneof(fc.array(requirement, { maxLength: 5 }).map((r) => `[${r.map(basicString).join(", ")}]`), valueText(1))),
    optional: fc.option(fc.array(fc.tuple(fc.constantFrom("fast", "__proto__", "dev"), fc.array(requirement, { maxLength: 2 })), { maxLength: 2 })),
    scripts: fc.option(fc.array(fc.tuple(fc.constantFrom("serve", "app", "__proto__", "toString"), fc.constantFrom("pkg.main:run", "x", "")), { maxLength: 3 })),
    buildSystem: fc.boolean(),
    poetry: fc.option(
      fc.record({
        python: fc.option(pyVersionSpec),
        deps: fc.array(fc.constantFrom("flask", "django", "__proto__", "constructor", "gunicorn"), { maxLength: 3 }),
        packageMode: fc.option(fc.constantFrom("false", "true", '"no"')),
        packages: fc.boolean(),
        group: fc.option(fc.constantFrom("dev", "test", "__proto__")),
      }),
    ),
    uv: fc.option(fc.record({ package: fc.option(fc.constantFrom("true", "false", "1")), workspace: fc.option(fc.constantFrom('["packages/*"]', '["*"]', '["[", "**"]', "1", '["__proto__"]')) })),
    groups: fc.option(fc.array(fc.tuple(fc.constantFrom("dev", "test", "__proto__", "constructor"), fc.array(requirement, { maxLength: 2 })), { maxLength: 2 })),
    extra: fc.array(fc.tuple(fc.constantFrom("project", "tool", "tool.poetry", "tool.uv", "project.scripts", "__proto__", "tool.__proto__"), fc.constantFrom(...PROTO_KEYS, "x"), valueText(1)), { maxLength: 2 }),
  })
  .map((p) => {
    const out: string[] = [];
    out.push("[project]");
    if (p.name !== null) out.push(`name = ${p.name}`);
    out.push('version = "0.1.0"');
    if (p.requires !== null) out.push(`requires-python = ${p.requires}`);
    if (p.deps !== null) out.push(`dependencies = ${p.deps}`);
    if (p.optional) {
      out.push("[project.optional-dependencies]");
      for (const [k, v] of p.optional) out.push(`${basicString(k)} = [${v.map(basicString).join(", ")}]`);
    }
    if (p.scripts) {
      out.push("[project.scripts]");
      for (const [k, v] of p.scripts) out.push(`${basicString(k)} = ${basicString(v)}`);
    }
    if (p.buildSystem) out.push("[build-system]", 'requires = ["hatchling"]', 'build-backend = "hatchling.build"');
    if (p.poetry) {
      out.push("[tool.poetry]");
      if (p.poetry.packageMode !== null) out.push(`package-mode = ${p.poetry.packageMode}`);
      if (p.poetry.packages) out.push('packages = [{ include = "blog" }]');
      out.push("[tool.poetry.dependencies]");
      if (p.poetry.python !== null) out.push(`python = ${basicString(p.poetry.python)}`);
      for (const d of p.poetry.deps) out.push(`${basicString(d)} = "*"`);
      if (p.poetry.group !== null) out.push(`[tool.poetry.group.${basicString(p.poetry.group)}.dependencies]`, 'pytest = "*"');
    }
    if (p.uv) {
      out.push("[tool.uv]");
      if (p.uv.package !== null) out.push(`package = ${p.uv.package}`);
      if (p.uv.workspace !== null) out.push("[tool.uv.workspace]", `members = ${p.uv.workspace}`);
    }
    if (p.groups) {
      out.push("[dependency-groups]");
      for (const [k, v] of p.groups) out.push(`${basicString(k)} = [${v.map(basicString).join(", ")}]`);
    }
    for (const [table, key, value] of p.extra) out.push(`[${table}]`, `${basicString(key)} = ${value}`);
    return `${out.join("\n")}\n`;
  });

const poetryLock: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom("flask", "django", "gunicorn", "psycopg2", "__proto__", "constructor"), fc.constantFrom("1.0", "2.0.1", ""), fc.constantFrom("", "git", "directory", "url", "__proto__")), { maxLength: 5 })
  .map(
    (pkgs) =>
      pkgs
        .map(([n, v, src]) => `[[package]]\nname = ${basicString(n)}\nversion = ${basicString(v)}\noptional = false\npython-versions = "*"\nfiles = [{ file = "x.whl", hash = "sha256:00" }]\n${src ? `[package.source]\ntype = ${basicString(src)}\nurl = "x"\n` : ""}`)
        .join("\n") + '\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "x"\n',
  );

const uvLock: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("blog", "my-app", "__proto__", "other"),
    fc.array(fc.constantFrom("flask", "fastapi", "uvicorn", "__proto__", "constructor"), { maxLength: 4 }),
    fc.array(fc.constantFrom("flask", "fastapi", "uvicorn", "__proto__", "toString"), { maxLength: 4 }),
    fc.constantFrom('{ editable = "." }', '{ virtual = "." }', '{ registry = "https://pypi.org/simple" }', "1", "{}"),
  )
  .map(
    ([own, deps, dist, source]) =>
      `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = ${basicString(own)}\nversion = "0.1.0"\nsource = ${source}\ndependencies = [${deps.map((d) => `{ name = ${basicString(d)} }`).join(", ")}]\n\n[package.metadata]\nrequires-dist = [${dist.map((d) => `{ name = ${basicString(d)} }`).join(", ")}]\n\n[package.metadata.requires-dev]\ndev = [{ name = "pytest" }]\n` +
      deps.map((d) => `\n[[package]]\nname = ${basicString(d)}\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\n`).join(""),
  );

const REQUIREMENT_FILES = ["requirements.txt", "requirements-dev.txt", "requirements/base.txt", "requirements/dev.txt"];
const requirementsFile: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: requirement },
      { weight: 2, arbitrary: fc.constantFrom(...REQUIREMENT_FILES, "../escape.txt", "/abs.txt", "base.txt", "missing.txt").chain((f) => fc.constantFrom(`-r ${f}`, `--requirement=${f}`, `-c ${f}`, `-r${f}`)) },
      { weight: 1, arbitrary: fc.constantFrom("-e git+https://x/y.git#egg=pkg", "-e .", "--hash=sha256:abc \\", "flask==2.0 --hash=sha256:00", "# comment", "", "\\", "--index-url https://x/simple", "https://x/pkg-1.0-py3-none-any.whl", "./local", "git+ssh://git@x/y.git#egg=__proto__") },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
    { maxLength: 8 },
  )
  .map((l) => l.join("\n"));

const pythonPin: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("3.11", "3.12.1", "3.13", "3.11.9\n", "pypy3.10", "system", "3.11\n3.12", ">=3.11", "2.7", "3.99", "", "\n", "3.11.99999999999999999999", " 3.12 ", "cpython-3.11"),
  fc.string({ maxLength: 10 }),
);

const PY_SNIPPETS = [
  "from flask import Flask\napp = Flask(__name__)\n",
  "from fastapi import FastAPI\napp = FastAPI()\n",
  "def create_app():\n    return Flask(__name__)\n",
  'if __name__ == "__main__":\n    main()\n',
  'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
  'WSGI_APPLICATION = "proj.wsgi.application"\n',
  "application = get_wsgi_application()\n",
  "import __proto__\n",
  '"""\n',
  "app = (((((",
  "\u0000\u0001",
];
const pythonSource: fc.Arbitrary<string> = fc.array(fc.oneof(fc.constantFrom(...PY_SNIPPETS), fc.string({ maxLength: 20 })), { maxLength: 4 }).map((p) => p.join(""));

/** One generated file for each path that detection and the managers read, or an odd one. */
const fileEntry: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  { weight: 5, arbitrary: pyproject.map((t) => ["pyproject.toml", t] as const) },
  { weight: 3, arbitrary: poetryLock.map((t) => ["poetry.lock", t] as const) },
  { weight: 3, arbitrary: uvLock.map((t) => ["uv.lock", t] as const) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...REQUIREMENT_FILES), requirementsFile) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(".python-version", "runtime.txt", ".tool-versions", "mise.toml", ".mise.toml"), pythonPin).map(([f, v]) => [f, f === "runtime.txt" ? `python-${v}` : f === ".tool-versions" ? `python ${v}` : f.endsWith("mise.toml") ? `[tools]\npython = ${basicString(v)}\n` : v] as const) },
  {
    weight: 4,
    arbitrary: fc.tuple(
      fc.constantFrom("main.py", "app.py", "wsgi.py", "asgi.py", "manage.py", "bot.py", "proj/settings.py", "proj/wsgi.py", "pkg/__init__.py", "pkg/__main__.py", "src/pkg/main.py", "__proto__/settings.py", "constructor/__main__.py", "toString/manage.py", "setup.py"),
      pythonSource,
    ),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("Pipfile", "Pipfile.lock", "pdm.lock", "setup.cfg", "packages/a/pyproject.toml", "packages/__proto__/pyproject.toml"), fc.oneof(valueText(1), fc.string())) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("pyproject.toml", "uv.lock", "poetry.lock", "requirements.txt"), fc.oneof(fc.string(), fc.constantFrom("", "\u0000", "[", '"""', "[[package]]\nname = 1", "[__proto__]\nx = 1", "__proto__ = 1"))) },
);

/** Bigger project files than any real one, for the size limits and time bounds. */
const largeEntry: fc.Arbitrary<readonly [string, string]> = fc
  .tuple(fc.constantFrom("pyproject.toml", "uv.lock", "poetry.lock", "requirements.txt", ".python-version", "main.py", "manage.py"), fc.integer({ min: 1, max: 10 * 1024 * 1024 }), fc.constantFrom("x", "flask\n", "[[package]]\nname = \"a\"\nversion = \"1\"\n", "-r requirements.txt\n", "[", "\"", "# c\n"))
  .map(([path, size, unit]) => [path, unit.repeat(Math.ceil(size / unit.length))] as const);

/** Mutates one file of a project: a line dropped or inserted, a character changed, the file cut short. */
const fileMutation = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("drop-line", "insert", "truncate", "proto"), fc.oneof(fc.constantFrom("[", "]", '"', "=", "\n", "__proto__ = 1", "[__proto__]", "-r requirements.txt", "[[package]]"), fc.string({ maxLength: 5 })));

function mutateFile(files: Files, [which, at, op, text]: readonly [number, number, string, string]): Files {
  const paths = [...files.keys()];
  const path = paths[which % Math.max(paths.length, 1)];
  if (path === undefined) return files;
  const body = files.get(path) ?? "";
  const c = at % (body.length + 1);
  let next: string;
  if (op === "drop-line") {
    const lines = body.split("\n");
    lines.splice(at % Math.max(lines.length, 1), 1);
    next = lines.join("\n");
  } else if (op === "truncate") next = body.slice(0, c);
  else if (op === "proto") next = `${body}\n[tool.__proto__]\npolluted = 1\n[__proto__]\nx = 1\n`;
  else next = body.slice(0, c) + text + body.slice(c);
  return new Map([...files, [path, next]]);
}

/** One change to a project's files: a file mutated, or a generated one added (or replacing its namesake). */
export const mutateProject: fc.Arbitrary<(files: Files) => Files> = fc.oneof(
  fileMutation.map((m) => (files: Files) => mutateFile(files, m)),
  fileEntry.map(([p, t]) => (files: Files) => new Map([...files, [p, t]]) as Files),
);

/** A project: one of `seeds` (whole or with a file mutated), or generated files. */
export function projectFilesArb(seeds: readonly Files[], large = 1): fc.Arbitrary<Files> {
  const generated = fc.array(fileEntry, { maxLength: 6 }).map((entries) => new Map(entries) as Files);
  const arbs: fc.WeightedArbitrary<Files>[] = [
    { weight: 5, arbitrary: generated },
    { weight: large, arbitrary: fc.tuple(generated, largeEntry).map(([f, [p, t]]) => new Map([...f, [p, t]]) as Files) },
  ];
  if (seeds.length > 0) {
    const seed = fc.constantFrom(...seeds);
    arbs.push({ weight: 3, arbitrary: seed });
    arbs.push({ weight: 3, arbitrary: fc.tuple(seed, fileMutation).map(([f, m]) => mutateFile(f, m)) });
    arbs.push({ weight: 2, arbitrary: fc.tuple(seed, fc.array(fileEntry, { minLength: 1, maxLength: 2 })).map(([f, extra]) => new Map([...f, ...extra]) as Files) });
  }
  return fc.oneof(...arbs);
}
