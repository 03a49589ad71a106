/**
 * The CLI's reads from disk: pydock.toml, and from the context folder the same files the frontend reads
 * through BuildKit before planning (PROJECT_FILE_PATTERNS, .dockerignore, the `.git` files that name the
 * commit), with the frontend's limits on depth and size. Everything after this is pure: the commands get a
 * {@link ProjectInput} and plan or compile it with compile.ts, exactly as a build would.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync, type Dirent } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { SourceFile } from "../core/diagnostics.js";
import { globToRegExp, mayMatchBelow } from "../core/glob.js";
import { MAX_PROJECT_FILE_BYTES } from "../core/limits.js";
import { MAX_PROJECT_DEPTH, projectReadPatterns, splitProjectRead } from "../frontend/inputs.js";
import type { ProjectFiles } from "../plan/project.js";
import { readGitRevision } from "../plan/revision.js";
import { CliError, shownPath, type DisplayPath } from "./output.js";

/** The build file and the project, as the frontend would have them. */
export interface ProjectInput {
  /** pydock.toml, named as the frontend names it (its file name). */
  readonly buildFile: SourceFile;
  readonly files: ProjectFiles;
  /** .dockerignore's patterns. */
  readonly dockerignore: readonly string[];
  /** `--revision`, else the commit `.git` in the context names. */
  readonly revision: string | undefined;
  readonly sourceUrl: string | undefined;
  readonly display: DisplayPath;
}

export interface ReadOptions {
  /** pydock.toml, or a folder holding one; relative to `cwd`. */
  readonly file: string;
  /** The context folder; default: the build file's folder. */
  readonly context: string | undefined;
  readonly revision: string | undefined;
  readonly sourceUrl: string | undefined;
  readonly cwd: string;
}

/** Reads the build file and its context's project files. A missing file or folder is a {@link CliError}. */
export function readProject(o: ReadOptions): ProjectInput {
  let path = resolve(o.cwd, o.file);
  if (isDirectory(path)) path = join(path, "pydock.toml");
  const shown = (abs: string) => shownPath(o.cwd, abs);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new CliError(`${shown(path)}: ${missing ? "no such file (`pydock init` writes one)" : (e as Error).message}`);
  }
  const contextDir = resolve(o.cwd, o.context ?? dirname(path));
  if (!isDirectory(contextDir)) throw new CliError(`${shown(contextDir)}: the context is not a folder`);
  const read = splitProjectRead(readContextFiles(contextDir, projectReadPatterns(o.revision === undefined)));
  const buildFile = { name: basename(path), text };
  return {
    buildFile,
    files: read.files,
    dockerignore: read.dockerignore,
    revision: o.revision ?? readGitRevision(read.git),
    sourceUrl: o.sourceUrl,
    display: (file) => shown(file === buildFile.name ? path : join(contextDir, file)),
  };
}

/** The project's files (PROJECT_FILE_PATTERNS) in `dir`, for detection: what .dockerignore lets through, as a build sees them. */
export function readProjectDir(dir: string): ProjectFiles {
  return splitProjectRead(readContextFiles(dir, projectReadPatterns(false))).files;
}

/**
 * The files below `root` matching `patterns` (context path → text), as the include-only transfer gives
 * them to the frontend: folders no pattern can reach are not entered, nor folders deeper than the
 * frontend's walk; larger files than it reads are left out; symbolic links to folders are not followed.
 */
function readContextFiles(root: string, patterns: readonly string[]): Map<string, string> {
  const res = patterns.map(globToRegExp);
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable: as if empty
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, e.name);
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < MAX_PROJECT_DEPTH && mayMatchBelow(path, patterns)) walk(abs, path, depth + 1);
      } else if (res.some((re) => re.test(path))) {
        const text = readSmallFile(abs);
        if (text !== undefined) out.set(path, text);
      }
    }
  };
  walk(root, "", 0);
  return out;
}

function readSmallFile(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    if (st.size <= MAX_PROJECT_FILE_BYTES) return readFileSync(path, "utf8");
    // Past the limit: read one byte more than it, as the frontend does, so compile() reports the file at the
    // line where the limit is passed (plan/file-limits.ts).
    const buffer = Buffer.alloc(MAX_PROJECT_FILE_BYTES + 1);
    const fd = openSync(path, "r");
    try {
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // a dangling link, or unreadable
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
