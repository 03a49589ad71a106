/**
 * What the frontend reads from BuildKit before planning: pydock.toml from the `dockerfile` local, and the
 * project's small files (pyproject.toml, lockfiles, .dockerignore, the bits of .git that name the commit) in
 * one include-only transfer of the context.
 */
import type { SourceFile } from "../core/diagnostics.js";
import type { GatewayClient } from "../gateway/client.js";
import type { FrontendOptions } from "../gateway/opts.js";
import { MAX_PROJECT_FILE_BYTES } from "../core/limits.js";
import * as llb from "../llb/index.js";
import { PROJECT_FILE_PATTERNS, projectFiles, type ProjectFiles } from "../plan/project.js";

const utf8 = new TextDecoder();

export interface BuildDefinition {
  readonly file: SourceFile;
  /** Shows a warning in the build output, attached to the "load build definition" step. */
  warn(message: string): Promise<void>;
}

/** Loads pydock.toml from the `dockerfile` local, as the Dockerfile frontend loads a Dockerfile. */
export async function readBuildFile(client: GatewayClient, opts: FrontendOptions): Promise<BuildDefinition> {
  const state = llb.local(opts.dockerfileKey, {
    sessionId: opts.sessionId,
    followPaths: [opts.filename],
    sharedKeyHint: opts.dockerfileKey,
    differ: { type: "none" },
    customName: `[internal] load build definition from ${opts.filename}`,
  });
  const marshaled = llb.marshal(state);
  const ref = await client.solve(marshaled.definition);
  const text = utf8.decode(await client.readFile(ref, opts.filename));
  const file = { name: opts.filename, text };
  return {
    file,
    warn: async (message) => {
      await client.warn(marshaled.digest, 1, message, {});
    },
  };
}

export interface ProjectRead {
  readonly files: ProjectFiles;
  readonly dockerignore: string[];
  /** `.git` files that tell the commit: HEAD, the ref it names, packed-refs. */
  readonly git: ReadonlyMap<string, string>;
}

/**
 * Reads the small files that drive planning (pyproject.toml, lockfiles, .python-version, …) in one
 * include-only transfer of the context, plus .dockerignore and the bits of .git that name the commit.
 */
export async function readProjectFiles(client: GatewayClient, opts: FrontendOptions): Promise<ProjectRead> {
  const gitPatterns = opts.vcsRevision ? [] : [".git/HEAD", ".git/packed-refs", ".git/refs/heads/*", ".git/refs/heads/**/*"];
  const state = llb.local("context", {
    sessionId: opts.sessionId,
    includePatterns: [...PROJECT_FILE_PATTERNS, ".dockerignore", ...gitPatterns],
    sharedKeyHint: "pydock-project-files",
    customName: "[internal] load project files (pyproject.toml, lockfiles)",
  });
  const ref = await client.solve(llb.marshal(state).definition);
  const all = new Map<string, string>();
  await walk(client, ref, "", 0, all);
  const files = new Map<string, string>();
  const git = new Map<string, string>();
  let dockerignore: string[] = [];
  for (const [path, text] of all) {
    if (path === ".dockerignore") dockerignore = parseIgnore(text);
    else if (path.startsWith(".git/")) git.set(path.slice(5), text);
    else files.set(path, text);
  }
  return { files: projectFiles(files), dockerignore, git };
}

const S_IFDIR = 0o040000;
const GO_MODE_DIR = 0x80000000;

async function walk(client: GatewayClient, ref: string, dir: string, depth: number, out: Map<string, string>): Promise<void> {
  const entries = await client.readDir(ref, dir === "" ? "/" : dir);
  await Promise.all(
    entries.map(async (e) => {
      const path = dir === "" ? e.path : `${dir}/${e.path}`;
      const isDir = (e.mode & GO_MODE_DIR) !== 0 || (e.mode & 0o170000) === S_IFDIR;
      if (isDir) {
        if (depth < 4) await walk(client, ref, path, depth + 1, out);
        return;
      }
      // A file over the limit is read only as far as one byte past it: enough for compile() to report it
      // (plan/file-limits.ts) at the line where the limit is passed.
      const range = Number(e.size) > MAX_PROJECT_FILE_BYTES ? { offset: 0, length: MAX_PROJECT_FILE_BYTES + 1 } : undefined;
      out.set(path, utf8.decode(await client.readFile(ref, path, range)));
    }),
  );
}

/**
 * .dockerignore lines → patterns, as Docker reads them: comments and blank lines dropped, each path cleaned
 * and made relative (`/pyproject.toml` and `./pyproject.toml` are `pyproject.toml`), a leading `!`
 * (re-include) kept in front of the cleaned path.
 */
export function parseIgnore(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    if (negate) line = line.slice(1).trim();
    const path = cleanPath(line);
    if (path !== "") out.push(negate ? `!${path}` : path);
  }
  return out;
}

/** `filepath.Clean` and a leading `/` removed, as Docker's ignorefile reader does. */
function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
