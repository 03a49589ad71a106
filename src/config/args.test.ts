import { describe, expect, test } from "vitest";
import { resolveArgs, substitute, substituteAll } from "./args.js";

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
