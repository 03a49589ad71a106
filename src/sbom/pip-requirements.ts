/**
 * The installed set from pip requirement files: one distribution per requirement line whose marker may apply,
 * following `-r` includes (relative to the including file), `-e` and direct references (URL, VCS, path; the name
 * from `#egg=` or the wheel/sdist file name), `--hash` options, and an `--index-url` that applies to every
 * registry requirement wherever it appears. Lines are joined and stripped of comments the way pip does.
 */
import { normalizeName } from "../core/text.js";
import { LockfileError, PYPI_SIMPLE, parseHash, type Draft, type DistributionHash, type LockInput } from "./distribution.js";
import { markerMayApply } from "./markers.js";
import { parseRequirement } from "./requirements.js";

/** The drafts of `input.requirements` (else `requirements.txt` when present), read through `input.files`. */
export function pipDistributions(input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const files = input.requirements.length > 0 ? input.requirements : input.files("requirements.txt") !== undefined ? ["requirements.txt"] : [];
  const out: Draft[] = [];
  const state: PipState = { index: input.indexUrl ?? PYPI_SIMPLE, stack: [] };
  const pending: { draft: Draft; registry: boolean }[] = [];
  for (const f of files) readRequirements(normalizePath(f), input, env, state, pending);
  // An `--index-url` applies to the whole install, wherever it appears.
  for (const { draft, registry } of pending) out.push(registry ? { ...draft, source: state.index, sourceType: "registry" } : draft);
  return out;
}

interface PipState {
  index: string;
  readonly stack: string[];
}

function readRequirements(path: string, input: LockInput, env: Readonly<Record<string, string>>, state: PipState, out: { draft: Draft; registry: boolean }[]): void {
  if (state.stack.includes(path)) throw new LockfileError(`${path}: requirement files include each other (${[...state.stack, path].join(" → ")})`);
  const text = input.files(path);
  if (text === undefined) throw new LockfileError(state.stack.length > 0 ? `${path} (included from ${state.stack.at(-1)}) not found` : `${path} not found`);
  state.stack.push(path);
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  for (const line of logicalLines(text)) {
    const tokens = line.split(/\s+/).filter(Boolean);
    const first = tokens[0] ?? "";
    if (first.startsWith("-")) {
      const [opt, inline] = splitOption(first);
      const value = inline ?? tokens[1];
      if ((opt === "-r" || opt === "--requirement") && value) readRequirements(normalizePath(value.startsWith("/") ? value : dir + value), input, env, state, out);
      else if ((opt === "-i" || opt === "--index-url") && value) state.index = value;
      else if ((opt === "-e" || opt === "--editable") && value) {
        const draft = directDraft(value);
        if (draft) out.push({ draft, registry: false });
      }
      continue;
    }
    // The requirement is everything before the first option; options are `--hash=…` and per-requirement flags.
    const optAt = line.search(/\s--?[a-zA-Z]/);
    const reqText = (optAt >= 0 ? line.slice(0, optAt) : line).trim();
    const hashes: DistributionHash[] = [];
    for (const m of line.matchAll(/--hash[=\s]+([A-Za-z0-9_]+:[A-Fa-f0-9]+)/g)) {
      const h = parseHash(m[1]);
      if (h) hashes.push(h);
    }
    const req = parseRequirement(reqText);
    // pip takes a line as a path or URL, not a requirement, when its name part has a slash or a scheme.
    const namePart = reqText.split(/[;@]/)[0] ?? "";
    if (req && !/^[.~]/.test(reqText) && !/[/\\]/.test(namePart) && !/^[a-z][a-z0-9+.-]*:/i.test(namePart)) {
      if (req.marker !== undefined && !markerMayApply(req.marker, env)) continue;
      if (req.url !== undefined) out.push({ draft: { ...urlSource(req.url), name: req.name, version: "", hashes }, registry: false });
      else out.push({ draft: { name: req.name, version: req.version, hashes }, registry: true });
      continue;
    }
    const draft = directDraft(reqText);
    if (draft) out.push({ draft: { ...draft, hashes }, registry: false });
  }
  state.stack.pop();
}

function splitOption(token: string): [string, string | undefined] {
  const eq = token.indexOf("=");
  if (token.startsWith("--")) return eq >= 0 ? [token.slice(0, eq), token.slice(eq + 1)] : [token, undefined];
  // Short options take their value attached (`-rfile`) or as the next token.
  return token.length > 2 ? [token.slice(0, 2), token.slice(2).replace(/^=/, "")] : [token, undefined];
}

/** Joins `\` continuations and drops comments, like pip: a comment line inside a continuation ends it. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const isComment = /^\s*#/.test(raw);
    if (isComment) {
      if (current.trim()) lines.push(current);
      current = "";
      continue;
    }
    const stripped = raw.replace(/(^|\s)#.*$/, "");
    if (/\\\s*$/.test(stripped)) {
      current += stripped.replace(/\\\s*$/, " ");
      continue;
    }
    current += stripped;
    if (current.trim()) lines.push(current.trim());
    current = "";
  }
  if (current.trim()) lines.push(current.trim());
  return lines.map((l) => l.trim()).filter((l) => l.length > 0);
}

/** A direct reference (URL, VCS, path) without a name-pin: the name from `#egg=` or the wheel/sdist file name. */
function directDraft(ref: string): Draft | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(ref)?.[1];
  const file = ref.split(/[?#]/)[0]?.split("/").pop() ?? "";
  const wheel = /^([A-Za-z0-9_.]+)-([^-]+)-.*\.whl$/.exec(file);
  const sdist = /^([A-Za-z0-9_.-]+?)-(\d[^-]*)\.(?:tar\.gz|zip|tar\.bz2)$/.exec(file);
  const name = egg ?? wheel?.[1] ?? sdist?.[1];
  if (!name) return undefined;
  const version = wheel?.[2] ?? sdist?.[2] ?? "";
  const url = ref.replace(/#.*$/, "");
  return { name: normalizeName(name), version, hashes: [], ...urlSource(url) };
}

function urlSource(url: string): Pick<Draft, "source" | "sourceType"> {
  if (/^(git|hg|svn|bzr)\+/.test(url)) return { source: url, sourceType: "vcs" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith("file:")) return { source: url, sourceType: "url" };
  return { source: url, sourceType: "path" };
}

function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/^\.\//, "").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && parts.length > 0 && parts.at(-1) !== "..") parts.pop();
    else parts.push(seg);
  }
  return (p.startsWith("/") ? "/" : "") + parts.join("/");
}
