/**
 * The runtime command as words, for the rules that read it (PortNotExposed, DevServerInProduction): the
 * image's entrypoint and command, with a `/bin/sh -c` script split into words the way the shell would at
 * its simplest (whitespace, quotes, `&&`/`;` as separators), and `$NAME`, `${NAME}`, `${NAME:-default}`
 * expanded from the image's environment. Approximate on purpose: a rule reads the words it knows and
 * ignores the rest.
 */
import type { ImagePlan } from "../plan/types.js";

/** The words of the image's entrypoint followed by its command. */
export function commandWords(image: ImagePlan): string[] {
  const argv = [...(image.entrypoint ?? []), ...(image.cmd ?? [])];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (/^(\/usr)?\/bin\/(ba|da)?sh$|^sh$/.test(a) && argv[i + 1] === "-c" && argv[i + 2] !== undefined) {
      words.push(...shellWords(argv[i + 2] ?? ""));
      i += 2;
    } else words.push(a);
  }
  return words;
}

/** A script's words: split on blanks outside quotes, quotes removed, `;`, `&&`, `||` and `|` as words of their own. */
export function shellWords(script: string): string[] {
  const words: string[] = [];
  let word = "";
  let quote: string | undefined;
  let started = false;
  const end = () => {
    if (started) words.push(word);
    word = "";
    started = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] ?? "";
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === " " || c === "\t" || c === "\n") end();
    else if (c === ";" || c === "&" || c === "|") {
      end();
      words.push(c);
    } else {
      word += c;
      started = true;
    }
  }
  end();
  return words;
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` expanded from `env` (unknown names expand to ""). */
export function expandVars(word: string, env: ReadonlyMap<string, string>): string {
  return word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = env.get(braced ?? bare ?? "");
    return value !== undefined && value !== "" ? value : (fallback ?? "");
  });
}

/** The image's environment as a map (later entries win). */
export const envOf = (image: ImagePlan): Map<string, string> => new Map(image.env.map(([k, v]) => [k, v]));
