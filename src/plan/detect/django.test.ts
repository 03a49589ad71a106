import { describe, expect, it } from "vitest";
import { projectFiles } from "../project.js";
import { findDjangoProjects, settingsModuleOf } from "./django.js";

describe("settingsModuleOf", () => {
  it.each([
    ['os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")', "blog.settings"],
    ["os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')", "config.settings.local"],
    ['os.environ["DJANGO_SETTINGS_MODULE"] = "x.settings"', "x.settings"],
    ['os.environ.setdefault(\n    "DJANGO_SETTINGS_MODULE",\n    "y.settings",\n)', "y.settings"],
    ['os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{name}.settings")', undefined],
    ['print("DJANGO_SETTINGS_MODULE")', undefined],
    ["", undefined],
  ])("%j → %j", (text, want) => {
    expect(settingsModuleOf(text)).toBe(want);
  });
});

describe("findDjangoProjects", () => {
  it("every manage.py up to two folders down, top first, with what was found", () => {
    const files = projectFiles(
      new Map([
        ["manage.py", 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "a.settings")'],
        ["a/settings.py", "WSGI_APPLICATION = 'a.wsgi.application'\nASGI_APPLICATION = 'a.asgi.application'\n"],
        ["src/manage.py", ""],
        ["src/b/settings/__init__.py", ""],
        ["src/b/settings/dev.py", ""],
        ["src/b/wsgi.py", ""],
        ["x/y/z/manage.py", ""],
      ]),
    );
    expect(findDjangoProjects(files)).toEqual([
      {
        manage: "manage.py",
        dir: "",
        settings: "a.settings",
        settingsFiles: ["a/settings.py"],
        wsgi: { ref: { module: "a.wsgi", attr: "application", factory: false }, source: { file: "a/settings.py", line: 1 }, how: "WSGI_APPLICATION in a/settings.py" },
        asgi: { ref: { module: "a.asgi", attr: "application", factory: false }, source: { file: "a/settings.py", line: 2 }, how: "ASGI_APPLICATION in a/settings.py" },
      },
      {
        manage: "src/manage.py",
        dir: "src",
        settings: "b.settings",
        settingsFiles: ["src/b/settings/__init__.py", "src/b/settings/dev.py"],
        wsgi: { ref: { module: "b.wsgi", attr: "application", factory: false }, source: { file: "src/b/wsgi.py" }, how: "src/b/wsgi.py" },
        asgi: undefined,
      },
    ]);
  });
});
