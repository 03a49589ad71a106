/** The example projects as the tests read them. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTree } from "./read-tree.js";

export { readTree };
export const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));

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
