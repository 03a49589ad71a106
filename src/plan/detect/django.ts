/**
 * Django projects: manage.py at the top of the context or up to two folders down; the settings module it
 * names (DJANGO_SETTINGS_MODULE), as a module (`blog/settings.py`) or a package (`config/settings/__init__.py`,
 * `config/settings/production.py`, …); the WSGI_APPLICATION / ASGI_APPLICATION any of those files set, or
 * else `<project>/wsgi.py` / `<project>/asgi.py` next to the settings.
 */
import type { Command } from "../../config/model.js";
import type { ProjectFiles } from "../project.js";
import type { DetectedSource } from "./result.js";
import type { AppRef } from "./servers.js";
import { isIdentifier, lines } from "./text.js";

export interface DjangoApp {
  readonly ref: AppRef;
  /** Where it was found: the setting's line, or the wsgi/asgi module. */
  readonly source: DetectedSource;
  /** "WSGI_APPLICATION in blog/settings.py", "blog/wsgi.py". */
  readonly how: string;
}

export interface DjangoProject {
  /** The context path of manage.py. */
  readonly manage: string;
  /** The folder manage.py is in ("" at the top): the command runs there. */
  readonly dir: string;
  /** The settings module ("blog.settings"), when manage.py names one or a settings file was found. */
  readonly settings: string | undefined;
  /** The settings files looked at, in order. */
  readonly settingsFiles: readonly string[];
  readonly wsgi: DjangoApp | undefined;
  readonly asgi: DjangoApp | undefined;
}

const dirOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");
const under = (dir: string, rel: string): string => (dir ? `${dir}/${rel}` : rel);
const depth = (p: string): number => p.split("/").length - 1;

/** The string after "DJANGO_SETTINGS_MODULE" in manage.py (`setdefault("DJANGO_SETTINGS_MODULE", "x.settings")`). */
export function settingsModuleOf(manage: string): string | undefined {
  const key = "DJANGO_SETTINGS_MODULE";
  for (let at = manage.indexOf(key); at >= 0; at = manage.indexOf(key, at + key.length)) {
    const window = manage.slice(at + key.length, at + key.length + 200);
    let i = 0;
    // Past the key's own closing quote, then "," or "=" or ":" and spaces, to the value's opening quote.
    while (i < window.length && (window[i] === '"' || window[i] === "'" || window[i] === "]" || window[i] === " ")) i++;
    if (window[i] !== "," && window[i] !== "=" && window[i] !== ":") continue;
    i++;
    while (window[i] === " " || window[i] === "\t" || window[i] === "\n" || window[i] === "\r") i++;
    const q = window[i];
    if (q !== '"' && q !== "'") continue;
    const end = window.indexOf(q, i + 1);
    if (end < 0) continue;
    const value = window.slice(i + 1, end);
    if (value.split(".").every(isIdentifier)) return value;
  }
  return undefined;
}

/** `KEY = "dotted.path"` on a line of a settings file → the dotted path. */
function settingValue(line: string, key: string): string | undefined {
  const t = line.trim();
  if (!t.startsWith(key)) return undefined;
  let i = key.length;
  while (t[i] === " " || t[i] === "\t") i++;
  if (t[i] !== "=" || t[i + 1] === "=") return undefined;
  i++;
  while (t[i] === " " || t[i] === "\t") i++;
  const q = t[i];
  if (q !== '"' && q !== "'") return undefined;
  const end = t.indexOf(q, i + 1);
  if (end < 0) return undefined;
  const value = t.slice(i + 1, end);
  return value.split(".").every(isIdentifier) && value.includes(".") ? value : undefined;
}

/** "blog.wsgi.application" → module blog.wsgi, attr application. */
const appRefOf = (dotted: string): AppRef => {
  const cut = dotted.lastIndexOf(".");
  return { module: dotted.slice(0, cut), attr: dotted.slice(cut + 1), factory: false };
};

/** The settings files for manage.py in `dir`: the named module (or package, whole), else any found. */
function settingsFiles(files: ProjectFiles, dir: string, module: string | undefined): string[] {
  const has = (p: string) => files.read(p) !== undefined;
  const out: string[] = [];
  const push = (p: string) => {
    if (has(p) && !out.includes(p)) out.push(p);
  };
  const inPackage = (pkg: string) => files.paths.filter((p) => p.startsWith(`${pkg}/`) && !p.slice(pkg.length + 1).includes("/") && p.endsWith(".py")).sort();
  if (module) {
    const base = under(dir, module.replace(/\./g, "/"));
    push(`${base}.py`);
    push(`${base}/__init__.py`);
    if (has(`${base}/__init__.py`)) inPackage(base).forEach(push);
    // "config.settings.production": its siblings in the settings package (base.py often sets the apps).
    const parent = dirOf(base);
    if (parent && parent.endsWith("settings") && module.includes(".")) inPackage(parent).forEach(push);
    if (out.length > 0) return out;
  }
  const prefix = dir ? `${dir}/` : "";
  for (const p of files.paths) {
    if (!p.startsWith(prefix)) continue;
    const rel = p.slice(prefix.length).split("/");
    if ((rel.length === 2 && rel[1] === "settings.py") || (rel.length === 3 && rel[1] === "settings" && rel[2]?.endsWith(".py"))) push(p);
  }
  return out;
}

function findSetting(files: ProjectFiles, paths: readonly string[], key: string): DjangoApp | undefined {
  for (const path of paths) {
    const ls = lines(files.read(path) ?? "");
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i] ?? "";
      if (!l.includes(key)) continue;
      const v = settingValue(l.length > 2000 ? l.slice(0, 2000) : l, key);
      if (v) return { ref: appRefOf(v), source: { file: path, line: i + 1 }, how: `${key} in ${path}` };
    }
  }
  return undefined;
}

/** The Django projects of the context, by manage.py (top first, then one and two folders down). */
export function findDjangoProjects(files: ProjectFiles): DjangoProject[] {
  const manages = files.paths
    .filter((p) => (p === "manage.py" || p.endsWith("/manage.py")) && depth(p) <= 2)
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  return manages.map((manage) => {
    const dir = dirOf(manage);
    const named = settingsModuleOf(files.read(manage) ?? "");
    const found = settingsFiles(files, dir, named);
    const first = found[0];
    const rel = first !== undefined ? (dir ? first.slice(dir.length + 1) : first) : undefined;
    const settings = named ?? (rel !== undefined ? rel.replace(/\.py$/, "").replace(/\/__init__$/, "").replace(/\//g, ".") : undefined);
    const project = settings?.split(".")[0];
    const fallback = (kind: "wsgi" | "asgi"): DjangoApp | undefined => {
      if (!project || !isIdentifier(project)) return undefined;
      const path = under(dir, `${project}/${kind}.py`);
      if (files.read(path) === undefined) return undefined;
      return { ref: { module: `${project}.${kind}`, attr: "application", factory: false }, source: { file: path }, how: path };
    };
    return {
      manage,
      dir,
      settings,
      settingsFiles: found,
      wsgi: findSetting(files, found, "WSGI_APPLICATION") ?? fallback("wsgi"),
      asgi: findSetting(files, found, "ASGI_APPLICATION") ?? fallback("asgi"),
    };
  });
}

/** `python manage.py SUBCOMMAND ARGS` (`python DIR/manage.py …`: Python puts the script's folder first on the import path). */
function manageCommand(d: DjangoProject, args: readonly string[]): Command {
  return { kind: "exec", args: ["python", d.manage, ...args] };
}

/** A task pydock runs for a Django project: the command, why, and the line that decided. */
export interface DjangoTask {
  readonly command: Command;
  readonly reason: string;
  readonly source: DetectedSource;
}

/**
 * `python manage.py migrate --noinput` before the server starts, as Railpack and Heroku's release phase do,
 * when the settings configure a database (`DATABASES`); a project without one has nothing to migrate, and
 * migrate would fail on Django's dummy backend.
 */
export function djangoMigrate(files: ProjectFiles, d: DjangoProject): DjangoTask | undefined {
  for (const path of d.settingsFiles) {
    // `DATABASES = {}` configures none.
    const i = lines(files.read(path) ?? "").findIndex((l) => /^DATABASES\s*(\[|=|\.update\()/.test(l) && !/^DATABASES\s*=\s*\{\s*\}\s*(#.*)?$/.test(l));
    if (i < 0) continue;
    return {
      command: manageCommand(d, ["migrate", "--noinput"]),
      reason: `the start command serves the Django project of ${d.manage}, whose database (DATABASES in ${path}) is migrated before the server starts`,
      source: { file: path, line: i + 1 },
    };
  }
  // The settings module manage.py names is not among the files pydock reads (config/django/base.py, say):
  // Django projects configure a database unless they say otherwise, so it is migrated.
  if (d.settings !== undefined && !d.settingsFiles.some((f) => settingsModuleFile(d, f))) {
    return {
      command: manageCommand(d, ["migrate", "--noinput"]),
      reason: `the start command serves the Django project of ${d.manage}, whose settings (${d.settings}) pydock does not read; its database is migrated before the server starts`,
      source: { file: d.manage },
    };
  }
  return undefined;
}

/** Is `path` the file of the settings module manage.py names (`x/settings.py`, `x/settings/__init__.py`)? */
function settingsModuleFile(d: DjangoProject, path: string): boolean {
  const base = under(d.dir, (d.settings ?? "").replace(/\./g, "/"));
  return path === `${base}.py` || path === `${base}/__init__.py`;
}

/**
 * `python manage.py collectstatic --noinput` at build time, when the settings set STATIC_ROOT (where
 * collectstatic writes; without it the command fails). Undefined otherwise.
 */
export function djangoCollectstatic(files: ProjectFiles, d: DjangoProject): DjangoTask | undefined {
  for (const path of d.settingsFiles) {
    const ls = lines(files.read(path) ?? "");
    const i = ls.findIndex((l) => /^STATIC_ROOT\s*=/.test(l));
    if (i < 0) continue;
    return {
      command: manageCommand(d, ["collectstatic", "--noinput"]),
      reason: `STATIC_ROOT is set in ${path}: the static files are collected into the image`,
      source: { file: path, line: i + 1 },
    };
  }
  return undefined;
}
