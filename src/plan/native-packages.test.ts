import { describe, expect, it } from "vitest";
import { mayNeedNativePackages, nativePackages, NATIVE_PACKAGES } from "./native-packages.js";
import { projectFiles } from "./project.js";

const files = (entries: Record<string, string>) => projectFiles(new Map(Object.entries(entries)));

describe("mayNeedNativePackages: the quick check before reading the dependency graph", () => {
  it("finds every name of the table however a file spells it", () => {
    for (const name of Object.keys(NATIVE_PACKAGES)) {
      const spelled = name.toUpperCase().replace(/-/g, "_");
      expect(mayNeedNativePackages(files({ "requirements.txt": `flask\n${spelled}==1.0\n` })), name).toBe(true);
    }
    expect(mayNeedNativePackages(files({ "uv.lock": '[[package]]\nname = "opencv.python"\n' }))).toBe(true);
  });

  it("is false only when no file names any of them, so nativePackages would find nothing", () => {
    const none = files({ "pyproject.toml": '[project]\nname = "x"\ndependencies = ["flask", "psycopg-binary-pool"]\n', "uv.lock": '[[package]]\nname = "flask"\n' });
    // "psycopg-binary-pool" contains "psycopg": a mention is enough to read the graph, which then decides.
    expect(mayNeedNativePackages(none)).toBe(true);
    const nothing = files({ "pyproject.toml": '[project]\nname = "x"\ndependencies = ["flask"]\n', "uv.lock": '[[package]]\nname = "flask"\n' });
    expect(mayNeedNativePackages(nothing)).toBe(false);
    expect(nativePackages(new Set(["flask"]), "bookworm").because).toEqual([]);
    expect(mayNeedNativePackages(files({}))).toBe(false);
  });
});
