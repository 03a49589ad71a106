import { describe, expect, test } from "vitest";
import { MAX_BUILD_FILE_BYTES, MAX_ENTRIES, MAX_NESTING, MAX_TOKEN_CHARS } from "../core/limits.js";
import { parseToml } from "./toml.js";
import { cpuNow } from "../../test/support/cpu-time.js";

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

  test("a lone 0 at the very end of the text spans its character (the parser gives it none)", () => {
    for (const text of ["targets = 0", "x = 0", "x = 0\n"]) {
      const parsed = parseToml({ name: "pydock.toml", text });
      if (!parsed.ok) throw new Error(parsed.diagnostic.message);
      const key = text.slice(0, text.indexOf(" "));
      expect(parsed.doc.locateValue([key]), JSON.stringify(text)).toEqual(at(1, text.indexOf("0") + 1, 1, text.indexOf("0") + 2));
    }
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

/** The diagnostic of a document that must not parse. */
const problem = (text: string) => {
  const r = parseToml({ name: "pydock.toml", text });
  if (r.ok) throw new Error("parsed");
  return r.diagnostic;
};

/** Milliseconds `f` takes. */
const timed = (f: () => void): number => {
  const t = cpuNow();
  f();
  return cpuNow() - t;
};

describe("keys named like Object.prototype members are data", () => {
  test("__proto__, constructor and toString as tables, dotted keys and inline keys: own keys, no pollution", () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const doc = parse(
      [
        '"__proto__" = { polluted = 1 }',
        "constructor.prototype.polluted = 2",
        "[toString]",
        "x = 1",
        "[runtime.env.__proto__]",
        'A = "b"',
        "[[targets.__proto__.valueOf]]",
        "y = [{ __proto__ = 3 }]",
      ].join("\n"),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const v = doc.value as Record<string, any>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.keys(v)).toEqual(["__proto__", "constructor", "toString", "runtime", "targets"]);
    expect(Object.getPrototypeOf(v["__proto__"])).toBeNull();
    expect(v["__proto__"]["polluted"]).toBe(1);
    expect(v["constructor"]["prototype"]["polluted"]).toBe(2);
    expect(Object.keys(v["runtime"]["env"])).toEqual(["__proto__"]);
    expect(v["targets"]["__proto__"]["valueOf"][0]["y"][0]["__proto__"]).toBe(3);
    // Nothing is inherited: a table without a key has no member of that name.
    expect(v["runtime"]["valueOf"]).toBeUndefined();
    expect(doc.locateKey(["runtime", "env", "__proto__", "A"])).toEqual(at(6, 1, 6, 2));
  });
});

describe("integers", () => {
  test("beyond ±(2^53 − 1) they are exact bigints; within, numbers", () => {
    const doc = parse("a = 9223372036854775807\nb = -9223372036854775809\nc = 9007199254740991\nd = 0x7fffffffffffffff\n");
    expect(doc.value).toEqual({ a: 9223372036854775807n, b: -9223372036854775809n, c: 9007199254740991, d: 9223372036854775807n });
    expect(doc.kindOf(["a"])).toBe("integer");
  });
});

describe("limits (core/limits.ts): a problem at the place that goes past them, in well under a second", () => {
  test("a file over 1 MiB: at the first character past it", () => {
    const line = `# ${"x".repeat(1021)}\n`; // 1 KiB a line
    const text = line.repeat(MAX_BUILD_FILE_BYTES / 1024) + "version = 1\n";
    const d = problem(text);
    expect(d).toMatchObject({ code: "limit", range: { start: { line: 1025, column: 1 }, end: { line: 1025, column: 2 } } });
    expect(d.message).toMatch(/^pydock\.toml is 1,048,588 bytes: pydock reads at most 1 MiB/);
    // Multi-byte characters count as their bytes.
    expect(problem("é".repeat(MAX_BUILD_FILE_BYTES / 2 + 1)).code).toBe("limit");
    expect(parseToml({ name: "pydock.toml", text: `# ${"é".repeat(MAX_BUILD_FILE_BYTES / 2 - 2)}` }).ok).toBe(true);
  });

  test(`nesting deeper than ${MAX_NESTING} levels: arrays, inline tables, dotted keys and headers`, () => {
    const arrays = (n: number) => `x = ${"[".repeat(n)}1${"]".repeat(n)}`;
    expect(parseToml({ name: "pydock.toml", text: arrays(MAX_NESTING - 1) }).ok).toBe(true);
    expect(problem(arrays(MAX_NESTING))).toMatchObject({ code: "limit", range: { start: { line: 1, column: 5 + MAX_NESTING - 1 } } });
    // Far deeper is caught before the parser (which recurses) sees it.
    expect(problem(arrays(100_000))).toMatchObject({ code: "limit", range: { start: { line: 1, column: 5 + MAX_NESTING } } });
    expect(problem(`x = ${"{ a = ".repeat(100_000)}1${" }".repeat(100_000)}`).code).toBe("limit");
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`).join(".");
    expect(parseToml({ name: "pydock.toml", text: `${keys(MAX_NESTING)} = 1` }).ok).toBe(true);
    expect(problem(`[a]\n${keys(MAX_NESTING)} = 1`)).toMatchObject({ code: "limit", range: { start: { line: 2, column: 1 } } });
    expect(problem(`[${keys(MAX_NESTING + 1)}]`)).toMatchObject({ code: "limit", range: { start: { line: 1, column: 1 } } });
    expect(problem(`[a]\nb = ${"[".repeat(MAX_NESTING - 1)}${"]".repeat(MAX_NESTING - 1)}`).message).toBe(
      `nesting deeper than ${MAX_NESTING} levels: pydock.toml allows at most ${MAX_NESTING} levels of keys, tables and arrays`,
    );
  });

  test(`a string, key or number over ${MAX_TOKEN_CHARS} characters: at its start`, () => {
    expect(parseToml({ name: "pydock.toml", text: `x = "${"a".repeat(MAX_TOKEN_CHARS)}"` }).ok).toBe(true);
    const long = [
      `x = "${"a".repeat(MAX_TOKEN_CHARS + 1)}"`,
      `x = '${"a".repeat(MAX_TOKEN_CHARS + 1)}'`,
      `x = """\n${"ab\n".repeat(MAX_TOKEN_CHARS / 2)}"""`,
      `x = '''${"ab\n".repeat(MAX_TOKEN_CHARS / 2)}'''`,
      `x = ${"1".repeat(MAX_TOKEN_CHARS + 1)}`,
      // Escaped quotes do not end a string early.
      `x = "${'\\"'.repeat(MAX_TOKEN_CHARS / 2 + 1)}"`,
    ];
    for (const text of long) expect(problem(text)).toMatchObject({ code: "limit", range: { start: { line: 1, column: 5 } } });
    expect(problem(`${"k".repeat(MAX_TOKEN_CHARS + 1)} = 1`)).toMatchObject({ code: "limit", range: { start: { line: 1, column: 1 } } });
  });

  test(`more than ${MAX_ENTRIES} keys, tables and array items; what strings and comments hold does not count`, () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i} = ${i}`).join("\n");
    expect(parseToml({ name: "pydock.toml", text: keys(MAX_ENTRIES) }).ok).toBe(true);
    expect(problem(keys(MAX_ENTRIES + 1))).toMatchObject({ code: "limit", range: { start: { line: MAX_ENTRIES + 1 } } });
    expect(problem(`x = [${"1, ".repeat(MAX_ENTRIES)}]`).code).toBe("limit");
    const quoted = `x = "${"[{=,".repeat(5000)}"\n# ${"[{=,".repeat(5000)}\ny = '''${"[,".repeat(5000)}'''`;
    expect(parseToml({ name: "pydock.toml", text: quoted }).ok).toBe(true);
  });

  test("the position index is linear: the most entries, each as deep as allowed, in well under a second", () => {
    const deep = `${"a.".repeat(MAX_NESTING - 2)}b`;
    const text = Array.from({ length: MAX_ENTRIES / 2 }, (_, i) => `[t${i}]\n${deep} = ${i}`).join("\n");
    let doc: ReturnType<typeof parse> | undefined;
    expect(timed(() => (doc = parse(text)))).toBeLessThan(1000);
    const last = MAX_ENTRIES / 2 - 1;
    expect(doc?.locateValue([`t${last}`, ...deep.split(".")])).toEqual(at(MAX_ENTRIES, deep.length + 4, MAX_ENTRIES, deep.length + 4 + String(last).length));
    // 10,000 dotted keys in one (which took 2.5 s, then overflowed the stack): a problem at once.
    expect(timed(() => problem(`${Array.from({ length: 10_000 }, (_, i) => `a${i}`).join(".")} = 1`))).toBeLessThan(1000);
  });
});
