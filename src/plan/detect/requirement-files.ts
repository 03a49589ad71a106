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
  readonly missing: string[];
}

/** Requirement lines joined across backslash continuations, with comments removed. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let acc = "";
  for (const raw of lines(text)) {
    // A comment starts at "#" at the line start or after whitespace (a URL's "#egg=" fragment is kept).
    let line = raw;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "#" && (i === 0 || line[i - 1] === " " || line[i - 1] === "\t")) {
        line = line.slice(0, i);
        break;
      }
    }
    if (line.endsWith("\\")) {
      acc += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(acc + line);
    acc = "";
  }
  if (acc !== "") out.push(acc);
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
    const includes: typeof stack = [];
    for (const l of logicalLines(text)) {
      const line = l.trim();
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
  return { names, read, missing };
}
