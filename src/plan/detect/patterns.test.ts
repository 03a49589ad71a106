/**
 * PROJECT_FILE_PATTERNS decide which context files detection sees: every file a rule reads must match, and
 * the transfer stays small (no arbitrary Python module, no deep trees).
 */
import { describe, expect, it } from "vitest";
import { PROJECT_FILE_PATTERNS } from "../project.js";

/** .dockerignore / BuildKit include pattern → RegExp (`*` and `?` within a folder, `**` across folders). */
function glob(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === "*" && pattern[i + 1] === "*") {
      i++;
      if (pattern[i + 1] === "/") {
        i++;
        re += "(?:.*/)?";
      } else re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
const patterns = PROJECT_FILE_PATTERNS.map(glob);
const transferred = (path: string) => patterns.some((re) => re.test(path));

describe("PROJECT_FILE_PATTERNS", () => {
  it.each([
    // manifests and lockfiles
    "pyproject.toml",
    "uv.lock",
    "poetry.lock",
    "pdm.lock",
    "Pipfile",
    "Pipfile.lock",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "requirements-prod.txt",
    "requirements/base.txt",
    "requirements/envs/prod.txt",
    // version pins
    ".python-version",
    ".tool-versions",
    "mise.toml",
    ".mise.toml",
    "runtime.txt",
    // Django: manage.py at the top, one and two folders down; settings modules and packages; wsgi/asgi
    "manage.py",
    "src/manage.py",
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
    // app modules
    "main.py",
    "app.py",
    "wsgi.py",
    "app/main.py",
    "src/shop/api.py",
    "flaskr/__init__.py",
    "src/shop/__init__.py",
    // python -m and entry files
    "mytool/__main__.py",
    "src/mytool/__main__.py",
    "bot.py",
    "start.py",
    "server.py",
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
    "run.py",
  ])("leaves %s out", (path) => {
    expect(transferred(path)).toBe(false);
  });
});
