import { describe, expect, it } from "vitest";
import {
  CONTRACT_PYTHON_POLICY,
  DEFAULT_PYTHON,
  SUPPORTED_PYTHONS,
  ZERO_CONFIG_PYTHON_POLICY,
  allowsVersion,
  parsePythonSpecifier,
  resolvePythonSpecifier,
} from "./python-specifier.js";

const version = (spec: string, policy = CONTRACT_PYTHON_POLICY) => {
  const r = resolvePythonSpecifier(spec, policy);
  return r.ok ? r.version : r.why;
};

describe("SUPPORTED_PYTHONS / DEFAULT_PYTHON", () => {
  it("are the CPython minors with official images, and the default among them", () => {
    expect(SUPPORTED_PYTHONS).toEqual(["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]);
    expect(DEFAULT_PYTHON).toBe("3.13");
    expect(SUPPORTED_PYTHONS).toContain(DEFAULT_PYTHON);
  });
});

describe("resolvePythonSpecifier", () => {
  // [specifier, lowest (contract), newest up to DEFAULT_PYTHON else lowest above (zero-config)]
  it.each([
    [">=3.11", "3.11", "3.13"],
    [">=3.9", "3.9", "3.13"],
    [">=3.8", "3.9", "3.13"],
    [">=3.14", "3.14", "3.14"],
    [">3.13", "3.14", "3.14"],
    [">3.10", "3.11", "3.13"],
    [">3.10.2", "3.10", "3.13"],
    ["<3.12", "3.9", "3.11"],
    ["<=3.12", "3.9", "3.12"],
    ["<=3.12.0", "3.9", "3.12"],
    [">=3.9,<4", "3.9", "3.13"],
    [">=3.9, <4.0", "3.9", "3.13"],
    [">=3.10,<3.12", "3.10", "3.11"],
    [">= 3.10 , < 3.13", "3.10", "3.12"],
    ["==3.11.*", "3.11", "3.11"],
    ["==3.12", "3.12", "3.12"],
    ["===3.12", "3.12", "3.12"],
    ["~=3.10", "3.10", "3.13"],
    ["~=3.10.4", "3.10", "3.10"],
    [">=3.10,!=3.11.*", "3.10", "3.13"],
    [">=3.12,!=3.13.*", "3.12", "3.12"],
    [">=3.11.0rc1", "3.11", "3.13"],
    ["^3.11", "3.11", "3.13"],
    ["^3.9", "3.9", "3.13"],
    ["~3.12", "3.12", "3.12"],
    ["~3", "3.9", "3.13"],
    ["3.11", "3.11", "3.11"],
    ["3.11.*", "3.11", "3.11"],
    ["*", "3.9", "3.13"],
    [">=3.9 <3.11", "3.9", "3.10"],
    [">=3.9,<3.10 || >=3.14", "3.9", "3.9"],
    [">=3.9,<3.10 | >=3.12", "3.9", "3.13"],
    ["<4", "3.9", "3.13"],
  ])("%j → lowest %s, newest-up-to-default %s", (spec, lowest, newest) => {
    expect(version(spec)).toBe(lowest);
    expect(version(spec, ZERO_CONFIG_PYTHON_POLICY)).toBe(newest);
  });

  it("an exact patch release keeps its patch", () => {
    expect(version("==3.11.9")).toBe("3.11.9");
    expect(version("===3.12.1", ZERO_CONFIG_PYTHON_POLICY)).toBe("3.12.1");
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
