/** The example projects (examples/) and the zero-config corpus (test/corpus/) as the tests read them. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTree } from "./read-tree.js";

export { readTree };
export const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));
export const CORPUS_DIR = fileURLToPath(new URL("../corpus/", import.meta.url));

/** The project folders in `dir` (EXAMPLES_DIR, CORPUS_DIR), sorted. */
export const projectsIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Every file of examples/NAME (what the context transfer would give, and more). */
export const exampleFiles = (name: string): Map<string, string> => readTree(join(EXAMPLES_DIR, name));

/** Every file of examples/NAME as a plain object, relative path → text (as a frontend's context files). */
export const exampleRecord = (name: string): Record<string, string> => Object.fromEntries(exampleFiles(name));

/** examples/NAME as a compile case: its pydock.toml's text and every file of the project. */
export function exampleCase(name: string): { readonly text: string; readonly files: Map<string, string> } {
  const files = exampleFiles(name);
  const text = files.get("pydock.toml");
  if (text === undefined) throw new Error(`examples/${name} has no pydock.toml`);
  return { text, files };
}
