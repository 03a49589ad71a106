/** The bundles tests run as processes (dist/frontend.cjs, dist/cli.cjs), rebuilt by `npm run build`'s script when a source is newer. */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll } from "vitest";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Newest mtime of the files the bundles are made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const abs = join(dir, e);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (!e.endsWith(".test.ts")) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(join(ROOT, "src"));
  for (const f of ["scripts/bundle.mjs", "package-lock.json", "package.json"]) if (existsSync(join(ROOT, f))) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

/** Rebuilds the bundles when `bundle` is missing or a source is newer. Call at the top of a test file. */
export function useFreshBundle(bundle: string): void {
  beforeAll(() => {
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) {
      execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: ROOT, stdio: "inherit" });
    }
  }, 120_000);
}
