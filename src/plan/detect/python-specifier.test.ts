import { describe, expect, it } from "vitest";
import {
  DEFAULT_PYTHON,
  NEWEST_PYTHON,
  SUPPORTED_PYTHONS,
  allowsVersion,
  parsePythonSpecifier,
  resolvePythonSpecifier,
} from "./python-specifier.js";

const version = (spec: string) => {
  const r = resolvePythonSpecifier(spec);
  return r.ok ? r.version : r.why;
};

describe("SUPPORTED_PYTHONS / DEFAULT_PYTHON", () => {
  it("are the CPython minors with official images, and the default among them", () => {
    expect(SUPPORTED_PYTHONS).toEqual(["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]);
    expect(DEFAULT_PYTHON).toBe("3.13");
    expect(NEWEST_PYTHON).toBe("3.14");
    expect(SUPPORTED_PYTHONS).toContain(DEFAULT_PYTHON);
  });
});

describe("resolvePythonSpecifier", () => {
  // [specifier, the version: DEFAULT_PYTHON when allowed, else the newest allowed]
  it.each([
    [">=3.11", "3.13"],
    [">=3.9", "3.13"],
    [">=3.8", "3.13"],
    [">=3.14", "3.14"],
    [">3.13", "3.14"],
    [">3.10", "3.13"],
    [">3.10.2", "3.13"],
    ["<3.12", "3.11"],
    ["<=3.12", "3.12"],
    ["<=3.12.0", "3.12"],
    [">=3.9,<4", "3.13"],
    [">=3.9, <4.0", "3.13"],
    [">=3.10,<3.12", "3.11"],
    [">= 3.10 , < 3.13", "3.12"],
    ["==3.11.*", "3.11"],
    ["==3.12", "3.12"],
    ["===3.12", "3.12"],
    ["~=3.10", "3.13"],
    ["~=3.10.4", "3.10"],
    [">=3.10,!=3.11.*", "3.13"],
    [">=3.12,!=3.13.*", "3.14"],
    [">=3.11.0rc1", "3.13"],
    ["^3.11", "3.13"],
    ["^3.9", "3.13"],
    ["~3.12", "3.12"],
    ["~3", "3.13"],
    ["3.11", "3.11"],
    ["3.11.*", "3.11"],
    ["*", "3.13"],
    [">=3.9 <3.11", "3.10"],
    [">=3.9,<3.10 || >=3.14", "3.14"],
    [">=3.9,<3.10 | >=3.12", "3.13"],
    ["<4", "3.13"],
  ])("%j → %s", (spec, expected) => {
    expect(version(spec)).toBe(expected);
  });

  it("an exact patch release keeps its patch", () => {
    expect(version("==3.11.9")).toBe("3.11.9");
    expect(version("===3.12.1")).toBe("3.12.1");
  });

  it.each([[">=3.15"], ["<3.9"], ["==3.8.*"], [">=3.12,<3.11"], ["^2.7"], ["==3.11.*,!=3.11.*"]])("%j allows no supported version", (spec) => {
    expect(resolvePythonSpecifier(spec)).toEqual({ ok: false, why: "none-supported" });
  });

  it.each([[""], ["   "], ["foo"], [">="], ["~=3"], ["python>=3"], [">=3.x"], ["<>3.10"], [">=3.10.*"], ["||"], [">=3.9 ||"]])("%j is not a specifier", (spec) => {
    expect(resolvePythonSpecifier(spec)).toEqual({ ok: false, why: "unparseable" });
  });

  it("parses OR groups of AND clauses", () => {
    expect(parsePythonSpecifier(">=3.9,<3.10 || >=3.12")).toEqual([
      [
        { op: ">=", v: [3, 9], wildcard: false },
        { op: "<", v: [3, 10], wildcard: false },
      ],
      [{ op: ">=", v: [3, 12], wildcard: false }],
    ]);
  });
});

describe("allowsVersion", () => {
  const spec = (text: string) => parsePythonSpecifier(text) ?? [];
  it("a minor when some patch release of it is allowed, a patch release exactly", () => {
    expect(allowsVersion(spec(">=3.11"), "3.11")).toBe(true);
    expect(allowsVersion(spec(">=3.11"), "3.10")).toBe(false);
    expect(allowsVersion(spec(">=3.11.4"), "3.11")).toBe(true);
    expect(allowsVersion(spec(">=3.11.4"), "3.11.2")).toBe(false);
    expect(allowsVersion(spec("^3.10"), "3.12.1")).toBe(true);
  });
});
