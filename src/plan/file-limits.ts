/**
 * The size limits on the project's files (core/limits.ts), checked before anything reads them: a file that
 * decides the install (manifests, lockfiles, requirement files, version pins) over its limit is an error at
 * the line where the limit is passed; a Python module over it — one detection would only have looked at —
 * is left out of detection, with a warning there.
 */
import { lineOf, type Diagnostic } from "../core/diagnostics.js";
import { MAX_MANIFEST_BYTES, MAX_PROJECT_FILE_BYTES, MAX_PROJECT_FILE_LINES, formatBytes } from "../core/limits.js";
import { projectFiles, type ProjectFiles } from "./project.js";

export interface CheckedFiles {
  /** The files, without the Python modules over the limits. */
  readonly files: ProjectFiles;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

const isLockOrRequirements = (path: string): boolean =>
  ["uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock"].includes(path) || /^requirements[^/]*\.txt$/.test(path) || (path.startsWith("requirements/") && path.endsWith(".txt"));

/** Files detection only takes hints from: Python modules, and how the project runs elsewhere. Over a limit, they are left out. */
const HINT_FILES: ReadonlySet<string> = new Set(["Procfile", "Dockerfile", "Containerfile", "dockerfile", "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]);
const isModule = (path: string): boolean => (path.endsWith(".py") && path !== "setup.py") || HINT_FILES.has(path);

/** The byte limit of a project file by its path. */
export function byteLimit(path: string): number {
  return isLockOrRequirements(path) || isModule(path) ? MAX_PROJECT_FILE_BYTES : MAX_MANIFEST_BYTES;
}

/**
 * Where `text` passes `maxBytes` of UTF-8 or MAX_PROJECT_FILE_LINES lines: the 1-based line and what is
 * passed; undefined within both. Linear, and quick for the common small file.
 */
export function overLimit(text: string, maxBytes: number): { line: number; what: string } | undefined {
  if (text.length * 3 > maxBytes) {
    let bytes = 0;
    let line = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
      if (bytes > maxBytes) return { line, what: `is larger than ${formatBytes(maxBytes)}` };
    }
  }
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
    line++;
    if (line > MAX_PROJECT_FILE_LINES) return { line, what: `has more than ${MAX_PROJECT_FILE_LINES.toLocaleString("en")} lines` };
  }
  return undefined;
}

export function checkProjectFiles(files: ProjectFiles): CheckedFiles {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const dropped = new Set<string>();
  for (const path of files.paths) {
    const text = files.read(path);
    if (text === undefined) continue;
    const limit = byteLimit(path);
    const over = overLimit(text, limit);
    if (!over) continue;
    const range = lineOf(text, over.line);
    const limits = `pydock reads ${isModule(path) ? "Python modules and hint files" : isLockOrRequirements(path) ? "lockfiles and requirement files" : "manifests and version files"} up to ${formatBytes(limit)} and ${MAX_PROJECT_FILE_LINES.toLocaleString("en")} lines`;
    if (isModule(path)) {
      dropped.add(path);
      warnings.push({ file: path, range, message: `${path} ${over.what}: detection leaves it out (${limits})`, code: "limit", severity: "warning" });
    } else {
      errors.push({ file: path, range, message: `${path} ${over.what}: ${limits}`, code: "limit", severity: "error" });
    }
  }
  if (dropped.size === 0) return { files, errors, warnings };
  const kept = new Map<string, string>();
  for (const path of files.paths) {
    const text = files.read(path);
    if (text !== undefined && !dropped.has(path)) kept.set(path, text);
  }
  return { files: projectFiles(kept), errors, warnings };
}
