/**
 * Compiling in tests: the real {@link compile} with stand-in base images and the caps of a current daemon,
 * then the definition decoded op by op so tests can look at what BuildKit would run.
 */
import { compile, planProject, type Compiled } from "../../src/compile.js";
import { UserError, type Diagnostic } from "../../src/core/diagnostics.js";
import type { Platform } from "../../src/core/platform.js";
import type { Definition } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { decodeDefinition, type DecodedOp } from "../../src/llb/marshal.js";
import { projectFiles, type ProjectFiles } from "../../src/plan/project.js";
import type { BuildPlan } from "../../src/plan/types.js";
import { standInBases } from "../../src/stand-in-bases.js";

/** The LLB caps of a current daemon (as the fake bridge reports them). */
export const CURRENT_CAPS: readonly string[] = [
  "source.image", "source.local", "source.local.sessionid", "source.local.includepatterns", "source.local.excludepatterns",
  "source.local.sharedkeyhint", "exec.meta.base", "exec.mount.bind", "exec.mount.cache", "exec.mount.cache.sharing",
  "exec.mount.tmpfs", "exec.mount.secret", "exec.mount.ssh", "exec.secretenv", "constraints", "platform",
  "meta.ignorecache", "meta.description", "file.base", "file.copy.includeexcludepatterns", "mergeop", "diffop",
];
/** The Docker Engine's classic image store: no MergeOp. */
export const CLASSIC_STORE_CAPS: readonly string[] = CURRENT_CAPS.filter((c) => c !== "mergeop" && c !== "diffop");
export const STAND_IN_DIGEST = "sha256:" + "cd".repeat(32);
export const AMD64: Platform = { os: "linux", architecture: "amd64" };

export interface CompileCase {
  /** pydock.toml's text. */
  readonly text: string;
  /** The project's files (path → text); only those among PROJECT_FILE_PATTERNS matter to planning. */
  readonly files: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  readonly target?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly caps?: readonly string[];
  readonly ignoreCache?: boolean | readonly string[];
  readonly revision?: string;
  readonly sourceUrl?: string;
  readonly dockerignore?: readonly string[];
  /** false: bases resolved without a digest (pinned by name only, as on the classic store). */
  readonly digest?: boolean;
  readonly platforms?: readonly Platform[];
}

export function filesOf(files: CompileCase["files"]): ProjectFiles {
  return projectFiles(files instanceof Map ? files : new Map(Object.entries(files)));
}

function settings(c: CompileCase) {
  return {
    buildFile: { name: "pydock.toml", text: c.text },
    files: filesOf(c.files),
    target: c.target ?? "runtime",
    buildArgs: new Map(Object.entries(c.buildArgs ?? {})),
    revision: c.revision,
    sourceUrl: c.sourceUrl,
    dockerignore: c.dockerignore ?? [],
  };
}

/** compile() as the frontend calls it, with stand-in bases. */
export function compileCase(c: CompileCase): Promise<Compiled> {
  return compile({
    ...settings(c),
    dockerignore: c.dockerignore ?? [],
    platforms: c.platforms ?? [AMD64],
    resolveBase: standInBases(c.digest === false ? {} : { digest: STAND_IN_DIGEST }),
    llbCaps: new Set(c.caps ?? CURRENT_CAPS),
    sessionId: "session-1",
    noCache: c.ignoreCache ?? false,
    labels: new Map(),
  });
}

export interface CompiledCase {
  readonly plan: BuildPlan;
  readonly definition: Definition;
  readonly imageConfig: Record<string, unknown>;
  /** The ops, terminal last; the terminal's input is the output state. */
  readonly ops: readonly DecodedOp[];
  /** Digest of the output op (what the terminal op points at). */
  readonly digest: string;
  readonly warnings: readonly Diagnostic[];
}

/** compileCase for a case that must compile (a UserError with its diagnostics otherwise). */
export async function compileOk(c: CompileCase): Promise<CompiledCase> {
  const r = await compileCase(c);
  if (!r.ok) throw new UserError(r.diagnostics);
  const p = r.platforms[0];
  if (!p) throw new Error("no platform compiled");
  const ops = decodeDefinition(p.definition);
  const digest = ops.at(-1)?.op.inputs[0]?.digest ?? "";
  return { plan: r.plan, definition: p.definition, imageConfig: p.imageConfig, ops, digest, warnings: r.warnings };
}

/** The plan alone (no LLB); throws a UserError with the diagnostics when planning fails. */
export function planOk(c: CompileCase): { plan: BuildPlan; warnings: readonly Diagnostic[] } {
  const r = planProject(settings(c));
  if (!r.ok) throw new UserError(r.diagnostics);
  return { plan: r.plan, warnings: r.warnings };
}

/** The diagnostics of a case that must fail to plan. */
export function planErrors(c: CompileCase): readonly Diagnostic[] {
  const r = planProject(settings(c));
  if (r.ok) throw new Error("the case planned without errors");
  return r.diagnostics;
}
