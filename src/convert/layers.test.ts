/**
 * How planToLLB lays out the stages, as compile() runs it: every step a layer on the one before (MergeOp is
 * never used), the git stage, what the install step is built from, the build's time on every
 * layer that ships, and byte-for-byte determinism.
 */
import { describe, expect, it } from "vitest";
import { CLASSIC_STORE_CAPS, compileOk } from "../../test/support/compile.js";
import { exampleCase } from "../../test/support/examples.js";
import { ancestry, execOf, execs, fileOf, inputsOf, merges, named, nameOf, stepArgs } from "../../test/support/llb-ops.js";
import { stage } from "../../test/support/plan-steps.js";
import { DEFAULT_EPOCH } from "../compile.js";
import { encodeDefinition } from "../llb/index.js";
import { withEpochTimes } from "./convert.js";

const django = exampleCase("poetry-django");
const fastapi = exampleCase("uv-fastapi");
const REV = "0123456789abcdef0123456789abcdef01234567";

/** The single action of a file op that copies, and the input it copies onto (-1n: scratch). */
function onlyCopy(d: Parameters<typeof fileOf>[0]) {
  const actions = fileOf(d).actions;
  expect(actions, nameOf(d)).toHaveLength(1);
  const [a] = actions;
  if (a?.action.case !== "copy") throw new Error(`${nameOf(d)}: not a copy`);
  return { copy: a.action.value, input: a.input };
}

describe("independent layers", () => {
  it("stacks the same layers whether or not the daemon has mergeop (bench/README.md: merging cost more)", async () => {
    const current = await compileOk({ ...django, revision: REV });
    const classic = await compileOk({ ...django, revision: REV, caps: CLASSIC_STORE_CAPS });
    expect(merges(current.ops)).toEqual([]);
    expect(encodeDefinition(current.definition)).toEqual(encodeDefinition(classic.definition));
    const { ops } = current;
    // The blog copy excludes caches, from the context, onto an empty layer (then applied on the stage).
    const blog = named(ops, /copy blog \/app\/blog$/);
    expect(onlyCopy(blog).input).toBe(-1n);
    expect(onlyCopy(blog).copy).toMatchObject({
      src: "/blog",
      dest: "/app/blog",
      dirCopyContents: true,
      createDestPath: true,
      followSymlink: true,
      excludePatterns: ["**/__pycache__", "**/*.pyc", "**/.mypy_cache", "**/.pytest_cache", "**/node_modules"],
    });
    // The venv copy reads the venv stage's result.
    expect(onlyCopy(named(ops, /copy the venv \/app\/venv$/)).copy).toMatchObject({ src: "/app/venv", dest: "/app/venv" });
  });

  it("chains the copies as file ops on the stage, each on the one before", async () => {
    const { ops, plan } = await compileOk({ ...django, revision: REV });
    const n = stage(plan, "runtime").steps.length;
    // Step i's op on the stage: an independent copy is built on scratch, then applied (with times) on the stage.
    const onStage = (i: number) => {
      const prefix = `[runtime ${i}/${n}] `;
      return ops.find((d) => nameOf(d).startsWith(prefix) && nameOf(d).endsWith(" (apply)")) ?? named(ops, new RegExp(`^\\[runtime ${i}/${n}\\] `));
    };
    // Each runtime step sits on the previous one.
    for (let i = 2; i <= n; i++) {
      const d = onStage(i);
      expect(inputsOf(ops, d)[0], nameOf(d)).toBe(onStage(i - 1));
      if (d.op.op.case === "file") expect(fileOf(d).actions[0]?.input, nameOf(d)).toBe(0n);
    }
    // The user's directories too: made on scratch, then laid over the stage with the epoch's times.
    expect(nameOf(onStage(n - 1))).toBe(`[runtime ${n - 1}/${n}] directories owned by app (10001:10001): /app /db (apply)`);
  });

  it("writes the version file in the git stage from scratch and copies it into the runtime", async () => {
    const { ops } = await compileOk({ ...django, revision: REV });
    const git = fileOf(named(ops, `[git 1/1] write .version (${REV.slice(0, 12)})`));
    expect(git.actions.map((a) => a.action.case)).toEqual(["mkdir", "mkfile"]);
    expect(git.actions[0]?.input).toBe(-1n);
    const mk = git.actions[1]?.action;
    expect(mk?.case).toBe("mkfile");
    if (mk?.case === "mkfile") {
      expect(mk.value.path).toBe("/app/.version");
      expect(new TextDecoder().decode(mk.value.data)).toBe(`${REV}\n`);
      expect(mk.value.mode).toBe(0o644);
    }
    expect(onlyCopy(named(ops, /^\[runtime \d+\/\d+\] copy \.version$/)).copy).toMatchObject({ src: "/app/.version", dest: "/app/.version" });
    // No git stage, no version file copy, without a revision.
    const none = await compileOk(django);
    expect(none.ops.some((d) => nameOf(d).startsWith("[git") || nameOf(d).includes("copy .version"))).toBe(false);
  });

  it("installs dependencies from the manifests only: source copies come after the install step", async () => {
    const { ops } = await compileOk(fastapi);
    const install = named(ops, /^\[venv 6\/9\]/);
    const copied = ancestry(ops, install).flatMap((d) =>
      d.op.op.case === "file" ? d.op.op.value.actions.flatMap((a) => (a.action.case === "copy" ? [a.action.value.src] : [])) : [],
    );
    expect(copied.sort()).toEqual(["/pyproject.toml", "/uv.lock"]);
    expect(ancestry(ops, named(ops, /^\[venv 8\/9\]/))).toContain(install);
  });
});

describe("the build's time", () => {
  const EPOCH = "1700000000";

  it("run steps whose layers ship set their files' times to SOURCE_DATE_EPOCH; the venv stage's need not", async () => {
    const { ops } = await compileOk({ ...django, revision: REV, buildArgs: { SOURCE_DATE_EPOCH: EPOCH } });
    for (const d of execs(ops)) expect(execOf(d).meta?.env, nameOf(d)).toContain(`SOURCE_DATE_EPOCH=${EPOCH}`);
    const collectstatic = execOf(named(ops, /\] python manage\.py collectstatic --noinput$/));
    expect(collectstatic.meta?.args).toEqual(withEpochTimes(["/bin/sh", "-c", "python manage.py collectstatic --noinput"], 1700000000, []));
    expect(stepArgs(collectstatic)).toEqual(["/bin/sh", "-c", "python manage.py collectstatic --noinput"]);
    // The runtime image takes the venv through a copy that sets the times itself.
    const install = execOf(named(ops, /^\[venv 6\/7\]/));
    expect(stepArgs(install)).toEqual(install.meta?.args);
    expect(install.meta?.args.includes("pydock-step")).toBe(false);
  });

  it("the venv target ships the venv stage's layers: its steps set the times, caches left out", async () => {
    const { ops } = await compileOk({ ...django, target: "venv" });
    const install = execOf(named(ops, /^\[venv 6\/6\]/));
    expect(install.meta?.args.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
    expect(stepArgs(install).slice(0, 3)).toEqual(["/opt/pydock/bin/pydock-run", "/bin/sh", "-c"]);
    const script = install.meta?.args[2] ?? "";
    // No SOURCE_DATE_EPOCH: the default build time.
    expect(script).toContain(`-exec touch -h -d @${DEFAULT_EPOCH} {} +`);
    expect(script).toContain("-path /root/.cache/pypoetry -o -path /root/.cache/pip \\) -prune");
  });

  it("withEpochTimes keeps the command's exit status and prunes mounted filesystems", () => {
    const [sh, c, script, marker, ...rest] = withEpochTimes(["true"], 5, ["/root/.cache/uv"]);
    expect([sh, c, marker, rest]).toEqual(["/bin/sh", "-c", "pydock-step", ["true"]]);
    expect(script).toMatch(/^touch \/tmp\/\.pydock-start && sleep 0\.02 && "\$@"; rc=\$\?; /);
    expect(script).toContain("\\( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run/secrets -o -path /run/buildkit -o -path /root/.cache/uv \\) -prune");
    expect(script).toContain("touch -h -d @5 /etc");
    // On overlayfs, directories the command left alone (an old ctime) are not entered; the root always is.
    expect(script).toContain(`if [ "$(stat -f -c %T / 2>/dev/null)" = overlayfs ]; then unchanged="-type d ! -cnewer /tmp/.pydock-start ! -path / -prune -o"; fi;`);
    expect(script).toContain("-prune -o $unchanged -cnewer /tmp/.pydock-start -exec touch -h -d @5 {} +");
    expect(script).toMatch(/exit \$rc$/);
  });
});

describe("determinism", () => {
  it("is deterministic: the same inputs give the same bytes and digests", async () => {
    const withSecrets = { ...fastapi, text: `${fastapi.text}\n[[secrets]]\nid = "pypi-token"\nenv = "UV_INDEX_PRIVATE_PASSWORD"\n\n[[secrets]]\nid = "netrc"\ntarget = "/root/.netrc"\nrequired = false\n` };
    for (const c of [django, withSecrets]) {
      const a = await compileOk({ ...c, revision: REV });
      const b = await compileOk({ ...c, revision: REV });
      expect(Buffer.from(encodeDefinition(a.definition)).equals(Buffer.from(encodeDefinition(b.definition)))).toBe(true);
      expect(a.digest).toBe(b.digest);
      expect(a.ops.map((d) => d.digest)).toEqual(b.ops.map((d) => d.digest));
      expect(a.definition.def.map((x) => Buffer.from(x).toString("hex"))).toEqual(b.definition.def.map((x) => Buffer.from(x).toString("hex")));
      expect(JSON.stringify(a.imageConfig)).toBe(JSON.stringify(b.imageConfig));
    }
    // A different revision changes the head, not the venv stage.
    const a = await compileOk({ ...django, revision: REV });
    const c = await compileOk({ ...django, revision: "f".repeat(40) });
    expect(c.digest).not.toBe(a.digest);
    expect(named(c.ops, /^\[venv 6\/7\]/).digest).toBe(named(a.ops, /^\[venv 6\/7\]/).digest);
  });
});
