/**
 * The names pip requirement files install: requirement lines (with continuations, comments, hashes,
 * markers, URLs and wheels), `-e` editables, and `-r`/`--requirement` includes followed relative to the
 * including file. `-c` constraint files are followed too but constrain, they install nothing. Following
 * is cycle-safe and bounded, and an include that cannot be read is reported rather than guessed at.
 */
import { normalizeName } from "../../core/text.js";
import type { ProjectFiles } from "../project.js";
import { namesOfRequirement, requirementName } from "./requirement.js";
import { joinRelative, lines } from "./text.js";

/** Requirement files followed through includes, at most. */
export const MAX_REQUIREMENT_FILES = 64;
/** Include depth, at most. */
export const MAX_INCLUDE_DEPTH = 16;

export interface RequirementNames {
  readonly names: Set<string>;
  /** Files read, in order. */
  readonly read: string[];
  /** Among `read`, the files read only as `-c` constraints (they pin, they install nothing). */
  readonly constraints: string[];
  readonly missing: string[];
}

/** A logical requirement line and the 1-based line of the file it starts on. */
export interface RequirementLine {
  readonly line: number;
  readonly text: string;
}

/** Requirement lines joined across backslash continuations, with comments removed, each with its first line. */
export function requirementLines(text: string): RequirementLine[] {
  const out: RequirementLine[] = [];
  let acc = "";
  let start = 1;
  lines(text).forEach((raw, i) => {
    // A comment starts at "#" at the line start or after whitespace (a URL's "#egg=" fragment is kept).
    let line = raw;
    for (let j = 0; j < line.length; j++) {
      if (line[j] === "#" && (j === 0 || line[j - 1] === " " || line[j - 1] === "\t")) {
        line = line.slice(0, j);
        break;
      }
    }
    if (acc === "") start = i + 1;
    if (line.endsWith("\\")) {
      acc += `${line.slice(0, -1)} `;
      return;
    }
    out.push({ line: start, text: acc + line });
    acc = "";
  });
  if (acc !== "") out.push({ line: start, text: acc });
  return out;
}

const INCLUDE_OPTIONS: readonly [string, "requirement" | "constraint"][] = [
  ["--requirement", "requirement"],
  ["--constraint", "constraint"],
  ["-r", "requirement"],
  ["-c", "constraint"],
];

/** `-r x`, `-rx`, `--requirement x`, `--requirement=x` (and -c) → the kind and the path. */
function includeOf(line: string): { kind: "requirement" | "constraint"; path: string } | undefined {
  for (const [opt, kind] of INCLUDE_OPTIONS) {
    if (!line.startsWith(opt)) continue;
    let rest = line.slice(opt.length);
    if (opt.startsWith("--")) {
      if (rest.startsWith("=")) rest = rest.slice(1);
      else if (!rest.startsWith(" ") && !rest.startsWith("\t")) continue;
    }
    const path = rest.trim().split(/[ \t]/)[0] ?? "";
    return path ? { kind, path } : undefined;
  }
  return undefined;
}

/** The name of a URL or path requirement: `#egg=name`, or a wheel's file name. */
function nameOfLocation(word: string): string | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(word);
  if (egg?.[1]) return normalizeName(egg[1]);
  const file = word.slice(word.lastIndexOf("/") + 1);
  if (file.endsWith(".whl")) return requirementName(file.slice(0, file.indexOf("-") > 0 ? file.indexOf("-") : undefined));
  return undefined;
}

function requirementLineNames(line: string, out: Set<string>): void {
  const word = line.split(/[ \t;]/)[0] ?? "";
  if (word.includes("://") || word.startsWith(".") || word.startsWith("/") || word.endsWith(".whl") || word.endsWith(".tar.gz") || word.endsWith(".zip")) {
    const n = nameOfLocation(word);
    if (n) out.add(n);
    return;
  }
  namesOfRequirement(line, out);
}

/**
 * The names the given requirement files install, following `-r` includes (and reading `-c` constraint
 * files, which add no names) relative to the including file. Cycle-safe; bounded by MAX_REQUIREMENT_FILES
 * and MAX_INCLUDE_DEPTH.
 */
export function requirementNames(files: ProjectFiles, roots: readonly string[]): RequirementNames {
  const names = new Set<string>();
  const read: string[] = [];
  const constraints: string[] = [];
  const missing: string[] = [];
  const visited = new Set<string>();
  const stack: { path: string; depth: number; kind: "requirement" | "constraint" }[] = roots
    .map((path) => ({ path, depth: 0, kind: "requirement" as const }))
    .reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const key = `${item.kind}:${item.path}`;
    if (visited.has(key)) continue;
    visited.add(key);
    if (read.length >= MAX_REQUIREMENT_FILES || item.depth > MAX_INCLUDE_DEPTH) {
      missing.push(item.path);
      continue;
    }
    const text = files.read(item.path);
    if (text === undefined) {
      missing.push(item.path);
      continue;
    }
    read.push(item.path);
    if (item.kind === "constraint") constraints.push(item.path);
    const includes: typeof stack = [];
    for (const l of requirementLines(text)) {
      const line = l.text.trim();
      if (line === "") continue;
      if (line.startsWith("-")) {
        const inc = includeOf(line);
        if (inc) {
          const path = joinRelative(item.path, inc.path);
          if (path) includes.push({ path, depth: item.depth + 1, kind: item.kind === "constraint" ? "constraint" : inc.kind });
          else missing.push(inc.path);
          continue;
        }
        const editable = /^(?:-e|--editable)(?:[ \t]+|=)(\S+)/.exec(line);
        if (editable?.[1] && item.kind === "requirement") {
          const n = nameOfLocation(editable[1]);
          if (n) names.add(n);
        }
        continue;
      }
      if (item.kind !== "requirement") continue;
      requirementLineNames(line, names);
    }
    for (let i = includes.length - 1; i >= 0; i--) stack.push(includes[i] as (typeof stack)[number]);
  }
  return { names, read, constraints, missing };
}
