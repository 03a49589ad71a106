/**
 * A fuzz case: everything compile() is given — pydock.toml, the project's files and the build's settings —
 * as plain JSON data, so a failing case can be written to a file and replayed.
 */
import fc from "fast-check";
import type { Platform } from "../../src/core/platform.js";
import { AMD64, CLASSIC_STORE_CAPS, CURRENT_CAPS, type CompileCase } from "../support/compile.js";
import { mutateProject, projectFilesArb, type Files } from "./project-files.js";
import { goodValues, pydockToml } from "./pydock-toml.js";
import { stringContent } from "./toml-text.js";

export interface FuzzCase {
  readonly text: string;
  readonly files: readonly (readonly [string, string])[];
  readonly target: string;
  readonly buildArgs: readonly (readonly [string, string])[];
  readonly revision?: string;
  readonly sourceUrl?: string;
  readonly platforms: readonly Platform[];
  readonly classicStore: boolean;
  readonly noCache: boolean | readonly string[];
  readonly dockerignore: readonly string[];
}

/** The example and corpus files the generators start from. */
export interface Seeds {
  readonly pydockTomls: readonly string[];
  readonly projects: readonly Files[];
  /** Each example or corpus project with its own pydock.toml. */
  readonly pairs: readonly { readonly toml: string; readonly files: Files }[];
}

/** How much of the input space goes to the expensive shapes (huge files, deep nesting): 0 for none. */
export interface Mix {
  readonly pathological: number;
  readonly large: number;
}

const ARM64: Platform = { os: "linux", architecture: "arm64", variant: "v8" };

const epoch = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(fc.constantFrom("0", "1700000000", "315532800", "9223372036", "", "00000000000000000000000001"), fc.nat().map(String)) },
  { weight: 1, arbitrary: fc.constantFrom("9223372037", "8640000000000", "8640000000001", "99999999999999999999999", "-1", "1.5", " 1", "0x10", "1e3", "253402300799", "253402300800", "abc", "9".repeat(400)) },
);

const settings = fc.record({
  target: fc.oneof({ weight: 12, arbitrary: fc.constant("runtime") }, { weight: 1, arbitrary: fc.constant("test") }, { weight: 1, arbitrary: fc.constantFrom("venv", "test", "dev", "prod", "web.worker", "__proto__", "constructor", "toString", "", "valueOf") }),
  buildArgs: fc.array(
    fc.oneof(
      { weight: 1, arbitrary: epoch.map((e) => ["SOURCE_DATE_EPOCH", e] as const) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom("A", "B", "ENVIRONMENT", "PORT", "__proto__", "constructor", "UNDECLARED"), fc.oneof(stringContent, fc.nat(200_000).map((n) => "x".repeat(n)))) },
    ),
    { maxLength: 3 },
  ),
  revision: fc.option(fc.constantFrom("0123456789abcdef0123456789abcdef01234567", "", "x", "a\nb", "'; rm -rf /", "é".repeat(100)), { nil: undefined }),
  sourceUrl: fc.option(fc.constantFrom("https://github.com/acme/blog", "", "not a url", "\u0000"), { nil: undefined }),
  platforms: fc.constantFrom([AMD64], [AMD64], [ARM64], [AMD64, ARM64]),
  classicStore: fc.boolean(),
  noCache: fc.constantFrom<boolean | readonly string[]>(false, false, true, ["venv"], ["runtime", "git"], ["__proto__"]),
  dockerignore: fc.constantFrom<readonly string[]>([], [], ["*.pyc"], ["*", "!pyproject.toml"], ["[", "**/__proto__"]),
});

/** Any input compile() can be given. */
export function fuzzCase(seeds: Seeds, mix: Mix = { pathological: 1, large: 1 }): fc.Arbitrary<FuzzCase> {
  const independent = fc.tuple(pydockToml(seeds.pydockTomls, mix.pathological), projectFilesArb(seeds.projects, mix.large));
  // A project with its own pydock.toml, a few values changed (and maybe one of its files): these get through
  // to the planner and the LLB.
  const paired =
    seeds.pairs.length === 0
      ? independent
      : fc.tuple(fc.constantFrom(...seeds.pairs), goodValues, fc.option(mutateProject)).map(([p, change, m]) => [change(p.toml), m ? m(p.files) : p.files] as const);
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: independent }, { weight: 2, arbitrary: paired }), settings)
    .map(([[text, files], s]) => [text, files, s] as const)
    .map(([text, files, s]) => ({
      text,
      files: [...files],
      target: s.target,
      buildArgs: s.buildArgs,
      ...(s.revision !== undefined ? { revision: s.revision } : {}),
      ...(s.sourceUrl !== undefined ? { sourceUrl: s.sourceUrl } : {}),
      platforms: s.platforms,
      classicStore: s.classicStore,
      noCache: s.noCache,
      dockerignore: s.dockerignore,
    }));
}

/** The case as test/support/compile.ts takes it. */
export function toCompileCase(c: FuzzCase): CompileCase {
  return {
    text: c.text,
    files: new Map(c.files),
    target: c.target,
    // fromEntries defines own properties: a build argument named __proto__ stays a name.
    buildArgs: Object.fromEntries(c.buildArgs),
    ...(c.revision !== undefined ? { revision: c.revision } : {}),
    ...(c.sourceUrl !== undefined ? { sourceUrl: c.sourceUrl } : {}),
    platforms: c.platforms,
    caps: c.classicStore ? CLASSIC_STORE_CAPS : CURRENT_CAPS,
    ignoreCache: c.noCache,
    dockerignore: c.dockerignore,
  };
}

/** A short description of a case for reports: sizes, not contents. */
export function describeCase(c: FuzzCase): string {
  const files = c.files.map(([p, t]) => `${p} (${t.length} chars)`).join(", ");
  return `pydock.toml (${c.text.length} chars); files: ${files || "none"}; target ${JSON.stringify(c.target)}; build args ${JSON.stringify(c.buildArgs.map(([k, v]) => `${k}=${v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v}`))}`;
}
