/** Reads a directory tree as text: how tests and the benchmark load example projects. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file below `root`, relative path → text, in sorted order. */
export function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const abs = join(dir, entry);
      const r = rel ? `${rel}/${entry}` : entry;
      if (statSync(abs).isDirectory()) walk(abs, r);
      else out.set(r, readFileSync(abs, "utf8"));
    }
  };
  walk(root, "");
  return out;
}
