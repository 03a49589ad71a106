/**
 * Copies of the build context into a stage: the default excludes, exclude patterns rebased onto the copied
 * sub-path, and the venv kept out when it lives inside the destination.
 */
import type { TargetConfig } from "../config/model.js";
import type { CopyStep } from "./types.js";

/** Excluded from every copy of the context, on top of .dockerignore. */
export const DEFAULT_EXCLUDES = [
  ".git",
  ".venv",
  "**/__pycache__",
  "**/*.pyc",
  "**/.mypy_cache",
  "**/.pytest_cache",
  "**/node_modules",
];

/** Rebases exclude patterns (relative to the context root) onto a copied sub-path. */
function excludesFor(src: string, target: TargetConfig, venvRelative: string | undefined): string[] {
  const patterns = [...DEFAULT_EXCLUDES, ...target.app.exclude];
  if (venvRelative && !patterns.includes(venvRelative)) patterns.push(venvRelative);
  const base = src.replace(/^\.\/?/, "").replace(/\/$/, "");
  if (base === "") return patterns;
  const out: string[] = [];
  for (const p of patterns) {
    if (p.startsWith("**/")) out.push(p);
    else if (p.startsWith(base + "/")) out.push(p.slice(base.length + 1));
  }
  return out;
}

export function sourceCopy(src: string, destDir: string, target: TargetConfig, independent: boolean, index?: number, owner?: string): CopyStep {
  const clean = src.replace(/^\.\//, "").replace(/\/$/, "");
  const whole = clean === "" || clean === ".";
  const venvRel = relativeTo(destDir, target.dependencies.venv);
  return {
    kind: "copy",
    name: whole ? `copy . ${destDir}` : `copy ${clean} ${destDir}/${clean}`,
    from: "context",
    src: whole ? "." : clean,
    dest: whole ? destDir : `${destDir}/${clean}`,
    exclude: excludesFor(whole ? "." : clean, target, venvRel),
    contents: true,
    independent,
    ...(owner ? { owner } : {}),
    ...(index !== undefined ? { origin: { path: ["app", "copy", index] } } : {}),
  };
}

/** `child` relative to `dir` when inside it ("/app", "/app/venv" → "venv"), else undefined. */
function relativeTo(dir: string, child: string): string | undefined {
  const d = dir.endsWith("/") ? dir : dir + "/";
  return child.startsWith(d) ? child.slice(d.length) : undefined;
}
