/**
 * Web applications in the project's conventional modules: a module-level app object built by a framework
 * (`app = FastAPI()`, `app = Flask(__name__)`, `app, rt = fast_app()`, `app = web.Application()`, …), an
 * app built by a factory at module level (`app = create_app()`), or an app factory itself
 * (`def create_app(): app = Flask(__name__) …`, served as `gunicorn 'pkg:create_app()'`).
 */
import type { ProjectFiles } from "../project.js";
import { scanPython, type PyModule } from "./python-source.js";
import type { AppRef } from "./servers.js";
import { isIdentifier } from "./text.js";

export type Framework = "flask" | "bottle" | "fastapi" | "starlette" | "litestar" | "quart" | "fasthtml" | "aiohttp";
/** How a framework's app is served. */
export type Interface = "wsgi" | "asgi" | "aiohttp";

export const FRAMEWORKS: Readonly<Record<Framework, { readonly label: string; readonly module: string; readonly iface: Interface; readonly builders: readonly string[] }>> = {
  flask: { label: "Flask", module: "flask", iface: "wsgi", builders: ["Flask"] },
  bottle: { label: "Bottle", module: "bottle", iface: "wsgi", builders: ["Bottle", "default_app"] },
  fastapi: { label: "FastAPI", module: "fastapi", iface: "asgi", builders: ["FastAPI"] },
  starlette: { label: "Starlette", module: "starlette", iface: "asgi", builders: ["Starlette"] },
  litestar: { label: "Litestar", module: "litestar", iface: "asgi", builders: ["Litestar"] },
  quart: { label: "Quart", module: "quart", iface: "asgi", builders: ["Quart"] },
  fasthtml: { label: "FastHTML", module: "fasthtml", iface: "asgi", builders: ["FastHTML", "fast_app"] },
  aiohttp: { label: "aiohttp", module: "aiohttp", iface: "aiohttp", builders: ["Application"] },
};
/** The distribution that provides each framework's module (for "is it installed" checks). */
export const FRAMEWORK_DISTRIBUTIONS: Readonly<Record<Framework, readonly string[]>> = {
  flask: ["flask"],
  bottle: ["bottle"],
  fastapi: ["fastapi", "fastapi-slim"],
  starlette: ["starlette"],
  litestar: ["litestar"],
  quart: ["quart"],
  fasthtml: ["python-fasthtml"],
  aiohttp: ["aiohttp"],
};
const ALL = Object.keys(FRAMEWORKS) as Framework[];

/** The modules scanned, by file name, preferred first; other scanned files rank after them. */
const PREFERRED = ["main.py", "app.py", "application.py", "api.py", "server.py", "wsgi.py", "asgi.py", "__init__.py"];
/** Function names taken for app factories. */
const FACTORY = /^(?:create|make|build|get|init|setup|new)_?app(?:lication)?$/i;

export interface FoundApp {
  readonly framework: Framework;
  readonly ref: AppRef;
  /** The context path of the module, and the line of the object or factory. */
  readonly path: string;
  readonly line: number;
  /** "app object", "app built by create_app()", "app factory". */
  readonly kind: "object" | "factory-call" | "factory";
  readonly scan: PyModule;
}

/** "src/shop/main.py" → "shop.main"; "shop/__init__.py" → "shop"; undefined when not importable by name. */
export function moduleOf(path: string): string | undefined {
  const mod = path.replace(/^src\//, "").replace(/\.py$/, "").replace(/\/__init__$/, "");
  const parts = mod.split("/");
  return parts.every(isIdentifier) ? parts.join(".") : undefined;
}

const rank = (p: string): [number, number, string] => {
  const d = p.replace(/^src\//, "").split("/").length - 1;
  const base = p.slice(p.lastIndexOf("/") + 1);
  const i = PREFERRED.indexOf(base);
  return [d, i < 0 ? PREFERRED.length : i, p];
};
const byRank = (a: string, b: string): number => {
  const [da, ia, pa] = rank(a);
  const [db, ib, pb] = rank(b);
  return da - db || ia - ib || pa.localeCompare(pb);
};

/** Context .py files looked at for apps: not Django's manage.py and settings, not __main__.py. */
export function appModulePaths(files: ProjectFiles): string[] {
  return files.paths
    .filter((p) => p.endsWith(".py"))
    .filter((p) => !/(^|\/)(manage|settings|__main__)\.py$/.test(p) && !/(^|\/)settings\//.test(p))
    .filter((p) => p.replace(/^src\//, "").split("/").length <= 2)
    .sort(byRank);
}

const BUILDERS: ReadonlySet<string> = new Set(ALL.flatMap((f) => FRAMEWORKS[f].builders));

/** The framework a builder callee makes, when the file imports it (or names it: `flask.Flask`). */
function frameworkOfBuilder(callee: string, scan: PyModule): Framework | undefined {
  const last = callee.slice(callee.lastIndexOf(".") + 1);
  if (!BUILDERS.has(last)) return undefined;
  const parts = callee.split(".");
  for (const f of ALL) {
    const def = FRAMEWORKS[f];
    if (!def.builders.includes(last)) continue;
    if (scan.imports.has(def.module) || parts[0] === def.module) return f;
    // aiohttp: `web.Application()` after `from aiohttp import web`.
    if (f === "aiohttp" && parts.length >= 2 && scan.imports.has("aiohttp")) return f;
  }
  return undefined;
}

/** The framework a file or the installed packages point at, for an app whose builder is the project's own. */
function frameworkOfContext(scan: PyModule, installed: ReadonlySet<string>): Framework | undefined {
  for (const f of ALL) if (scan.imports.has(FRAMEWORKS[f].module)) return f;
  for (const f of ALL) if (FRAMEWORK_DISTRIBUTIONS[f].some((d) => installed.has(d))) return f;
  return undefined;
}

/**
 * The application to serve: the first module (by folder depth, then PREFERRED) with a framework's app
 * object; else the first module-level `app = create_app()`; else the first app factory.
 */
export function findApp(files: ProjectFiles, installed: ReadonlySet<string>): FoundApp | undefined {
  let factoryCall: FoundApp | undefined;
  let factory: FoundApp | undefined;
  for (const path of appModulePaths(files)) {
    const module = moduleOf(path);
    const text = files.read(path);
    if (!module || text === undefined) continue;
    const scan = scanPython(text);
    for (const a of scan.assignments) {
      const target = a.targets[0];
      if (!target) continue;
      const f = frameworkOfBuilder(a.callee, scan);
      if (f) return { framework: f, ref: { module, attr: target, factory: false }, path, line: a.line, kind: "object", scan };
      const last = a.callee.slice(a.callee.lastIndexOf(".") + 1);
      if (!factoryCall && a.targets.length === 1 && (target === "app" || target === "application") && FACTORY.test(last)) {
        const fc = frameworkOfContext(scan, installed);
        if (fc) factoryCall = { framework: fc, ref: { module, attr: target, factory: false }, path, line: a.line, kind: "factory-call", scan };
      }
    }
    if (factory) continue;
    for (const fn of scan.functions) {
      let f: Framework | undefined;
      for (const c of [...fn.bodyCallees, ...(fn.returns ? [fn.returns] : [])]) f ??= frameworkOfBuilder(c, scan);
      if (!f) continue;
      // A factory the server calls with no arguments; for aiohttp, also an entry function taking argv.
      const usable = (FACTORY.test(fn.name) && fn.callableBare) || (f === "aiohttp" && fn.takesArgv);
      if (!usable) continue;
      factory = { framework: f, ref: { module, attr: fn.name, factory: true }, path, line: fn.line, kind: "factory", scan };
      break;
    }
  }
  return factoryCall ?? factory;
}
