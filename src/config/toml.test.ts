import { describe, expect, test } from "vitest";
import { parseToml } from "./toml.js";

const parse = (text: string) => {
  const r = parseToml({ name: "pydock.toml", text });
  if (!r.ok) throw new Error(r.diagnostic.message);
  return r.doc;
};

const at = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

describe("parseToml", () => {
  const doc = parse(
    [
      "# syntax=example/pydock", // 1
      "[python]", //                2
      'version = "3.12"', //        3
      "[runtime.healthcheck]", //   4
      "retries = 3", //             5
      "[targets.test]", //          6
      'runtime.command = ["pytest", "-q"]', // 7
      "[[secrets]]", //             8
      'id = "a"', //                9
      "[[secrets]]", //             10
      'id = "b"', //                11
      "[app]", //                   12
      'x = { y = 1.5, z = [true] }', // 13
    ].join("\n"),
  );

  test("gives the plain value", () => {
    expect(doc.value).toEqual({
      python: { version: "3.12" },
      runtime: { healthcheck: { retries: 3 } },
      targets: { test: { runtime: { command: ["pytest", "-q"] } } },
      secrets: [{ id: "a" }, { id: "b" }],
      app: { x: { y: 1.5, z: [true] } },
    });
  });

  test("locates keys, values and entries with 1-based columns", () => {
    expect(doc.locateKey(["python", "version"])).toEqual(at(3, 1, 3, 8));
    expect(doc.locateValue(["python", "version"])).toEqual(at(3, 11, 3, 17));
    expect(doc.locate(["python", "version"])).toEqual(at(3, 1, 3, 17));
  });

  test("a table header spans its brackets", () => {
    expect(doc.locate(["python"])).toEqual(at(2, 1, 2, 9));
    expect(doc.locate(["runtime", "healthcheck"])).toEqual(at(4, 1, 4, 22));
    expect(doc.locate(["secrets", 1])).toEqual(at(10, 1, 10, 12));
    expect(doc.locate(["secrets", 1, "id"])).toEqual(at(11, 1, 11, 9));
  });

  test("a table only named as a prefix points at its name", () => {
    expect(doc.locateKey(["runtime"])).toEqual(at(4, 2, 4, 9));
    expect(doc.kindOf(["runtime"])).toBe("table");
    expect(doc.kindOf(["secrets"])).toBe("array");
  });

  test("dotted keys, array items and inline tables", () => {
    expect(doc.locateKey(["targets", "test", "runtime", "command"])).toEqual(at(7, 9, 7, 16));
    expect(doc.locateKey(["targets", "test", "runtime"])).toEqual(at(7, 1, 7, 8));
    expect(doc.locateValue(["targets", "test", "runtime", "command", 1])).toEqual(at(7, 30, 7, 34));
    expect(doc.locateValue(["app", "x", "y"])).toEqual(at(13, 11, 13, 14));
    expect(doc.kindOf(["app", "x", "y"])).toBe("float");
    expect(doc.kindOf(["app", "x", "z", 0])).toBe("boolean");
    expect(doc.locate(["nope"])).toBeUndefined();
  });

  test("a syntax error is a diagnostic at its position", () => {
    const r = parseToml({ name: "pydock.toml", text: '[python]\nversion = "3.12\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostic.file).toBe("pydock.toml");
    expect(r.diagnostic.range.start).toEqual({ line: 2, column: 16 });
    expect(r.diagnostic.message).toBe("invalid TOML: unterminated string constant");
  });

  test("a duplicate key is a syntax error at the second one", () => {
    const r = parseToml({ name: "pydock.toml", text: "[app]\nworkdir = '/a'\nworkdir = '/b'\n" });
    expect(r.ok ? undefined : r.diagnostic).toMatchObject({
      range: { start: { line: 3, column: 1 } },
      message: "invalid TOML: this key is already set above",
    });
  });
});
