/**
 * What the generators start from: the pydock.toml of every example and corpus project, and those projects'
 * files as the frontend would transfer them (PROJECT_FILE_PATTERNS). Read from disk: the fuzz suite and the
 * campaign runner (scripts/fuzz.mjs) call this with the repository's root.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { selectFiles } from "../../src/core/glob.js";
import { PROJECT_FILE_PATTERNS } from "../../src/plan/project.js";
import { readTree } from "../support/read-tree.js";
import type { Seeds } from "./cases.js";

export function loadSeeds(root: string): Seeds {
  const pydockTomls: string[] = [];
  const projects: Map<string, string>[] = [];
  const pairs: { toml: string; files: Map<string, string> }[] = [];
  for (const dir of ["examples", "test/corpus"]) {
    const base = join(root, dir);
    for (const name of readdirSync(base, { withFileTypes: true })) {
      if (!name.isDirectory() || !existsSync(join(base, name.name, "pydock.toml"))) continue;
      const files = readTree(join(base, name.name));
      const toml = files.get("pydock.toml");
      const selected = selectFiles(files, PROJECT_FILE_PATTERNS);
      if (toml !== undefined) {
        pydockTomls.push(toml);
        pairs.push({ toml, files: selected });
      }
      projects.push(selected);
    }
  }
  return { pydockTomls, projects, pairs };
}
