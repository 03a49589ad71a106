import { describe, expect, test } from "vitest";
import { MAX_EPOCH_SECONDS, MAX_EXPANSION_CHARS } from "../core/limits.js";
import { parseEpoch, resolveArgs, substitute, substituteAll } from "./args.js";
import { cpuNow } from "../../test/support/cpu-time.js";

const args = new Map([
  ["NAME", "blog"],
  ["EMPTY", ""],
]);

describe("substitute", () => {
  test.each([
    ["plain", "plain"],
    ["${NAME}.wsgi", "blog.wsgi"],
    ["${MISSING:-8000}", "8000"],
    ["${NAME:-other}", "blog"],
    ["${EMPTY:-fallback}", "fallback"],
    ["${EMPTY}", ""],
    ["${MISSING:-}", ""],
    ["$$HOME and $${PORT:-8000}", "$HOME and ${PORT:-8000}"],
    ["cost: 5$", "cost: 5$"],
    ["$NAME", "$NAME"],
  ])("%s → %s", (input, output) => {
    expect(substitute(input, args)).toEqual({ ok: true, value: output });
  });

  test("an undefined name without fallback is an error", () => {
    expect(substitute("${NOPE}", args)).toEqual({
      ok: false,
      message: '${NOPE} is not defined: declare it in [args] (NOPE = "...") or write ${NOPE:-default}',
    });
  });

  test("a build argument that [args] does not declare says so", () => {
    const r = substitute("${NOPE}", args, undefined, new Map([["NOPE", "1"]]));
    expect(r.ok ? "" : r.message).toContain("--build-arg only sets arguments that [args] declares");
  });

  test("malformed references", () => {
    expect(substitute("${NAME", args)).toMatchObject({ ok: false, message: '"${" is not closed (write $$ for a literal $)' });
    expect(substitute("${1X}", args)).toMatchObject({ ok: false, message: 'bad reference "${1X}": expected ${NAME} or ${NAME:-default}' });
  });

  test("records the names used", () => {
    const used = new Set<string>();
    substitute("${NAME}-${MISSING:-x}", args, used);
    expect([...used]).toEqual(["NAME", "MISSING"]);
  });
});

describe("resolveArgs", () => {
  test("build args override declared defaults only; SOURCE_DATE_EPOCH always passes", () => {
    const declared = new Map([["ENVIRONMENT", "production"], ["PORT", "8000"]]);
    const given = new Map([["ENVIRONMENT", "staging"], ["OTHER", "x"], ["SOURCE_DATE_EPOCH", "1700000000"]]);
    expect([...resolveArgs(declared, given)]).toEqual([
      ["ENVIRONMENT", "staging"],
      ["PORT", "8000"],
      ["SOURCE_DATE_EPOCH", "1700000000"],
    ]);
  });
});

describe("substituteAll", () => {
  test("reaches strings in arrays and inline tables, skips [args], reports paths", () => {
    const errors: unknown[] = [];
    const out = substituteAll(
      { args: { A: "${X}" }, runtime: { command: ["${NAME}", "${BAD}"], env: { N: "${NAME}", K: 1 } } },
      args,
      (path, message) => errors.push([path, message.slice(0, 6)]),
      { skip: ["args"] },
    );
    expect(out).toEqual({ args: { A: "${X}" }, runtime: { command: ["blog", "${BAD}"], env: { N: "blog", K: 1 } } });
    expect(errors).toEqual([[["runtime", "command", 1], "${BAD}"]]);
  });
});

describe("substitution is bounded", () => {
  test("one pass: an argument naming itself or another is inserted as written, never expanded again", () => {
    const self = new Map([["A", "${A}"], ["B", "<${C}>"], ["C", "${B}"]]);
    expect(substitute("x${A}y", self)).toEqual({ ok: true, value: "x${A}y" });
    expect(substitute("${B}${C}", self)).toEqual({ ok: true, value: "<${C}>${B}" });
  });

  test(`at most ${MAX_EXPANSION_CHARS} characters added over the whole file, said once, where the budget ran out`, () => {
    const big = new Map([["A", "x".repeat(1000)]]);
    const refs = "${A}".repeat(2000); // 2 MB if expanded
    const t = cpuNow();
    const r = substitute(refs, big);
    expect(cpuNow() - t).toBeLessThan(500);
    expect(r).toMatchObject({ ok: false, code: "limit" });
    expect(r.ok ? "" : r.message).toBe("${} substitution adds more than 1 MiB to the file's strings: pydock.toml allows at most 1 MiB of substituted text");
    // Below the budget in each string, past it in all.
    const errors: [readonly (string | number)[], string | undefined][] = [];
    const doc = { a: "${A}".repeat(600), b: ["${A}".repeat(600), "${A}".repeat(600)], c: "${A}" };
    substituteAll(doc, big, (path, _message, code) => errors.push([path, code]));
    expect(errors).toEqual([[["b", 0], "limit"]]);
  });

  test("tables of the copy have no prototype; keys named __proto__ or constructor stay keys", () => {
    const value = JSON.parse('{"__proto__": {"x": "${NAME}"}, "constructor": {"prototype": {"y": 1}}}') as unknown;
    const out = substituteAll(value, args, () => undefined) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.keys(out)).toEqual(["__proto__", "constructor"]);
    expect(out["__proto__"]?.["x"]).toBe("blog");
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });
});

describe("parseEpoch", () => {
  test("unset or empty: undefined; whole seconds from 0 to the latest int64 nanoseconds hold", () => {
    expect(parseEpoch(undefined)).toEqual({ ok: true, seconds: undefined });
    expect(parseEpoch("")).toEqual({ ok: true, seconds: undefined });
    expect(parseEpoch("0")).toEqual({ ok: true, seconds: 0 });
    expect(parseEpoch("1700000000")).toEqual({ ok: true, seconds: 1700000000 });
    expect(parseEpoch("00000000000000000000000001")).toEqual({ ok: true, seconds: 1 });
    expect(parseEpoch(String(MAX_EPOCH_SECONDS))).toEqual({ ok: true, seconds: MAX_EPOCH_SECONDS });
    // The latest file time LLB can carry is also a date JavaScript can write.
    expect(new Date(MAX_EPOCH_SECONDS * 1000).toISOString()).toBe("2262-04-11T23:47:16.000Z");
  });

  test.each(["9223372037", "8640000000001", "9".repeat(400), "-1", "1.5", " 1", "0x10", "1e3", "abc"])("%s is a problem with the accepted range", (v) => {
    const r = parseEpoch(v);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.message).toMatch(/^SOURCE_DATE_EPOCH ".*" (is not a whole number of seconds|is later than the latest time an image can hold): give the seconds since 1970-01-01 UTC, from 0 to 9223372036/);
  });
});
