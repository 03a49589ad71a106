/**
 * The inputs behind each signature of issue 9's fuzz run (and of this suite's own campaigns), through
 * compile() with every property of property.ts: each is now an image or problems at a position, in time,
 * the same twice, with Object.prototype untouched.
 */
import { describe, expect, it } from "vitest";
import { AMD64 } from "../support/compile.js";
import type { FuzzCase } from "./cases.js";
import { runCase } from "./property.js";

const PY = `# syntax=pydock/pydock:0.1\n[python]\nversion = "3.11"\n[dependencies]\nmanager = "pip"\n[runtime]\ncommand = ["python", "app.py"]\n`;
const FILES: readonly (readonly [string, string])[] = [["requirements.txt", "flask\n"], ["app.py", "print(1)\n"]];

const input = (text: string, more: Partial<FuzzCase> = {}): FuzzCase => ({
  text,
  files: FILES,
  target: "runtime",
  buildArgs: [],
  platforms: [AMD64],
  classicStore: false,
  noCache: false,
  dockerignore: [],
  ...more,
});

const cases: Record<string, FuzzCase> = {
  "TypeError: alt.some is not a function (a table named valueOf merged into a target)": input(`${PY}[runtime.valueOf]\nx = 1\n[targets.t.runtime.valueOf]\ny = 1\n`),
  "prototype pollution: [__proto__]": input(`[__proto__]\nruntime = 1\n${PY.replace("# syntax=pydock/pydock:0.1\n", "")}`),
  "prototype pollution: __proto__.x = …": input(`__proto__.secrets = 1\n${PY}`),
  "prototype pollution: [runtime.env.__proto__] (export [object Object]=…)": input(`${PY}[runtime.env.__proto__]\nA = "b"\n`),
  "prototype pollution: [targets.__proto__] (/run/secrets/undefined)": input(`${PY}[targets.__proto__]\nruntime.command = "y"\n[[secrets]]\nid = "a"\nenv = "A"\n`),
  "RangeError: Invalid time value (SOURCE_DATE_EPOCH past 8640000000000)": input(PY, { buildArgs: [["SOURCE_DATE_EPOCH", "8640000000001"]] }),
  "invalid int64 (SOURCE_DATE_EPOCH past 9223372036)": input(PY, { buildArgs: [["SOURCE_DATE_EPOCH", "9223372037"]] }),
  "NaN cannot be converted to a BigInt": input(PY, { buildArgs: [["SOURCE_DATE_EPOCH", "9".repeat(400)]] }),
  "Maximum call stack size exceeded (deep nesting)": input(`${PY}[app]\nbuild-commands = ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`),
  "Maximum call stack size exceeded (10,000 dotted keys)": input(`${PY}${Array.from({ length: 10_000 }, (_, i) => `k${i}`).join(".")} = 1\n`),
  "hang: a large document (many tables)": input(`${PY}${Array.from({ length: 60_000 }, (_, i) => `[t${i}]`).join("\n")}\n`),
  "hang: one long string": input(`${PY}[app]\nbuild-commands = ["${"a".repeat(2_000_000)}"]\n`),
  "\${} expanding 100,000 times": input(`${PY.replace("[runtime]", `[args]\nA = "${"x".repeat(10_000)}"\n[runtime]`)}[runtime.env]\nX = "${"${A}".repeat(100_000)}"\n`),
  "positionless: a lone 0 at the end of the text had an empty range (campaign of seed 260439653)": input("# syntax=pydock/pydock:0.1\n\ntargets = 0"),
  "image name a..b": input(PY.replace('version = "3.11"', 'version = "3.11"\nruntime-image = "a..b"')),
  "several package managers fit (was 1:1)": input("# syntax=pydock/pydock:0.1\n", { files: [["uv.lock", "version = 1\n"], ["requirements.txt", "flask\n"], ["main.py", "print(1)\n"], [".python-version", "3.11\n"]] }),
  "cannot tell which Python (was 1:1)": input("# syntax=pydock/pydock:0.1\n", { files: [["main.py", "print(1)\n"]] }),
  "a lockfile past 8 MiB": input(PY.replace('manager = "pip"', 'manager = "uv"'), { files: [["pyproject.toml", '[project]\nname = "a"\n'], ["uv.lock", "# x\n".repeat(3 * 1024 * 1024)]] }),
  "2,000 build commands (a chain of 2,000 ops) on two platforms": input(`${PY}[app]\nbuild-commands = [${Array.from({ length: 1990 }, (_, i) => `"echo ${i}"`).join(", ")}]\n`, {
    platforms: [AMD64, { os: "linux", architecture: "arm64" }],
  }),
  "1,900 targets over a top-level list of 2,000 items": input(`${PY}directories = "${Array.from({ length: 1990 }, (_, i) => `/d${i}`).join(",")}"\n${Array.from({ length: 1900 }, (_, i) => `[targets.t${i}]`).join("\n")}\n`),
};

describe("issue 9's signatures, through compile()", () => {
  it.each(Object.keys(cases))("%s", async (name) => {
    const outcome = await runCase(cases[name]!);
    expect(outcome.findings).toEqual([]);
  });
});
