/**
 * What the frontend reads from BuildKit before planning: pydock.toml from the `dockerfile` local, and the
 * project's small files (pyproject.toml, lockfiles, .dockerignore, the bits of .git that name the commit) in
 * one include-only transfer of the context. Which paths, and how what was read is sorted, are pure and shared
 * with the CLI, which reads the same files from disk.
 */
import type { SourceFile } from "../core/diagnostics.js";
import type { GatewayClient } from "../gateway/client.js";
import type { FrontendOptions } from "../gateway/opts.js";
import { MAX_PROJECT_FILE_BYTES } from "../core/limits.js";
import * as llb from "../llb/index.js";
import { PROJECT_FILE_PATTERNS, projectFiles, type ProjectFiles } from "../plan/project.js";
import { ignoredBy, parseIgnore } from "../core/dockerignore.js";

/** Moved to core/dockerignore.ts (lint reads .dockerignore too); still exported here for the frontend's callers. */
export { parseIgnore } from "../core/dockerignore.js";

const utf8 = new TextDecoder();
/** How many folders deep the read descends below the context's top (the patterns reach five segments). */
export const MAX_PROJECT_DEPTH = 4;
/** The `.git` files that name the commit, as context paths. */
const GIT_PATTERNS = [".git/HEAD", ".git/packed-refs", ".git/refs/heads/*", ".git/refs/heads/**/*"];

/**
 * The context paths read before planning: the project's files, .dockerignore, and `.git`'s HEAD and refs
 * unless the client names the commit itself. The frontend and the CLI read the same ones.
 */
export function projectReadPatterns(readGit: boolean): string[] {
  return [...PROJECT_FILE_PATTERNS, ".dockerignore", ...(readGit ? GIT_PATTERNS : [])];
}

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
  /** .dockerignore as written, for lint (undefined when the context has none). */
  readonly dockerignoreText: string | undefined;
  /** `.git` files that tell the commit: HEAD, the ref it names, packed-refs. */
  readonly git: ReadonlyMap<string, string>;
}

/**
 * Reads the small files that drive planning (pyproject.toml, lockfiles, .python-version, …) in one
 * include-only transfer of the context, plus .dockerignore and the bits of .git that name the commit.
 */
export async function readProjectFiles(client: GatewayClient, opts: FrontendOptions): Promise<ProjectRead> {
  const state = llb.local("context", {
    sessionId: opts.sessionId,
    includePatterns: projectReadPatterns(!opts.vcsRevision),
    sharedKeyHint: "pydock-project-files",
    customName: "[internal] load project files (pyproject.toml, lockfiles)",
  });
  const ref = await client.solve(llb.marshal(state).definition);
  const all = new Map<string, string>();
  await walk(client, ref, "", 0, all);
  return splitProjectRead(all);
}

/**
 * The files read (context path → text) sorted into the project's files, .dockerignore's patterns and `.git`'s.
 * The project's files are the context as BuildKit sends it to the build: a file .dockerignore leaves out is
 * not there for detection either (a uv.lock the project keeps out of its images does not make it uv).
 */
export function splitProjectRead(all: ReadonlyMap<string, string>): ProjectRead {
  const read = new Map<string, string>();
  const git = new Map<string, string>();
  let dockerignoreText: string | undefined;
  for (const [path, text] of all) {
    if (path === ".dockerignore") dockerignoreText = text;
    else if (path.startsWith(".git/")) git.set(path.slice(5), text);
    else read.set(path, text);
  }
  const dockerignore = dockerignoreText === undefined ? [] : parseIgnore(dockerignoreText);
  const files = dockerignore.length === 0 ? read : new Map([...read].filter(([path]) => ignoredBy(path, dockerignore) === undefined));
  return { files: projectFiles(files), dockerignore, dockerignoreText, git };
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
        if (depth < MAX_PROJECT_DEPTH) await walk(client, ref, path, depth + 1, out);
        return;
      }
      // A file over the limit is read only as far as one byte past it: enough for compile() to report it
      // (plan/file-limits.ts) at the line where the limit is passed.
      const range = Number(e.size) > MAX_PROJECT_FILE_BYTES ? { offset: 0, length: MAX_PROJECT_FILE_BYTES + 1 } : undefined;
      out.set(path, utf8.decode(await client.readFile(ref, path, range)));
    }),
  );
}
