/**
 * planToLLB → marshal → decodeDefinition: the LLB pydock sends, op by op. Pinned base images, cache/tmpfs/
 * secret/ssh mounts, step names, source locations into pydock.toml, MergeOp vs chained copies, ignoreCache,
 * and byte-for-byte determinism.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { planToLLB, type ResolvedBase } from "../../src/convert/convert.js";
import type { ExecOp, FileOp, MergeOp, Op, SourceOp } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { CacheSharingOpt, MountType } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import * as llb from "../../src/llb/index.js";
import { RUN_WRAPPER, RUN_WRAPPER_SCRIPT } from "../../src/plan/managers.js";
import { planBuild } from "../../src/plan/plan.js";
import { projectFiles } from "../../src/plan/project.js";
import type { BuildPlan } from "../../src/plan/types.js";
import { EXAMPLES_DIR, exampleFiles } from "../support/examples.js";

const EXAMPLES = EXAMPLES_DIR;
const example = exampleFiles;

const exampleToml = (name: string) => readFileSync(join(EXAMPLES, name, "pydock.toml"), "utf8");

/** The LLB caps of a current daemon (as the fake bridge reports them). */
const CAPS = [
  "source.image", "source.local", "source.local.sessionid", "source.local.includepatterns", "source.local.excludepatterns",
  "source.local.sharedkeyhint", "exec.meta.base", "exec.mount.bind", "exec.mount.cache", "exec.mount.cache.sharing",
  "exec.mount.tmpfs", "exec.mount.secret", "exec.mount.ssh", "exec.secretenv", "constraints", "platform",
  "meta.ignorecache", "meta.description", "file.base", "file.copy.includeexcludepatterns", "mergeop", "diffop",
];
const DIGEST = "sha256:" + "cd".repeat(32);
const PLATFORM = { os: "linux", architecture: "amd64" };
const BASE_ENV = ["PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/bin", "LANG=C.UTF-8", "PYTHON_VERSION=3.11.14"];

interface ConvertOpts {
  readonly text: string;
  readonly files: Map<string, string>;
  readonly target?: string;
  readonly caps?: readonly string[];
  readonly ignoreCache?: boolean;
  readonly revision?: string;
  /** false: bases resolved without a digest (pinned by name only). */
  readonly digest?: boolean;
}

function convert(o: ConvertOpts) {
  const r = loadConfig({ name: "pydock.toml", text: o.text }, { buildArgs: new Map() });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  const config = r.config;
  const target = o.target ?? "runtime";
  const plan: BuildPlan = planBuild({ config, target, files: projectFiles(o.files), revision: o.revision, sourceUrl: undefined });
  const bases = new Map<string, ResolvedBase>();
  for (const ref of [plan.venv.base, plan.runtime.base]) {
    if (ref === null) continue;
    const name = llb.normalizeImageRef(ref);
    bases.set(ref, { pinned: o.digest === false ? name : `${name}@${DIGEST}`, config: { Env: BASE_ENV, WorkingDir: "" } });
  }
  const context = llb.local("context", { sessionId: "session-1", sharedKeyHint: "context", customName: "[internal] load build context" });
  const states = planToLLB({
    plan,
    context,
    bases,
    platform: PLATFORM,
    source: { filename: "pydock.toml", data: new TextEncoder().encode(o.text), language: "TOML" },
    locate: (path) => config.targets.get(target === "venv" ? "runtime" : target)?.locate(path) ?? config.locate(path),
    llbCaps: new Set(o.caps ?? CAPS),
    ignoreCache: o.ignoreCache ?? false,
  });
  const marshaled = llb.marshal(states.output, { platform: PLATFORM });
  const ops = llb.decodeDefinition(marshaled.definition);
  return { plan, marshaled, ops, definition: marshaled.definition, states };
}

type Decoded = llb.DecodedOp;
const nameOf = (d: Decoded) => d.metadata?.description["llb.customname"] ?? "";
const named = (ops: readonly Decoded[], name: string | RegExp): Decoded => {
  const d = ops.find((x) => (typeof name === "string" ? nameOf(x) === name : name.test(nameOf(x))));
  if (!d) throw new Error(`no op named ${name}; have:\n${ops.map(nameOf).join("\n")}`);
  return d;
};
const execOf = (d: Decoded): ExecOp => {
  if (d.op.op.case !== "exec") throw new Error(`${nameOf(d)} is a ${d.op.op.case}`);
  return d.op.op.value;
};
const fileOf = (d: Decoded): FileOp => {
  if (d.op.op.case !== "file") throw new Error(`${nameOf(d)} is a ${d.op.op.case}`);
  return d.op.op.value;
};
const sources = (ops: readonly Decoded[]): SourceOp[] => ops.flatMap((d) => (d.op.op.case === "source" ? [d.op.op.value] : []));
const merges = (ops: readonly Decoded[]): (Decoded & { m: MergeOp })[] =>
  ops.flatMap((d) => (d.op.op.case === "merge" ? [{ ...d, m: d.op.op.value }] : []));
const execs = (ops: readonly Decoded[]) => ops.filter((d) => d.op.op.case === "exec");
const byDigest = (ops: readonly Decoded[]) => new Map(ops.map((d) => [d.digest as string, d]));

/** Every op reachable from `d` through inputs, `d` included. */
function ancestry(ops: readonly Decoded[], d: Decoded): Decoded[] {
  const index = byDigest(ops);
  const out: Decoded[] = [];
  const seen = new Set<string>();
  const visit = (x: Decoded) => {
    if (seen.has(x.digest)) return;
    seen.add(x.digest);
    out.push(x);
    for (const i of x.op.inputs) {
      const next = index.get(i.digest);
      if (next) visit(next);
    }
  };
  visit(d);
  return out;
}

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}

const djangoText = exampleToml("poetry-django");
const django = example("poetry-django");
const fastapiText = exampleToml("uv-fastapi");
const fastapi = example("uv-fastapi");
const REV = "0123456789abcdef0123456789abcdef01234567";

describe("planToLLB", () => {
  it("pulls both base images pinned to the resolved digest, for the platform", () => {
    const { ops } = convert({ text: djangoText, files: django, revision: REV });
    const images = ops.filter((d) => d.op.op.case === "source" && (d.op.op.value as SourceOp).identifier.startsWith("docker-image://"));
    expect(images.map((d) => (d.op.op.value as SourceOp).identifier).sort()).toEqual([
      `docker-image://docker.io/library/python:3.11-bookworm@${DIGEST}`,
      `docker-image://docker.io/library/python:3.11-slim-bookworm@${DIGEST}`,
    ]);
    for (const d of images) expect(d.op.platform).toMatchObject({ OS: "linux", Architecture: "amd64" });
    // The build output shows the digest each base was pinned to.
    expect(images.map(nameOf).sort()).toEqual([
      `[runtime] FROM docker.io/library/python:3.11-slim-bookworm@${DIGEST}`,
      `[venv] FROM docker.io/library/python:3.11-bookworm@${DIGEST}`,
    ]);
    // The context is one local source with the session.
    const locals = sources(ops).filter((s) => s.identifier.startsWith("local://"));
    expect(locals.map((s) => s.identifier)).toEqual(["local://context"]);
    expect(locals[0]?.attrs["local.session"]).toBe("session-1");
  });

  it("uses the reference as given when there is no digest (a local-store image)", () => {
    const { ops } = convert({ text: djangoText, files: django, digest: false });
    expect(sources(ops).map((s) => s.identifier)).toContain("docker-image://docker.io/library/python:3.11-slim-bookworm");
  });

  it("names every step [stage i/n] and numbers them by the plan", () => {
    const { ops, plan } = convert({ text: fastapiText, files: fastapi });
    expect(plan.venv.steps).toHaveLength(8);
    for (const [i, s] of plan.venv.steps.entries()) expect(() => named(ops, `[venv ${i + 1}/8] ${s.name}`)).not.toThrow();
    expect(() => named(ops, "[venv 1/8] write the install wrapper (CA bundle secret)")).not.toThrow();
    expect(() => named(ops, "[venv 4/8] copy pyproject.toml")).not.toThrow();
    const n = plan.runtime.steps.length;
    expect(() => named(ops, `[runtime 1/${n}] set up user app, timezone UTC`)).not.toThrow();
  });

  it("install steps mount the manager caches with their sharing, and a tmpfs on /tmp", () => {
    const { ops } = convert({ text: djangoText, files: django, revision: REV });
    const install = execOf(named(ops, "[venv 6/6] poetry export --only main | pip install"));
    const caches = install.mounts.filter((m) => m.mountType === MountType.CACHE);
    expect(caches.map((m) => [m.dest, m.cacheOpt?.ID, m.cacheOpt?.sharing])).toEqual([
      ["/root/.cache/pip", "pydock-pip", CacheSharingOpt.SHARED],
      ["/root/.cache/pypoetry", "pydock-poetry", CacheSharingOpt.LOCKED],
    ]);
    const tmpfs = install.mounts.filter((m) => m.mountType === MountType.TMPFS);
    expect(tmpfs.map((m) => m.dest)).toEqual(["/tmp"]);
    expect(install.meta?.cwd).toBe("/usr/src/pydock");
    expect(install.meta?.args).toEqual([
      RUN_WRAPPER,
      "/bin/sh",
      "-c",
      "poetry export --format requirements.txt --output /tmp/pydock-requirements.txt --only main --no-ansi && " +
        "pip --python /app/venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt",
    ]);
    expect(install.meta?.env).toContain("POETRY_VIRTUALENVS_CREATE=false");
    // The tool venv goes first on the base image's PATH (from the image config); one PATH only.
    expect(install.meta?.env).toContain("PATH=/opt/pydock/poetry/bin:/usr/local/bin:/usr/local/sbin:/usr/bin:/bin");
    expect(install.meta?.env.filter((e) => e.startsWith("PATH="))).toHaveLength(1);
    // The wrapper it runs through is written by the first venv step, executable, and is among its ancestors.
    const wrapperOp = named(ops, "[venv 1/6] write the install wrapper (CA bundle secret)");
    const wrapper = fileOf(wrapperOp);
    const mk = wrapper.actions.find((a) => a.action.case === "mkfile")?.action;
    expect(mk?.case).toBe("mkfile");
    if (mk?.case === "mkfile") {
      expect(mk.value.path).toBe(RUN_WRAPPER);
      expect(mk.value.mode).toBe(0o755);
      expect(new TextDecoder().decode(mk.value.data)).toBe(RUN_WRAPPER_SCRIPT);
    }
    expect(ancestry(ops, named(ops, "[venv 6/6] poetry export --only main | pip install"))).toContain(wrapperOp);
    // Every run step gets its /tmp tmpfs; none has a secret or ssh mount here.
    for (const d of execs(ops)) {
      const e = execOf(d);
      expect(e.mounts.filter((m) => m.mountType === MountType.TMPFS && m.dest === "/tmp"), nameOf(d)).toHaveLength(1);
      expect(e.mounts.some((m) => (m.mountType === MountType.SECRET && m.secretOpt?.ID !== "ca-certificates") || m.mountType === MountType.SSH), nameOf(d)).toBe(false);
    }
  });

  it("apt steps use locked apt caches (examples/psycopg)", () => {
    const { ops } = convert({ text: exampleToml("psycopg"), files: example("psycopg") });
    const apt = execOf(named(ops, /^\[venv 1\/\d+\] apt-get install libpq-dev$/));
    expect(apt.mounts.filter((m) => m.mountType === MountType.CACHE).map((m) => [m.dest, m.cacheOpt?.ID, m.cacheOpt?.sharing])).toEqual([
      ["/var/cache/apt", "pydock-apt-cache-builder", CacheSharingOpt.LOCKED],
      ["/var/lib/apt/lists", "pydock-apt-lists-builder", CacheSharingOpt.LOCKED],
    ]);
    const rt = execOf(named(ops, /^\[runtime 1\/\d+\] apt-get install libpq5$/));
    expect(rt.mounts.filter((m) => m.mountType === MountType.CACHE).map((m) => m.cacheOpt?.ID)).toEqual(["pydock-apt-cache-runtime", "pydock-apt-lists-runtime"]);
  });

  const withSecrets = `${fastapiText}\n[[secrets]]\nid = "pypi-token"\nenv = "UV_INDEX_PRIVATE_PASSWORD"\n\n[[secrets]]\nid = "netrc"\ntarget = "/root/.netrc"\nrequired = false\n`;

  it("secrets as env (SecretEnv) when the daemon has exec.secretenv; files otherwise", () => {
    const { ops, definition } = convert({ text: withSecrets, files: fastapi });
    const install = execOf(named(ops, "[venv 6/8] uv sync --frozen --no-install-project --no-editable --no-default-groups"));
    expect(install.secretenv.map((s) => [s.ID, s.name, s.optional])).toEqual([["pypi-token", "UV_INDEX_PRIVATE_PASSWORD", false]]);
    const secretMounts = install.mounts.filter((m) => m.mountType === MountType.SECRET && m.secretOpt?.ID !== "ca-certificates");
    expect(secretMounts.map((m) => [m.dest, m.secretOpt?.ID, m.secretOpt?.optional])).toEqual([["/root/.netrc", "netrc", true]]);
    // The project install step gets them too; the manager install does not.
    expect(execOf(named(ops, /^\[venv 8\/8\]/)).secretenv).toHaveLength(1);
    expect(execOf(named(ops, /^\[venv 2\/8\] install uv==/)).secretenv).toHaveLength(0);
    // Only ids in the definition, never a value or the env name as a plain env var.
    expect(install.meta?.env.some((e) => e.startsWith("UV_INDEX_PRIVATE_PASSWORD="))).toBe(false);
    expect(named(ops, /^\[venv 6\/8\]/).metadata?.caps["exec.secretenv"]).toBe(true);
    expect(definition.def.length).toBeGreaterThan(0);

    const old = convert({ text: withSecrets, files: fastapi, caps: CAPS.filter((c) => c !== "exec.secretenv") });
    const oldInstall = execOf(named(old.ops, /^\[venv 6\/8\]/));
    expect(oldInstall.secretenv).toEqual([]);
    expect(oldInstall.mounts.filter((m) => m.mountType === MountType.SECRET && m.secretOpt?.ID !== "ca-certificates").map((m) => [m.dest, m.secretOpt?.ID, m.secretOpt?.optional])).toEqual([
      ["/run/secrets/pypi-token", "pypi-token", false],
      ["/root/.netrc", "netrc", true],
    ]);
  });

  // Without exec.secretenv an `env = "VAR"` secret becomes a file at /run/secrets/ID, but nothing exports
  // VAR from it: the install step runs without the credential, and fails (or worse, silently uses another index).
  it("an env secret still reaches its variable on a daemon without exec.secretenv", () => {
    const old = convert({ text: withSecrets, files: fastapi, caps: CAPS.filter((c) => c !== "exec.secretenv") });
    const install = execOf(named(old.ops, /^\[venv 6\/8\]/));
    // The wrapper stays in front; the export goes at the head of the script after -c.
    expect(install.meta?.args).toEqual([
      RUN_WRAPPER,
      "/bin/sh",
      "-c",
      'if [ -f /run/secrets/pypi-token ]; then export UV_INDEX_PRIVATE_PASSWORD="$(cat /run/secrets/pypi-token)"; fi; ' +
        "uv sync --frozen --no-install-project --no-editable --no-default-groups",
    ]);
    // The project install step gets it too.
    const project = execOf(named(old.ops, /^\[venv 8\/8\]/));
    expect(project.meta?.args.slice(0, 3)).toEqual([RUN_WRAPPER, "/bin/sh", "-c"]);
    expect(project.meta?.args[3]).toBe(
      'if [ -f /run/secrets/pypi-token ]; then export UV_INDEX_PRIVATE_PASSWORD="$(cat /run/secrets/pypi-token)"; fi; ' +
        "cd /usr/src/pydock && uv sync --frozen --no-editable --no-default-groups && " +
        "rm -f /app/venv/lib/python*/site-packages/*.dist-info/uv_cache.json && sed -i '/uv_cache\\.json/d' /app/venv/lib/python*/site-packages/*.dist-info/RECORD",
    );
  });

  it("mounts the ssh agent on the install steps when asked", () => {
    const text = fastapiText.replace('manager = "uv"', 'manager = "uv"\nssh = true');
    const { ops } = convert({ text, files: fastapi });
    const install = execOf(named(ops, /^\[venv 6\/8\]/));
    const ssh = install.mounts.filter((m) => m.mountType === MountType.SSH);
    expect(ssh).toHaveLength(1);
    expect(ssh[0]?.SSHOpt?.ID).toBe("default");
    expect(install.meta?.env).toContain(`SSH_AUTH_SOCK=${ssh[0]?.dest}`);
    expect(execOf(named(ops, /^\[venv 3\/8\] python -m venv/)).mounts.some((m) => m.mountType === MountType.SSH)).toBe(false);
  });

  it("points each step at the pydock.toml key it comes from", () => {
    const { ops, definition } = convert({ text: djangoText, files: django, revision: REV });
    expect(definition.Source?.infos).toHaveLength(1);
    const info = definition.Source?.infos[0];
    expect(info?.filename).toBe("pydock.toml");
    expect(info?.language).toBe("TOML");
    expect(new TextDecoder().decode(info?.data)).toBe(djangoText);
    const loc = (name: string | RegExp) => {
      const d = named(ops, name);
      const l = definition.Source?.locations[d.digest]?.locations ?? [];
      expect(l, nameOf(d)).toHaveLength(1);
      expect(l[0]?.sourceIndex).toBe(0);
      return l[0]?.ranges[0];
    };
    expect(loc(/^\[venv 2\/6\] install poetry/)?.start).toMatchObject({ line: lineOf(djangoText, "manager-version ="), character: 0 });
    expect(loc(/^\[venv 3\/6\] python -m venv/)?.start?.line).toBe(lineOf(djangoText, 'venv = "/app/venv"'));
    expect(loc(/^\[venv 6\/6\]/)?.start?.line).toBe(lineOf(djangoText, "[dependencies]"));
    expect(loc(/^\[runtime \d+\/\d+\] copy blog \/app\/blog$/)?.start).toMatchObject({ line: lineOf(djangoText, '"blog",'), character: 4 });
    expect(loc(/^\[git 1\/1\] write \.version/)?.start?.line).toBe(lineOf(djangoText, "version-file ="));
    expect(loc(/^\[runtime 1\/\d+\] set up user app/)?.start?.line).toBe(lineOf(djangoText, "[runtime]"));
    // Manifest copies and the wrapper file have no origin: no location.
    const manifest = named(ops, "[venv 4/6] copy pyproject.toml");
    expect(definition.Source?.locations[manifest.digest]?.locations ?? []).toEqual([]);
    const wrapper = named(ops, /^\[venv 1\/6\] write the install wrapper/);
    expect(definition.Source?.locations[wrapper.digest]?.locations ?? []).toEqual([]);
  });

  it("a [targets.NAME] step points at the target's override", () => {
    const text = `${djangoText}\n[targets.slim]\ndependencies.system-packages = ["libpq-dev"]\n`;
    const { ops, definition } = convert({ text, files: django, target: "slim" });
    const apt = named(ops, /^\[venv 1\/\d+\] apt-get install libpq-dev$/);
    expect(definition.Source?.locations[apt.digest]?.locations[0]?.ranges[0]?.start?.line).toBe(lineOf(text, "dependencies.system-packages"));
  });

  it("layers independent copies with MergeOp when the daemon has mergeop", () => {
    const { ops, plan } = convert({ text: djangoText, files: django, revision: REV });
    const ms = merges(ops);
    // Runtime: setup (run), then venv + 9 copies + version file merged in one MergeOp.
    const runtimeMerge = named(ops, "[runtime] merge 11 layers");
    expect(runtimeMerge.op.op.case).toBe("merge");
    expect(ms).toHaveLength(1);
    const m = ms[0]?.m;
    expect(m?.inputs.map((i) => Number(i.input))).toEqual([...Array(12).keys()]);
    const index = byDigest(ops);
    // First input: the stage so far (the setup run); then one file op per layer, each on scratch.
    const layers = runtimeMerge.op.inputs.map((i) => index.get(i.digest));
    expect(nameOf(layers[0]!)).toMatch(/^\[runtime 1\/\d+\] set up/);
    const n = plan.runtime.steps.length;
    // The example's build command (collectstatic) runs on top of the merge, so it is not one of its inputs.
    expect(plan.runtime.steps.at(-1)?.kind).toBe("run");
    expect(layers.slice(1).map((l) => nameOf(l!))).toEqual(plan.runtime.steps.slice(1, -1).map((s, i) => `[runtime ${i + 2}/${n}] ${s.name}`));
    for (const l of layers.slice(1)) {
      const f = fileOf(l!);
      expect(f.actions).toHaveLength(1);
      expect(f.actions[0]?.input, nameOf(l!)).toBe(-1n); // on scratch
    }
    // The blog copy excludes caches, from the context.
    const blog = fileOf(named(ops, /copy blog \/app\/blog$/)).actions[0];
    expect(blog?.action.case).toBe("copy");
    if (blog?.action.case === "copy") {
      expect(blog.action.value).toMatchObject({ src: "/blog", dest: "/app/blog", dirCopyContents: true, createDestPath: true, followSymlink: true });
      expect(blog.action.value.excludePatterns).toEqual(["**/__pycache__", "**/*.pyc", "**/.mypy_cache", "**/.pytest_cache", "**/node_modules"]);
    }
    // The venv copy reads the venv stage's result.
    const venvCopy = fileOf(named(ops, /copy the venv \/app\/venv$/)).actions[0];
    if (venvCopy?.action.case === "copy") expect(venvCopy.action.value).toMatchObject({ src: "/app/venv", dest: "/app/venv" });
  });

  it("chains the copies as file ops on the stage when mergeop is missing", () => {
    const { ops, plan } = convert({ text: djangoText, files: django, revision: REV, caps: CAPS.filter((c) => c !== "mergeop") });
    expect(merges(ops)).toEqual([]);
    const n = plan.runtime.steps.length;
    const index = byDigest(ops);
    // Each runtime step sits on the previous one.
    for (let i = 2; i <= n; i++) {
      const d = named(ops, new RegExp(`^\\[runtime ${i}/${n}\\] `));
      const prev = named(ops, new RegExp(`^\\[runtime ${i - 1}/${n}\\] `));
      expect(index.get(d.op.inputs[0]?.digest ?? ""), nameOf(d)).toBe(prev);
      if (d.op.op.case === "file") expect(fileOf(d).actions[0]?.input).toBe(0n);
    }
  });

  it("writes the version file in the git stage from scratch and copies it into the runtime", () => {
    const { ops } = convert({ text: djangoText, files: django, revision: REV });
    const git = fileOf(named(ops, `[git 1/1] write .version (${REV.slice(0, 12)})`));
    expect(git.actions.map((a) => a.action.case)).toEqual(["mkdir", "mkfile"]);
    expect(git.actions[0]?.input).toBe(-1n);
    const mk = git.actions[1]?.action;
    if (mk?.case === "mkfile") {
      expect(mk.value.path).toBe("/app/.version");
      expect(new TextDecoder().decode(mk.value.data)).toBe(`${REV}\n`);
      expect(mk.value.mode).toBe(0o644);
    }
    // No git stage, no version file copy, without a revision.
    const none = convert({ text: djangoText, files: django });
    expect(none.ops.some((d) => nameOf(d).startsWith("[git"))).toBe(false);
  });

  it("installs dependencies from the manifests only: source copies come after the install step", () => {
    const { ops } = convert({ text: fastapiText, files: fastapi });
    const install = named(ops, /^\[venv 6\/8\]/);
    const copied = ancestry(ops, install).flatMap((d) =>
      d.op.op.case === "file" ? d.op.op.value.actions.flatMap((a) => (a.action.case === "copy" ? [a.action.value.src] : [])) : [],
    );
    expect(copied.sort()).toEqual(["/pyproject.toml", "/uv.lock"]);
    const project = named(ops, /^\[venv 8\/8\]/);
    expect(ancestry(ops, project)).toContain(install);
  });

  it("build commands run with the venv first on the base image's PATH", () => {
    // examples/poetry-django has [app] build-commands = ["python manage.py collectstatic --noinput"].
    const { ops } = convert({ text: djangoText, files: django, revision: REV });
    const e = execOf(named(ops, /\] python manage\.py collectstatic --noinput$/));
    expect(e.meta?.env).toContain("PATH=/app/venv/bin:/usr/local/bin:/usr/local/sbin:/usr/bin:/bin");
    expect(e.meta?.env).toContain("VIRTUAL_ENV=/app/venv");
    expect(e.meta?.env).toContain("DB_BASE_DIR=/db");
    expect(e.meta?.cwd).toBe("/app");
  });

  it("the venv target returns the venv stage", () => {
    const { ops, marshaled } = convert({ text: djangoText, files: django, target: "venv" });
    const head = byDigest(ops).get(marshaled.digest);
    expect(nameOf(head!)).toBe("[venv 6/6] poetry export --only main | pip install");
    expect(ops.some((d) => nameOf(d).startsWith("[runtime"))).toBe(false);
  });

  it("sets ignoreCache on every step (exec and file ops) when asked, not otherwise", () => {
    const { ops } = convert({ text: djangoText, files: django, revision: REV, ignoreCache: true });
    const terminal = ops.at(-1);
    const steps = ops.filter((d) => d.op.op.case === "exec" || d.op.op.case === "file");
    expect(steps.length).toBeGreaterThan(15);
    for (const d of steps) expect(d.metadata?.ignoreCache, nameOf(d)).toBe(true);
    expect(terminal?.metadata?.caps["meta.ignorecache"]).toBe(true);
    const cached = convert({ text: djangoText, files: django, revision: REV });
    for (const d of cached.ops) expect(d.metadata?.ignoreCache ?? false).toBe(false);
    expect(cached.ops.at(-1)?.metadata?.caps["meta.ignorecache"]).toBeUndefined();
  });

  it("is deterministic: the same inputs give the same bytes and digests", () => {
    for (const [text, files] of [
      [djangoText, django],
      [withSecrets, fastapi],
    ] as const) {
      const a = convert({ text, files, revision: REV });
      const b = convert({ text, files, revision: REV });
      expect(Buffer.from(llb.encodeDefinition(a.definition)).equals(Buffer.from(llb.encodeDefinition(b.definition)))).toBe(true);
      expect(a.marshaled.digest).toBe(b.marshaled.digest);
      expect(a.ops.map((d) => d.digest)).toEqual(b.ops.map((d) => d.digest));
      expect(a.definition.def.map((x) => Buffer.from(x).toString("hex"))).toEqual(b.definition.def.map((x) => Buffer.from(x).toString("hex")));
    }
    // A different revision changes the head, not the venv stage.
    const a = convert({ text: djangoText, files: django, revision: REV });
    const c = convert({ text: djangoText, files: django, revision: "f".repeat(40) });
    expect(c.marshaled.digest).not.toBe(a.marshaled.digest);
    expect(named(c.ops, /^\[venv 6\/6\]/).digest).toBe(named(a.ops, /^\[venv 6\/6\]/).digest);
  });

  it("every op carries a name or is a source/terminal, and the definition ends with the terminal op", () => {
    const { ops, marshaled } = convert({ text: djangoText, files: django, revision: REV });
    const terminal = ops.at(-1) as Decoded;
    expect(terminal.op.op.case).toBeUndefined();
    expect(terminal.op.inputs[0]?.digest).toBe(marshaled.digest);
    for (const d of ops.slice(0, -1)) expect(nameOf(d), JSON.stringify((d.op as Op).op.case)).not.toBe("");
  });
});
