/**
 * Every file the detection rules read: PROJECT_FILE_PATTERNS transfer it from the context (and keep the
 * transfer small: no arbitrary Python module, no deep trees), and detection over it is total and linear —
 * garbage in any of them never throws, never pollutes Object.prototype, and a 1 MB (or 8 MiB) input takes
 * a bounded time.
 */
import { describe, expect, it } from "vitest";
import { globToRegExp } from "../../core/glob.js";
import { projectFiles, PROJECT_FILE_PATTERNS, parsePyproject, type ProjectFiles } from "../project.js";
import { detectCommand, detectStart } from "./command.js";
import { dependencyNames } from "./dependencies.js";
import { pdmLockNames, pipfileLockNames, poetryLockNames, uvLockNames } from "./lockfile-names.js";
import { detectManager } from "./manager.js";
import { scanPython } from "./python-source.js";
import { parsePythonSpecifier, resolvePythonSpecifier } from "./python-specifier.js";
import { detectPythonVersion } from "./python-version.js";
import { requirementNames } from "./requirement-files.js";
import { cpuNow } from "../../../test/support/cpu-time.js";

const files = (entries: Record<string, string> | Map<string, string>): ProjectFiles =>
  projectFiles(entries instanceof Map ? entries : new Map(Object.entries(entries)));

/** Every file the detection rules read, by name (one path for each rule). */
const READ = [
  "pyproject.toml",
  "poetry.lock",
  "uv.lock",
  "pdm.lock",
  "Pipfile",
  "Pipfile.lock",
  "setup.py",
  "setup.cfg",
  "requirements.txt",
  "requirements/base.txt",
  ".python-version",
  ".tool-versions",
  "mise.toml",
  ".mise.toml",
  "runtime.txt",
  "manage.py",
  "src/manage.py",
  "proj/settings.py",
  "proj/settings/base.py",
  "proj/wsgi.py",
  "main.py",
  "app.py",
  "bot.py",
  "pkg/__init__.py",
  "pkg/__main__.py",
  "src/pkg/main.py",
];

/** Runs every detector over the files; returns how long it took (ms). */
function detectAll(f: ProjectFiles): number {
  const t = cpuNow();
  detectPythonVersion(f, undefined);
  detectManager(f, undefined);
  // Reads the dependency names (with both requirement files), Django projects and app modules.
  detectCommand(f, undefined, { requirements: ["requirements.txt", "requirements/base.txt"] });
  return cpuNow() - t;
}

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random text biased towards the characters the scanners care about. */
function garbage(seed: number, size: number): string {
  const r = rng(seed);
  const alphabet = `\n\n  ""''[]{}()=,.:;#\\|*^~<>!-_+@/abcXYZ0123456789\t\r\u00e9\u0000`;
  const words = ["[[package]]", "name = ", "dependencies = [", "{ name = ", "def ", "app = ", "Flask(", "FastAPI(", "import ", "from ", '"""', "-r ", "python", "3.11", "WSGI_APPLICATION = ", "DJANGO_SETTINGS_MODULE", "python_requires=", "[tools]", "__proto__", "source = { editable = \".\" }"];
  let out = "";
  while (out.length < size) {
    out += r() < 0.3 ? (words[Math.floor(r() * words.length)] ?? "") : (alphabet[Math.floor(r() * alphabet.length)] ?? "");
  }
  return out;
}

describe("garbage input", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("never throws (seed %i)", (seed) => {
    const entries: Record<string, string> = {};
    READ.forEach((p, i) => (entries[p] = garbage(seed * 100 + i, 4000)));
    expect(() => detectAll(files(entries))).not.toThrow();
    expect(() => detectStart(files(entries), undefined)).not.toThrow();
    expect(() => dependencyNames(files(entries))).not.toThrow();
    expect(() => detectPythonVersion(files(entries), undefined)).not.toThrow();
    for (const p of READ) {
      expect(() => detectAll(files({ [p]: entries[p] ?? "" }))).not.toThrow();
    }
  });

  it("specifier parsing is total", () => {
    for (let seed = 0; seed < 300; seed++) {
      const s = garbage(seed, 30);
      expect(() => parsePythonSpecifier(s)).not.toThrow();
      expect(() => resolvePythonSpecifier(s)).not.toThrow();
    }
  });

  it("odd but valid shapes do not throw: wrong TOML types, empty files, binary", () => {
    const odd = {
      "pyproject.toml": `[project]\nname = 1\ndependencies = "flask"\nrequires-python = 3.11\nscripts = []\n[tool.poetry]\ndependencies = [1]\nscripts = "x"\n`,
      "mise.toml": `tools = "python"\n`,
      ".mise.toml": `[tools]\npython = 3.11\n`,
      Pipfile: `requires = [1]\n`,
      "Pipfile.lock": `{"default": null}`,
      "uv.lock": "\u0000\u0001\u0002",
      "poetry.lock": "",
      "manage.py": "DJANGO_SETTINGS_MODULE",
      "main.py": "\u0000",
    };
    expect(() => detectAll(files(odd))).not.toThrow();
    // The wrong types pin nothing: pydock's default, with a warning.
    expect(detectPythonVersion(files(odd), undefined)).toMatchObject({ ok: true, value: "3.13", warn: true });
  });
});

describe("__proto__ and other inherited names", () => {
  it("TOML keys named __proto__ or constructor neither pollute nor are taken for values", () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const pyproject = `[project]\nname = "a"\ndependencies = []\n[project.scripts]\n__proto__ = "x:y"\n[tool.poetry.dependencies]\n__proto__ = "1"\nconstructor = "2"\n`;
    const f = files({
      "pyproject.toml": pyproject,
      "mise.toml": `[__proto__]\npython = "3.11"\n[tools.__proto__]\npython = "3.12"\n`,
      Pipfile: `[requires.__proto__]\npython_version = "3.11"\n[constructor]\nx = 1\n`,
      "Pipfile.lock": `{"__proto__": {"default": {"evil": {}}}, "default": {"__proto__": {"polluted": 1}}}`,
      "uv.lock": `[[package]]\nname = "__proto__"\nversion = "1"\nsource = { editable = "." }\ndependencies = [{ name = "constructor" }, { name = "toString" }]\n`,
    });
    expect(detectPythonVersion(f, undefined)).toMatchObject({ ok: true, warn: true }); // nothing pinned: no python under [tools] or [requires]
    const names = dependencyNames(f, parsePyproject(pyproject)).names;
    expect([...names].sort()).toEqual(["-proto-", "constructor", "tostring"]);
    expect(names.has("evil")).toBe(false);
    expect(detectStart(f, parsePyproject(pyproject))).toMatchObject({ ok: true, value: { command: { args: ["__proto__"] } } });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["python"]).toBeUndefined();
  });

  it("paths named like Object.prototype members are just paths", () => {
    const f = files({ "constructor/__main__.py": "", "__proto__/settings.py": "WSGI_APPLICATION = 'x.wsgi.application'\n", "toString/manage.py": "" });
    expect(() => detectAll(f)).not.toThrow();
    expect(detectCommand(f, undefined)).toMatchObject({ ok: true, value: { args: ["python", "-m", "constructor"] } });
  });
});

describe("time bounds (linear scans; inputs can be 8 MiB)", () => {
  const MB = 1024 * 1024;
  const pathological: Record<string, string> = {
    "open brackets": "[".repeat(MB),
    "open braces": "{".repeat(MB),
    "open parentheses": `def create_app(${"(".repeat(MB)}`,
    quotes: '"'.repeat(MB),
    "triple quotes": '"""\n'.repeat(MB / 4),
    "dotted names": `app = ${"a.".repeat(MB / 2)}(`,
    "one long line": "x".repeat(MB),
    "many short lines": "a = b(\n".repeat(MB / 7),
    "continuations": "flask \\\n".repeat(MB / 8),
    "includes": "-r requirements.txt\n".repeat(MB / 20),
    "settings keys": 'DJANGO_SETTINGS_MODULE", "'.repeat(MB / 27),
    "python_requires": 'python_requires="'.repeat(MB / 17),
    "package blocks": '[[package]]\nname = "a"\ndependencies = [\n'.repeat(MB / 40),
    "unclosed inline tables": 'dependencies = [{ name = "a", extra = ["'.repeat(MB / 40),
    "specifier-like": ">=3.11,".repeat(MB / 7),
    "suffix-like": "3.11" + "rc".repeat(MB / 2),
    random: garbage(42, MB),
  };

  // A quadratic scan of 1 MB would take minutes: these bounds are loose enough for a loaded CI machine.
  it.each(Object.keys(pathological))("1 MB of %s in every file the rules read: under 3 s", (name) => {
    const text = pathological[name] ?? "";
    const entries: Record<string, string> = {};
    for (const p of READ) entries[p] = text;
    expect(detectAll(files(entries))).toBeLessThan(3000);
  });

  it("1 MB in any one file: under 500 ms", () => {
    const text = garbage(9, MB);
    for (const p of READ) expect(detectAll(files({ [p]: text })), p).toBeLessThan(500);
  });

  it("the scanners on 8 MiB: under 3 s each", () => {
    const big = garbage(7, 8 * MB);
    for (const f of [scanPython, uvLockNames, poetryLockNames, pdmLockNames, pipfileLockNames]) {
      const t = cpuNow();
      f(big);
      expect(cpuNow() - t).toBeLessThan(3000);
    }
    const t = cpuNow();
    requirementNames(files({ "requirements.txt": big }), ["requirements.txt"]);
    expect(cpuNow() - t).toBeLessThan(3000);
  });

  it("a real-sized lock (20,000 packages) reads in well under a second", () => {
    let lock = "";
    for (let i = 0; i < 20000; i++) lock += `[[package]]\nname = "p${i}"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "p${i + 1}" },\n]\n\n`;
    lock += `[[package]]\nname = "root"\nversion = "0"\nsource = { editable = "." }\ndependencies = [{ name = "p0" }]\n`;
    const t = cpuNow();
    expect(uvLockNames(lock).size).toBe(20002);
    expect(cpuNow() - t).toBeLessThan(1000);
  });
});

describe("PROJECT_FILE_PATTERNS", () => {
  const patterns = PROJECT_FILE_PATTERNS.map(globToRegExp);
  const transferred = (path: string) => patterns.some((re) => re.test(path));

  it.each([
    ...READ,
    // the same rules on other names and depths
    "requirements-prod.txt",
    "requirements/envs/prod.txt",
    "backend/web/manage.py",
    "blog/settings.py",
    "src/config/settings.py",
    "backend/web/site_cfg/settings.py",
    "config/settings/__init__.py",
    "config/settings/production.py",
    "src/config/settings/base.py",
    "backend/web/cfg/settings/base.py",
    "blog/wsgi.py",
    "src/config/wsgi.py",
    "backend/web/cfg/wsgi.py",
    "backend/web/cfg/asgi.py",
    "wsgi.py",
    "app/main.py",
    "src/shop/api.py",
    "flaskr/__init__.py",
    "src/shop/__init__.py",
    "mytool/__main__.py",
    "src/mytool/__main__.py",
    "start.py",
    "server.py",
    "run.py",
    "Procfile",
    "Dockerfile",
    "compose.yaml",
    "docker-compose.yml",
  ])("reads %s", (path) => {
    expect(transferred(path)).toBe(true);
  });

  it.each([
    "README.md",
    "tests/test_app.py",
    "blog/views.py",
    "pkg/sub/__init__.py",
    "pkg/sub/__main__.py",
    "lib/util.py",
    "a/b/c/manage.py",
    "docs/requirements.txt",
    "node_modules/x/index.js",
    "static/app.js",
    "docker/Dockerfile",
  ])("leaves %s out", (path) => {
    expect(transferred(path)).toBe(false);
  });

  it("are the .dockerignore-style patterns, without duplicates", () => {
    expect(new Set(PROJECT_FILE_PATTERNS).size).toBe(PROJECT_FILE_PATTERNS.length);
  });
});
