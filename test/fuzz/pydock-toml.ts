/**
 * Generated pydock.toml files: documents written from the contract's tables and keys with good, bad and
 * random values of every TOML type in every TOML syntax (headers, dotted keys, inline tables, arrays of
 * tables), the example and corpus files mutated line by line and byte by byte, and pathological shapes
 * (deep nesting, long keys, huge documents, `${}` expansion that multiplies).
 */
import fc from "fast-check";
import { tableKeys, topLevelKeys } from "../../src/config/tables/suggest.js";
import { PROTO_KEYS, basicString, dottedKey, keyText, stringContent, stringText, valueText } from "./toml-text.js";

const TARGET_NAMES = ["test", "dev", "prod", "web.worker", "__proto__", "constructor", "runtime", "venv", "Bad Name", "toString"] as const;
const ARG_NAMES = ["A", "B", "ENVIRONMENT", "PORT", "SOURCE_DATE_EPOCH", "__proto__", "constructor", "1BAD", "bad-name"] as const;

const s = (...values: string[]): string[] => values.map(basicString);
const arr = (...items: string[]): string => `[${items.join(", ")}]`;

/** Values that mean something at each key: valid ones, near misses and edge cases (as TOML text). */
const GOOD: Readonly<Record<string, readonly string[]>> = {
  version: [...s("3.11", "3.12", "3.13", "3.11.9", "3.9", "2.7", "3.10", "4.0", "3.11.99999999999999999999"), "3.11", "3.10"],
  distro: s("bookworm", "trixie", "bullseye", "Bookworm", ""),
  "builder-image": s("python:3.12-bookworm", "a..b", "UPPER/x", "x@sha256:abc", "localhost:5000/py:3.11", `python:3.11@sha256:${"a".repeat(64)}`, "python:", ":latest", "/x", "x//y", "a".repeat(300)),
  "runtime-image": s("python:3.12-slim-bookworm", "a..b", "python:3.11-slim@sha256:", "-x", "x:-y", "ghcr.io/acme/py:3.11"),
  manager: s("poetry", "uv", "pip", "npm", "Poetry", ""),
  "manager-version": s("1.8.5", "2.2.1", "0.9.5", "25.3", "99999999999999999999.1", "0", "1.x", "latest"),
  groups: [arr(...s("main", "dev")), basicString("main, dev"), "[]", arr(...s("__proto__")), arr("1"), arr(...s("main", "main"))],
  extras: [arr(...s("fast")), "[]", basicString("a,b"), arr(...s("constructor"))],
  requirements: [arr(...s("requirements.txt")), arr(...s("requirements/base.txt", "requirements-dev.txt")), arr(...s("../x.txt")), arr(...s("/abs.txt")), "[]", basicString("requirements.txt")],
  "install-project": [basicString("auto"), "true", "false", basicString("true"), basicString("yes")],
  venv: s("/app/venv", "/opt/venv", "/", "relative", "/app/venv/", "//x//"),
  "system-packages": [arr(...s("libpq-dev")), arr(...s("libpq5=15.*", "curl")), arr(...s("Bad Pkg")), "[]", basicString("curl, git")],
  "index-url": s("https://pypi.org/simple", "https://user:pw@x.example/simple", "ftp://x", "not a url", "", "http://[::1]:8080/simple"),
  "extra-index-urls": [arr(...s("https://a.example/simple")), arr(...s("https://u@b.example/")), basicString("https://a/simple, https://b/simple")],
  ssh: ["true", "false", basicString("true"), "1"],
  "version-file": s(".version", "", "/abs", "../x", "a/b/.version", "./v"),
  labels: ["true", "false", '{ "a" = "b" }', '{ "" = "x" }', "{ __proto__ = \"x\" }", '{ "org.opencontainers.image.title" = "t", n = 1, f = 1.5, b = true }'],
  workdir: s("/app", "/", "/srv/app/", "x", "/w o r k", "/__proto__"),
  copy: [arr(...s(".")), arr(...s("src", "pyproject.toml")), arr(...s("../x")), arr(...s("a/*", "b/**")), basicString("src, pyproject.toml"), "[]"],
  exclude: [arr(...s("*.pyc", "**/node_modules")), arr(...s("!x")), "[]"],
  "build-commands": [arr(...s("python manage.py collectstatic --noinput")), arr(arr(...s("python", "-c", "print(1)"))), basicString("echo hi"), "[[]]", arr(basicString(""))],
  command: [arr(...s("gunicorn", "app:app", "--bind", "0.0.0.0:8000")), basicString("python main.py"), "[]", basicString(""), arr("1", "2"), arr(...s("python", "-m", "${A}"))],
  entrypoint: [arr(...s("/bin/sh", "-c")), basicString(""), "[]", basicString("tini --")],
  user: s("app", "root", "1000:1000", "0", "nobody", "Bad User", "99999999999999999999", "1:2:3"),
  env: ['{ A = "1", PATH = "/x:${PATH}" }', '{ "1BAD" = "x" }', '{ __proto__ = "x" }', "{ N = 1, F = 1.5, B = true, D = 1979-05-27 }", '{ A = { B = "c" } }', "{}"],
  expose: ["[8000]", "8000", basicString("8000/udp"), "[0]", "[70000]", arr(basicString("80/sctp"), "443"), "[1.5]", "[-1]", arr(basicString(" 80 ")), "[65535, 65536]"],
  timezone: s("UTC", "Europe/Paris", "../../etc/passwd", "", "America/Argentina/Buenos_Aires"),
  directories: [arr(...s("/data")), arr(...s("rel")), "[]", arr(...s("/a", "/a"))],
  "auto-system-packages": ["true", "false"],
  "stop-signal": s("SIGTERM", "SIGRTMIN+3", "9", "KILL", "SIG", "99999999999999999999"),
  healthcheck: ['{ http = "http://localhost:8000/" }', '{ command = ["true"] }', "{}", '{ http = "x", command = "y" }', "true"],
  http: s("http://localhost:8000/", "https://x/health", "ftp://x", "http://", "http:// x"),
  interval: s("30s", "1m30s", "0", "999999999999h", "1e9s", "1.5s", "500ms", "", "-1s", "9223372036854775807ms", "99999999999999999999999999999h"),
  timeout: s("5s", "0", "2562047h", "2562048h", "0.0001ms"),
  "start-period": s("0s", "30s", "300000000000000000000s"),
  retries: ["3", "0", "-1", "9223372036854775807", "1.5", basicString("3"), "99999999999999999999"],
  id: s("pypi", "index", "a b", "", "__proto__", "constructor"),
  target: s("/root/.netrc", "relative", "/run/secrets/x"),
  required: ["true", "false"],
};

/** The tables a header can name, as key paths. */
const HEADER_PATHS: readonly (readonly string[])[] = [
  [], ["python"], ["dependencies"], ["git"], ["app"], ["runtime"], ["runtime", "healthcheck"], ["runtime", "env"], ["runtime", "labels"], ["args"],
  ...TARGET_NAMES.flatMap((t) => [["targets", t], ["targets", t, "runtime"], ["targets", t, "dependencies"], ["targets", t, "app"], ["targets", t, "runtime", "healthcheck"]]),
  ["__proto__"], ["constructor"], ["runtime", "env", "__proto__"], ["runtime", "__proto__"], ["targets", "__proto__", "runtime", "env"], ["python", "version"], ["x", "y", "z"],
];

/** Keys a table at `path` has (by the contract), for choosing likely keys. */
function keysFor(path: readonly string[]): readonly string[] {
  const t = path[0] === "targets" ? path.slice(2) : path;
  const name = t.join(".");
  if (t.length === 0) return path[0] === "targets" ? ["dependencies", "runtime", "app"] : topLevelKeys;
  if (name === "args") return ARG_NAMES;
  if (name === "runtime.env" || name === "runtime.labels") return ["A", "DEBUG", "PATH", "1BAD", "", "org.opencontainers.image.title"];
  return Object.hasOwn(tableKeys, name) ? (tableKeys as Readonly<Record<string, readonly string[]>>)[name]! : [];
}

const randomKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...topLevelKeys, ...Object.values(tableKeys).flat(), "pyhton", "comand", "Python", "runtime.command", "", " ") },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

/** `key = value` lines for a table at `path`: its own keys mostly, with good or random values. */
function entryLine(path: readonly string[]): fc.Arbitrary<string> {
  const own = keysFor(path);
  const key: fc.Arbitrary<readonly string[]> = fc.oneof(
    { weight: own.length > 0 ? 8 : 0, arbitrary: own.length > 0 ? fc.constantFrom(...own).map((k) => [k]) : fc.constant(["x"]) },
    { weight: 2, arbitrary: fc.array(randomKey, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(["healthcheck", "http"], ["runtime", "command"], ["dependencies", "groups"], ["env", "A"], ["python", "version"], ["__proto__", "x"], ["targets", "t", "runtime", "command"], ["args", "A"]) },
  );
  return key.chain((segments) => {
    const last = segments[segments.length - 1] ?? "";
    const good = Object.hasOwn(GOOD, last) ? GOOD[last] : undefined;
    const value = good ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: valueText() }) : valueText();
    return value.map((v) => `${dottedKey(segments)} = ${v}`);
  });
}

/** A section: a header (none for the top) and its entries. */
const section: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HEADER_PATHS), fc.constantFrom("table", "array", "table", "table"))
  .chain(([path, kind]) =>
    fc.array(entryLine(path), { maxLength: 6 }).map((lines) => {
      const header = path.length === 0 ? "" : kind === "array" || path[0] === "secrets" ? `[[${dottedKey(path)}]]\n` : `[${dottedKey(path)}]\n`;
      return `${header}${lines.join("\n")}\n`;
    }),
  );

const secretsSection: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...GOOD["id"]!), fc.option(fc.constantFrom(basicString("PIP_INDEX_URL"), basicString("bad name"), "1")), fc.option(fc.constantFrom(...GOOD["target"]!)), fc.option(fc.constantFrom("true", "false", '"no"')))
  .map(([id, env, target, required]) => ["[[secrets]]", `id = ${id}`, env === null ? "" : `env = ${env}`, target === null ? "" : `target = ${target}`, required === null ? "" : `required = ${required}`].join("\n") + "\n");

const argsSection: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...ARG_NAMES), fc.oneof(stringText(), fc.constantFrom("1", "true", "1.5", "[1]", "{ a = 1 }", "1979-05-27"))), { maxLength: 4 })
  .map((kvs) => `[args]\n${kvs.map(([k, v]) => `${keyText(k)} = ${v}`).join("\n")}\n`);

/** A document written from the contract's tables. */
export const structuredToml: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("# syntax=pydock/pydock:0.1\n", "# syntax=pydock/pydock:0.1\n", "", "# syntax=x\r\n", "# syntax=pydock/pydock:0.1\n", "\ufeff"),
    fc.array(fc.oneof({ weight: 6, arbitrary: section }, { weight: 1, arbitrary: secretsSection }, { weight: 1, arbitrary: argsSection }), { maxLength: 8 }),
  )
  .map(([head, sections]) => head + sections.join("\n"));

/** A working file to start from, so that mutants reach the planner and the LLB. */
const BASE = `# syntax=pydock/pydock:0.1
[python]
version = "3.11"

[dependencies]
manager = "pip"

[runtime]
command = ["python", "app.py"]
`;

type Mutation =
  | { readonly op: "good-value"; readonly at: number; readonly pick: number }
  | { readonly op: "delete-line" | "duplicate-line"; readonly at: number }
  | { readonly op: "swap-lines"; readonly at: number; readonly other: number }
  | { readonly op: "insert-line"; readonly at: number; readonly text: string }
  | { readonly op: "replace-value"; readonly at: number; readonly text: string }
  | { readonly op: "replace-key"; readonly at: number; readonly key: string }
  | { readonly op: "insert-char" | "replace-char"; readonly at: number; readonly text: string }
  | { readonly op: "delete-chars"; readonly at: number; readonly count: number }
  | { readonly op: "truncate"; readonly at: number };

const anyLine: fc.Arbitrary<string> = fc.oneof(
  entryLine([]),
  entryLine(["runtime"]),
  entryLine(["dependencies"]),
  fc.constantFrom(...HEADER_PATHS).map((p) => `[${dottedKey(p)}]`),
  fc.constantFrom("[__proto__]", "__proto__.polluted = 1", "[runtime.env.__proto__]", "[targets.__proto__]", '["__proto__"]', "constructor.prototype.x = 1", "[[secrets]]", "[[targets.t]]", "[targets.t.runtime.valueOf]", "[runtime.healthcheck.constructor]"),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("good-value" as const), at: fc.nat(), pick: fc.nat() }) },
  fc.record({ op: fc.constantFrom("delete-line" as const, "duplicate-line" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap-lines" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant("insert-line" as const), at: fc.nat(), text: anyLine }),
  fc.record({ op: fc.constant("replace-value" as const), at: fc.nat(), text: valueText() }),
  fc.record({ op: fc.constant("replace-key" as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 6 })) }),
  fc.record({ op: fc.constantFrom("insert-char" as const, "replace-char" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom("[", "]", "{", "}", '"', "'", "=", ".", ",", "#", "\n", "\\", "$", "\u0000", " "), fc.string({ maxLength: 3 })) }),
  fc.record({ op: fc.constant("delete-chars" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const i = m.at % Math.max(lines.length, 1);
  const c = m.at % Math.max(text.length + 1, 1);
  switch (m.op) {
    case "good-value": {
      // Another value that means something at one of the file's keys: the file stays TOML.
      const keyed = lines.map((l, n) => [n, /^\s*([A-Za-z0-9_.-]+)\s*=/.exec(l)?.[1]?.split(".").pop()] as const).filter(([, k]) => k !== undefined && Object.hasOwn(GOOD, k));
      const hit = keyed[m.at % Math.max(keyed.length, 1)];
      if (!hit) return text;
      const good = GOOD[hit[1]!]!;
      const line = lines[hit[0]]!;
      lines[hit[0]] = `${line.slice(0, line.indexOf("=") + 1)} ${good[m.pick % good.length]}`;
      return lines.join("\n");
    }
    case "delete-line":
      lines.splice(i, 1);
      return lines.join("\n");
    case "duplicate-line":
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    case "swap-lines": {
      const j = m.other % Math.max(lines.length, 1);
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      return lines.join("\n");
    }
    case "insert-line":
      lines.splice(i, 0, m.text);
      return lines.join("\n");
    case "replace-value": {
      const line = lines[i] ?? "";
      const eq = line.indexOf("=");
      lines[i] = eq < 0 ? `${line} = ${m.text}` : `${line.slice(0, eq + 1)} ${m.text}`;
      return lines.join("\n");
    }
    case "replace-key": {
      const line = lines[i] ?? "";
      const eq = line.indexOf("=");
      lines[i] = eq < 0 ? line.replace(/^\[+([^\]]*)/, (h, p: string) => h.replace(p, `${p}.${keyText(m.key)}`)) : `${keyText(m.key)} ${line.slice(eq)}`;
      return lines.join("\n");
    }
    case "insert-char":
      return text.slice(0, c) + m.text + text.slice(c);
    case "replace-char":
      return text.slice(0, c) + m.text + text.slice(c + 1);
    case "delete-chars":
      return text.slice(0, c) + text.slice(c + m.count);
    case "truncate":
      return text.slice(0, c);
  }
}

/** Up to three values of a file replaced by others that mean something at their keys: the file stays TOML. */
export const goodValues: fc.Arbitrary<(text: string) => string> = fc
  .array(fc.record({ op: fc.constant("good-value" as const), at: fc.nat(), pick: fc.nat() }), { maxLength: 3 })
  .map((ms) => (text: string) => ms.reduce(mutate, text));

/** One of `seeds` (or a working base) with a few mutations applied. */
export function mutatedToml(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(BASE, ...seeds), fc.array(mutation, { minLength: 1, maxLength: 5 }))
    .map(([seed, ms]) => ms.reduce(mutate, seed));
}

/** Shapes that cost parsers and validators the most: depth, length, count and `${}` expansion. */
export const pathologicalToml: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 60_000 }).map((n) => `x = ${"[".repeat(n)}1${"]".repeat(n)}\n`),
  fc.integer({ min: 1, max: 60_000 }).map((n) => `x = ${"{ a = ".repeat(n)}1${" }".repeat(n)}\n`),
  fc.integer({ min: 1, max: 60_000 }).map((n) => `[runtime]\ncommand = ${"[".repeat(n)}"x"${"]".repeat(n)}\n`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `${Array.from({ length: n }, (_, i) => `a${i}`).join(".")} = 1\n`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `[${Array.from({ length: n }, () => "__proto__").join(".")}]\nx = 1\n`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `[targets.t${".runtime".repeat(n)}]\ncommand = "x"\n`),
  fc.integer({ min: 1, max: 120_000 }).map((n) => Array.from({ length: n }, (_, i) => `k${i} = ${i}`).join("\n")),
  fc.integer({ min: 1, max: 60_000 }).map((n) => Array.from({ length: n }, (_, i) => `[t${i}]\nk = 1`).join("\n")),
  fc.integer({ min: 1, max: 60_000 }).map((n) => "[[secrets]]\nid = \"a\"\nenv = \"A\"\n".repeat(n)),
  fc.integer({ min: 1, max: 300_000 }).map((n) => `[runtime]\nexpose = [${"8000, ".repeat(n)}]\n`),
  fc.integer({ min: 1, max: 2_000_000 }).map((n) => `[runtime]\ncommand = "${"a".repeat(n)}"\n`),
  fc.integer({ min: 1, max: 2_000_000 }).map((n) => `[runtime]\ncommand = '''${"a\n".repeat(n >> 1)}'''\n`),
  fc.integer({ min: 1, max: 300_000 }).map((n) => `${"k".repeat(n)} = 1\n`),
  fc.integer({ min: 1, max: 300_000 }).map((n) => `x = ${"1".repeat(n)}\n`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `[runtime]\n${Array.from({ length: n }, (_, i) => `comand${i}${"x".repeat(i % 50)} = 1`).join("\n")}\n`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `[runtime]\nexpose = [${Array.from({ length: n }, () => "-1").join(", ")}]\n`),
  fc.integer({ min: 1, max: 1_200_000 }).map((n) => `# syntax=pydock/pydock:0.1\n${"#".repeat(n)}\n[python]\nversion = "3.11"\n`),
  fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 })).map(
    ([size, refs]) => `[args]\nA = "${"x".repeat(size)}"\n[runtime]\ncommand = "${"${A}".repeat(refs)}"\n[python]\nversion = "3.11"\n`,
  ),
  fc.integer({ min: 1, max: 50_000 }).map((n) => `[args]\nA = "\${A}\${A}"\n[runtime]\nenv = { ${Array.from({ length: Math.min(n, 5000) }, (_, i) => `V${i} = "\${A}"`).join(", ")} }\n`),
  stringContent.chain((c) => fc.integer({ min: 1, max: 5000 }).map((n) => `[runtime]\ncommand = [${Array.from({ length: n }, () => basicString(c)).join(", ")}]\n`)),
  // As many build steps as a file may ask for (a long chain of LLB ops), on a file that compiles.
  fc.tuple(fc.constantFrom("build-commands", "copy", "exclude"), fc.integer({ min: 1, max: 2500 })).map(
    ([key, n]) => `${BASE}[app]\n${key} = [${Array.from({ length: n }, (_, i) => basicString(key === "build-commands" ? `echo ${i}` : `f${i}`)).join(", ")}]\n`,
  ),
  fc.integer({ min: 1, max: 2500 }).map((n) => `${BASE}directories = [${Array.from({ length: n }, (_, i) => basicString(`/d${i}`)).join(", ")}]\nsystem-packages = [${Array.from({ length: n }, (_, i) => basicString(`p${i}`)).join(", ")}]\n`),
  // Many targets over big top-level tables (each target is read merged over them) and lists written as
  // one comma-separated string (which the entry count does not see).
  fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 3000 }), fc.constantFrom("/d", "d"), fc.constantFrom("runtime.user", "runtime.env.X", "app.workdir", "")).map(
    ([targets, items, dir, override]) =>
      `${BASE}directories = "${Array.from({ length: items }, (_, i) => `${dir}${i}`).join(",")}"\n[runtime.env]\n${Array.from({ length: Math.min(items, 700) }, (_, i) => `E${i} = "v"`).join("\n")}\n` +
      Array.from({ length: targets }, (_, i) => `[targets.t${i}]${override ? `\n${override} = "/u"` : ""}`).join("\n"),
  ),
);

/** Any pydock.toml the suite tries. */
export function pydockToml(seeds: readonly string[], pathological = 1): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: structuredToml },
    { weight: 5, arbitrary: mutatedToml(seeds) },
    { weight: 2, arbitrary: fc.constantFrom(BASE, ...seeds) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: pathological, arbitrary: pathologicalToml },
  );
}
