/** The example projects as the tests and the benchmark read them. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const EXAMPLES_DIR = fileURLToPath(new URL("../examples/", import.meta.url));

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

/** Every file of examples/NAME (what the context transfer would give, and more). */
export const exampleFiles = (name: string): Map<string, string> => readTree(join(EXAMPLES_DIR, name));
