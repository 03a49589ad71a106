/**
 * planToLLB as compile() runs it, op by op: pinned base images, cache/tmpfs/secret/ssh mounts, step names,
 * source locations into pydock.toml, the target's output and ignoreCache. (Layering and determinism:
 * layers.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { CacheSharingOpt, MountType } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { CLASSIC_STORE_CAPS, CURRENT_CAPS, STAND_IN_DIGEST, compileOk } from "../../test/support/compile.js";
import { exampleCase } from "../../test/support/examples.js";
import { ancestry, byDigest, execOf, execs, fileOf, inputsOf, named, nameOf, sources } from "../../test/support/llb-ops.js";
import { lineOf } from "../../test/support/positions.js";
import { stage } from "../../test/support/plan-steps.js";
import { DEFAULT_EPOCH } from "../compile.js";
import { RUN_WRAPPER, RUN_WRAPPER_SCRIPT } from "../plan/wrapper.js";

const django = exampleCase("poetry-django");
const fastapi = exampleCase("uv-fastapi");
const REV = "0123456789abcdef0123456789abcdef01234567";
const DJANGO_INSTALL = "[venv 6/7] poetry export --only main | pip install";
const withSecrets = {
  ...fastapi,
  text: `${fastapi.text}\n[[secrets]]\nid = "pypi-token"\nenv = "UV_INDEX_PRIVATE_PASSWORD"\n\n[[secrets]]\nid = "netrc"\ntarget = "/root/.netrc"\nrequired = false\n`,
};
const NO_SECRET_ENV = CURRENT_CAPS.filter((c) => c !== "exec.secretenv");
const LOAD_TOKEN = 'if [ -f /run/secrets/pypi-token ]; then export UV_INDEX_PRIVATE_PASSWORD="$(cat /run/secrets/pypi-token)"; fi; ';
/** Line of the [[secrets]] entry of "pypi-token" in withSecrets' pydock.toml. */
const TOKEN_LINE = withSecrets.text.split("\n").indexOf("[[secrets]]") + 1;
/** What a step runs first when "pypi-token" is required: a clear failure when the build was not given it. */
const requireToken = (test: string, pass: string) =>
  `if ! ${test}; then echo 'pydock: the build secret "pypi-token" is required ([[secrets]] at pydock.toml:${TOKEN_LINE}): pass it with docker build --secret id=pypi-token,${pass}' >&2; exit 1; fi; `;

describe("base images and the context", () => {
  it("pulls both base images pinned to the resolved digest, for the platform", async () => {
    const { ops } = await compileOk({ ...django, revision: REV });
    const images = ops.filter((d) => d.op.op.case === "source" && d.op.op.value.identifier.startsWith("docker-image://"));
    expect(sources(images).map((s) => s.identifier).sort()).toEqual([
      `docker-image://docker.io/library/python:3.11-bookworm@${STAND_IN_DIGEST}`,
      `docker-image://docker.io/library/python:3.11-slim-bookworm@${STAND_IN_DIGEST}`,
    ]);
    for (const d of images) expect(d.op.platform).toMatchObject({ OS: "linux", Architecture: "amd64" });
    // The build output shows the digest each base was pinned to.
    expect(images.map(nameOf).sort()).toEqual([
      `[runtime] FROM docker.io/library/python:3.11-slim-bookworm@${STAND_IN_DIGEST}`,
      `[venv] FROM docker.io/library/python:3.11-bookworm@${STAND_IN_DIGEST}`,
    ]);
    // The context is one local source with the session.
    const locals = sources(ops).filter((s) => s.identifier.startsWith("local://"));
    expect(locals.map((s) => s.identifier)).toEqual(["local://context"]);
    expect(locals[0]?.attrs["local.session"]).toBe("session-1");
  });

  it("uses the reference as given when there is no digest (a local-store image)", async () => {
    const { ops } = await compileOk({ ...django, digest: false });
    expect(sources(ops).map((s) => s.identifier)).toContain("docker-image://docker.io/library/python:3.11-slim-bookworm");
  });
});

describe("steps", () => {
  it("names every step [stage i/n] and numbers them by the plan", async () => {
    const { ops, plan } = await compileOk(fastapi);
    const venv = stage(plan, "venv").steps;
    // The last finds the runtime libraries the venv needs (runtime-libraries.ts).
    expect(venv).toHaveLength(9);
    for (const [i, s] of venv.entries()) expect(() => named(ops, `[venv ${i + 1}/9] ${s.name}`)).not.toThrow();
    expect(() => named(ops, "[venv 1/9] write the install wrapper (CA bundle secret)")).not.toThrow();
    expect(() => named(ops, "[venv 4/9] copy pyproject.toml")).not.toThrow();
    expect(() => named(ops, "[venv 9/9] find the shared libraries the venv links that the runtime image lacks")).not.toThrow();
    const n = stage(plan, "runtime").steps.length;
    expect(() => named(ops, `[runtime 1/${n}] apt-get install the packages the venv needs, set up user app, timezone UTC`)).not.toThrow();
  });

  it("install steps mount the manager caches with their sharing, and a tmpfs on /tmp", async () => {
    const { ops } = await compileOk({ ...django, revision: REV });
    const install = execOf(named(ops, DJANGO_INSTALL));
    const caches = install.mounts.filter((m) => m.mountType === MountType.CACHE);
    expect(caches.map((m) => [m.dest, m.cacheOpt?.ID, m.cacheOpt?.sharing])).toEqual([
      ["/root/.cache/pip", "pydock-pip", CacheSharingOpt.SHARED],
      ["/root/.cache/pypoetry", "pydock-poetry", CacheSharingOpt.LOCKED],
    ]);
    const tmpfs = install.mounts.filter((m) => m.mountType === MountType.TMPFS);
    expect(tmpfs.map((m) => m.dest)).toEqual(["/tmp"]);
    expect(install.meta?.cwd).toBe("/usr/src/pydock");
    // The venv stage's layers do not ship (the runtime copies the venv with its own times): argv as planned.
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
    const wrapperOp = named(ops, "[venv 1/7] write the install wrapper (CA bundle secret)");
    const mk = fileOf(wrapperOp).actions.find((a) => a.action.case === "mkfile")?.action;
    expect(mk?.case).toBe("mkfile");
    if (mk?.case === "mkfile") {
      expect(mk.value.path).toBe(RUN_WRAPPER);
      expect(mk.value.mode).toBe(0o755);
      expect(new TextDecoder().decode(mk.value.data)).toBe(RUN_WRAPPER_SCRIPT);
    }
    expect(ancestry(ops, named(ops, DJANGO_INSTALL))).toContain(wrapperOp);
    // Every run step gets its /tmp tmpfs; none has a secret (but ca-certificates) or ssh mount here.
    for (const d of execs(ops)) {
      const e = execOf(d);
      expect(e.mounts.filter((m) => m.mountType === MountType.TMPFS && m.dest === "/tmp"), nameOf(d)).toHaveLength(1);
      expect(e.mounts.some((m) => (m.mountType === MountType.SECRET && m.secretOpt?.ID !== "ca-certificates") || m.mountType === MountType.SSH), nameOf(d)).toBe(false);
    }
  });

  it("apt steps use locked apt caches (examples/psycopg)", async () => {
    const { ops } = await compileOk(exampleCase("psycopg"));
    const cachesOf = (name: RegExp) => execOf(named(ops, name)).mounts.filter((m) => m.mountType === MountType.CACHE);
    expect(cachesOf(/^\[venv 1\/\d+\] apt-get install libpq-dev$/).map((m) => [m.dest, m.cacheOpt?.ID, m.cacheOpt?.sharing])).toEqual([
      ["/var/cache/apt", "pydock-apt-cache-builder", CacheSharingOpt.LOCKED],
      ["/var/lib/apt/lists", "pydock-apt-lists-builder", CacheSharingOpt.LOCKED],
    ]);
    expect(cachesOf(/^\[runtime 1\/\d+\] apt-get install the packages the venv needs, /).map((m) => m.cacheOpt?.ID)).toEqual(["pydock-apt-cache-runtime", "pydock-apt-lists-runtime"]);
  });

  it("build commands run with the venv first on the base image's PATH", async () => {
    // examples/poetry-django has [app] build-commands = ["python manage.py collectstatic --noinput"].
    const { ops } = await compileOk({ ...django, revision: REV });
    const e = execOf(named(ops, /\] python manage\.py collectstatic --noinput$/));
    expect(e.meta?.env).toContain("PATH=/app/venv/bin:/usr/local/bin:/usr/local/sbin:/usr/bin:/bin");
    expect(e.meta?.env).toContain("VIRTUAL_ENV=/app/venv");
    expect(e.meta?.env).toContain("DB_BASE_DIR=/db");
    expect(e.meta?.cwd).toBe("/app");
  });
});

describe("the runtime user's directories", () => {
  /** The mkdir actions of the op that creates them: [path, mode, makeParents, owner user, owner group, time]. */
  const mkdirs = (ops: Parameters<typeof named>[0]) =>
    fileOf(named(ops, /directories owned by/)).actions.map((a) => {
      if (a.action.case !== "mkdir") throw new Error(`not a mkdir: ${a.action.case}`);
      const m = a.action.value;
      return [m.path, m.mode, m.makeParents, m.owner?.user?.user, m.owner?.group?.user, m.timestamp];
    });
  const byId = (value: number) => ({ case: "byID", value });
  const EPOCH_NS = BigInt(DEFAULT_EPOCH) * 1_000_000_000n;

  it("one mkdir file op on an empty layer: the workdir and [runtime] directories, 0755, owned by the user (the apply sets the time)", async () => {
    const { ops } = await compileOk({ ...django, revision: REV });
    expect(mkdirs(ops)).toEqual([
      ["/app", 0o755, false, byId(10001), byId(10001), -1n],
      ["/db", 0o755, false, byId(10001), byId(10001), -1n],
    ]);
    const dirs = named(ops, /directories owned by/);
    expect(nameOf(dirs)).toMatch(/^\[runtime \d+\/\d+\] directories owned by app \(10001:10001\): \/app \/db$/);
    expect(fileOf(dirs).actions[0]?.input).toBe(-1n);
    // A layer of its own, laid over the stage with the build's time (layers.test.ts).
    expect(inputsOf(ops, named(ops, /directories owned by .* \(apply\)$/))).toContain(dirs);
  });

  it("nested directories: parents made first and left to root, each listed directory the user's, shallowest first", async () => {
    const nested = { ...django, text: django.text.replace('directories = ["/db"]', 'directories = ["/var/lib/blog/cache", "/var/lib/blog"]') };
    expect(mkdirs((await compileOk(nested)).ops).map(([path, , parents, user]) => [path, parents, user])).toEqual([
      ["/app", false, byId(10001)],
      ["/var/lib", true, undefined],
      ["/var/lib/blog", false, byId(10001)],
      ["/var/lib/blog", true, undefined],
      ["/var/lib/blog/cache", false, byId(10001)],
    ]);
  });

  it("a numeric user owns them as given; root gets none", async () => {
    const as = (user: string) => ({ ...django, text: django.text.replace("[runtime]\n", `[runtime]\nuser = "${user}"\n`) });
    expect(mkdirs((await compileOk(as("1234:5678"))).ops).map(([path, , , user, group]) => [path, user, group])).toEqual([
      ["/app", byId(1234), byId(5678)],
      ["/db", byId(1234), byId(5678)],
    ]);
    expect(mkdirs((await compileOk(as("1234"))).ops).map(([, , , user, group]) => [user, group])).toEqual([
      [byId(1234), byId(1234)],
      [byId(1234), byId(1234)],
    ]);
    expect((await compileOk(as("root"))).ops.some((d) => /directories owned by/.test(nameOf(d)))).toBe(false);
  });

  it("made on an empty layer, then applied on the stage with the build's time (with or without mergeop)", async () => {
    const { ops } = await compileOk({ ...django, caps: CLASSIC_STORE_CAPS });
    const apply = named(ops, /directories owned by .* \(apply\)$/);
    const [action] = fileOf(apply).actions;
    expect(action?.action.case).toBe("copy");
    if (action?.action.case === "copy") expect(action.action.value).toMatchObject({ src: "/", dest: "/", dirCopyContents: true, timestamp: EPOCH_NS });
    const [stageSoFar, layer] = inputsOf(ops, apply);
    expect(stageSoFar && nameOf(stageSoFar)).toMatch(/\] copy articles \/app\/articles \(apply\)$/);
    expect(layer && nameOf(layer)).toBe(nameOf(apply).replace(/ \(apply\)$/, ""));
    // The layer leaves the times to the apply step; the owner is the user's.
    const actions = layer ? fileOf(layer).actions : [];
    expect(actions.map((a) => (a.action.case === "mkdir" ? [a.action.value.path, a.action.value.owner?.user?.user, a.action.value.timestamp] : a.action.case))).toEqual([
      ["/app", byId(10001), -1n],
      ["/db", byId(10001), -1n],
    ]);
  });
});

describe("secrets and ssh", () => {
  it("secrets as env (SecretEnv) when the daemon has exec.secretenv; files otherwise", async () => {
    const { ops, definition } = await compileOk(withSecrets);
    const install = execOf(named(ops, "[venv 6/9] uv sync --frozen --no-install-project --no-editable --no-default-groups"));
    // Mounted as optional: the step itself fails, naming the [[secrets]] entry, when a required one is missing.
    expect(install.secretenv.map((s) => [s.ID, s.name, s.optional])).toEqual([["pypi-token", "UV_INDEX_PRIVATE_PASSWORD", true]]);
    expect(install.meta?.args[3]).toBe(
      `${requireToken('[ -n "${UV_INDEX_PRIVATE_PASSWORD:-}" ]', "env=VARIABLE (or src=FILE)")}uv sync --frozen --no-install-project --no-editable --no-default-groups`,
    );
    const userSecretMounts = (e: typeof install) =>
      e.mounts.filter((m) => m.mountType === MountType.SECRET && m.secretOpt?.ID !== "ca-certificates").map((m) => [m.dest, m.secretOpt?.ID, m.secretOpt?.optional]);
    expect(userSecretMounts(install)).toEqual([["/root/.netrc", "netrc", true]]);
    // The project install step gets them too; the manager install does not.
    expect(execOf(named(ops, /^\[venv 8\/9\]/)).secretenv).toHaveLength(1);
    expect(execOf(named(ops, /^\[venv 2\/9\] install uv==/)).secretenv).toHaveLength(0);
    // Only ids in the definition, never a value or the env name as a plain env var.
    expect(install.meta?.env.some((e) => e.startsWith("UV_INDEX_PRIVATE_PASSWORD="))).toBe(false);
    expect(named(ops, /^\[venv 6\/9\]/).metadata?.caps["exec.secretenv"]).toBe(true);
    expect(definition.def.length).toBeGreaterThan(0);

    const old = await compileOk({ ...withSecrets, caps: NO_SECRET_ENV });
    const oldInstall = execOf(named(old.ops, /^\[venv 6\/9\]/));
    expect(oldInstall.secretenv).toEqual([]);
    expect(userSecretMounts(oldInstall)).toEqual([
      ["/run/secrets/pypi-token", "pypi-token", true],
      ["/root/.netrc", "netrc", true],
    ]);
  });

  it("an env secret still reaches its variable on a daemon without exec.secretenv", async () => {
    const { ops } = await compileOk({ ...withSecrets, caps: NO_SECRET_ENV });
    // The wrapper stays in front; the presence check, then the export, go at the head of the script after -c.
    const check = requireToken("[ -f /run/secrets/pypi-token ]", "env=VARIABLE (or src=FILE)");
    expect(execOf(named(ops, /^\[venv 6\/9\]/)).meta?.args).toEqual([
      RUN_WRAPPER,
      "/bin/sh",
      "-c",
      `${check}${LOAD_TOKEN}uv sync --frozen --no-install-project --no-editable --no-default-groups`,
    ]);
    // The project install step gets it too.
    const project = execOf(named(ops, /^\[venv 8\/9\]/));
    expect(project.meta?.args.slice(0, 3)).toEqual([RUN_WRAPPER, "/bin/sh", "-c"]);
    expect(project.meta?.args[3]).toBe(
      check +
        LOAD_TOKEN +
        "cd /usr/src/pydock && uv sync --frozen --no-editable --no-default-groups && " +
        "rm -f /app/.venv/lib/python*/site-packages/*.dist-info/uv_cache.json && sed -i '/uv_cache\\.json/d' /app/.venv/lib/python*/site-packages/*.dist-info/RECORD",
    );
  });

  it("mounts the ssh agent on the install steps when asked", async () => {
    const { ops } = await compileOk({ ...fastapi, text: fastapi.text.replace('manager = "uv"', 'manager = "uv"\nssh = true') });
    const install = execOf(named(ops, /^\[venv 6\/9\]/));
    const ssh = install.mounts.filter((m) => m.mountType === MountType.SSH);
    expect(ssh).toHaveLength(1);
    expect(ssh[0]?.SSHOpt?.ID).toBe("default");
    expect(install.meta?.env).toContain(`SSH_AUTH_SOCK=${ssh[0]?.dest}`);
    expect(execOf(named(ops, /^\[venv 3\/9\] python -m venv/)).mounts.some((m) => m.mountType === MountType.SSH)).toBe(false);
  });
});

describe("source locations", () => {
  it("points each step at the pydock.toml key it comes from", async () => {
    const { ops, definition } = await compileOk({ ...django, revision: REV });
    const text = django.text;
    expect(definition.Source?.infos).toHaveLength(1);
    const info = definition.Source?.infos[0];
    expect(info?.filename).toBe("pydock.toml");
    expect(info?.language).toBe("TOML");
    expect(new TextDecoder().decode(info?.data)).toBe(text);
    const locationsOf = (name: string | RegExp) => definition.Source?.locations[named(ops, name).digest]?.locations ?? [];
    const loc = (name: string | RegExp) => {
      const l = locationsOf(name);
      expect(l, String(name)).toHaveLength(1);
      expect(l[0]?.sourceIndex).toBe(0);
      return l[0]?.ranges[0];
    };
    expect(loc(/^\[venv 2\/7\] install poetry/)?.start).toMatchObject({ line: lineOf(text, "manager-version ="), character: 0 });
    expect(loc(/^\[venv 3\/7\] python -m venv/)?.start?.line).toBe(lineOf(text, 'venv = "/app/venv"'));
    expect(loc(/^\[venv 6\/7\]/)?.start?.line).toBe(lineOf(text, "[dependencies]"));
    expect(loc(/^\[runtime \d+\/\d+\] copy blog \/app\/blog$/)?.start).toMatchObject({ line: lineOf(text, '"blog",'), character: 4 });
    expect(loc(/^\[git 1\/1\] write \.version/)?.start?.line).toBe(lineOf(text, "version-file ="));
    expect(loc(/^\[runtime 1\/\d+\] apt-get install the packages the venv needs, set up user app/)?.start?.line).toBe(lineOf(text, "[runtime]"));
    expect(loc(/^\[runtime \d+\/\d+\] directories owned by app/)?.start?.line).toBe(lineOf(text, "directories = "));
    // Manifest copies and the wrapper file have no origin: no location.
    expect(locationsOf("[venv 4/7] copy pyproject.toml")).toEqual([]);
    expect(locationsOf(/^\[venv 1\/7\] write the install wrapper/)).toEqual([]);
  });

  it("a [targets.NAME] step points at the target's override", async () => {
    const text = `${django.text}\n[targets.slim]\ndependencies.system-packages = ["libpq-dev"]\n`;
    const { ops, definition } = await compileOk({ text, files: django.files, target: "slim" });
    const apt = named(ops, /^\[venv 1\/\d+\] apt-get install libpq-dev$/);
    expect(definition.Source?.locations[apt.digest]?.locations[0]?.ranges[0]?.start?.line).toBe(lineOf(text, "dependencies.system-packages"));
  });
});

describe("the output", () => {
  it("the venv target returns the venv stage", async () => {
    const { ops, digest } = await compileOk({ ...django, target: "venv" });
    const head = byDigest(ops).get(digest);
    // The venv target does not look for runtime libraries: it builds no runtime image.
    expect(head && nameOf(head)).toBe(DJANGO_INSTALL.replace("6/7", "6/6"));
    expect(ops.some((d) => nameOf(d).startsWith("[runtime"))).toBe(false);
  });

  it("every op carries a name or is a source/terminal, and the definition ends with the terminal op", async () => {
    const { ops, digest } = await compileOk({ ...django, revision: REV });
    const terminal = ops.at(-1);
    expect(terminal?.op.op.case).toBeUndefined();
    expect(terminal?.op.inputs[0]?.digest).toBe(digest);
    for (const d of ops.slice(0, -1)) expect(nameOf(d), JSON.stringify(d.op.op.case)).not.toBe("");
  });
});

describe("ignoreCache", () => {
  it("sets ignoreCache on every step (exec and file ops) when asked, not otherwise", async () => {
    const { ops } = await compileOk({ ...django, revision: REV, ignoreCache: true });
    const steps = ops.filter((d) => d.op.op.case === "exec" || d.op.op.case === "file");
    expect(steps.length).toBeGreaterThan(15);
    for (const d of steps) expect(d.metadata?.ignoreCache, nameOf(d)).toBe(true);
    expect(ops.at(-1)?.metadata?.caps["meta.ignorecache"]).toBe(true);
    const cached = await compileOk({ ...django, revision: REV });
    for (const d of cached.ops) expect(d.metadata?.ignoreCache ?? false).toBe(false);
    expect(cached.ops.at(-1)?.metadata?.caps["meta.ignorecache"]).toBeUndefined();
  });

  it("a stage filter (--no-cache-filter venv) sets it on that stage's steps only", async () => {
    const { ops } = await compileOk({ ...django, revision: REV, ignoreCache: ["venv"] });
    const steps = ops.filter((d) => d.op.op.case === "exec" || d.op.op.case === "file");
    for (const d of steps) expect(d.metadata?.ignoreCache ?? false, nameOf(d)).toBe(nameOf(d).startsWith("[venv "));
  });
});
