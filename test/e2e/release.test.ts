/**
 * Shipping, as users meet it: the frontend image published by scripts/release.sh (global-setup.ts runs it
 * against the sandbox registry, which stands in for Docker Hub) is one index for linux/amd64 and
 * linux/arm64 under :MAJOR, :MAJOR.MINOR and the full version, with provenance, and its arm64 variant runs;
 * applications built through it, pinned by version as `# syntax=` would name it, come out for both
 * platforms on buildkitd and for arm64 alone on the Docker Engine, and their arm64 variants serve HTTP
 * (under qemu emulation). Emulated, a build is several times slower: one pip and one uv example, and the
 * C extension compiled from source (about 90 s for arm64 on two cores).
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { build, builders, MIRROR, must, run, scratchCopy, startContainer, waitHttp } from "./harness.js";

const [MAJOR, MINOR] = pkg.version.split(".");
const REPOSITORY = `${MIRROR}/pydock/pydock`;
const PINNED = `${REPOSITORY}:${pkg.version}`;
const ARM64 = "linux/arm64";

interface Descriptor {
  readonly digest: string;
  readonly platform?: { readonly os: string; readonly architecture: string };
  readonly annotations?: Readonly<Record<string, string>>;
}
interface Index {
  readonly manifests: readonly Descriptor[];
}

async function rawIndex(ref: string): Promise<Index> {
  return JSON.parse(await must("docker", ["buildx", "imagetools", "inspect", "--raw", ref])) as Index;
}

/** The image manifests of an index by os/architecture, attestation manifests left out. */
function images(index: Index): Map<string, string> {
  const byPlatform = new Map<string, string>();
  for (const m of index.manifests) {
    if (m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") continue;
    byPlatform.set(`${m.platform?.os}/${m.platform?.architecture}`, m.digest);
  }
  return byPlatform;
}

/** Runs `args` in the image under `platform` (emulated for arm64); the image's entrypoint is kept. */
const runIn = (platform: string, ref: string, args: readonly string[], entrypoint?: string) =>
  run("docker", ["run", "--rm", "--quiet", "--platform", platform, ...(entrypoint ? ["--entrypoint", entrypoint] : []), ref, ...args]);

it("has qemu emulation for arm64 (registered as binfmt_misc qemu-aarch64; .ci/run sets it up)", () => {
  expect(existsSync("/proc/sys/fs/binfmt_misc/qemu-aarch64")).toBe(true);
});

describe("the published frontend image", () => {
  it("is one index for linux/amd64 and linux/arm64 under :MAJOR, :MAJOR.MINOR and the full version, with provenance", async () => {
    const index = await rawIndex(PINNED);
    expect([...images(index).keys()].sort()).toEqual(["linux/amd64", "linux/arm64"]);
    const attestations = index.manifests.filter((m) => m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest");
    expect(attestations.map((a) => a.annotations?.["vnd.docker.reference.digest"]).sort()).toEqual([...images(index).values()].sort());
    const digest = (ref: string) => must("docker", ["buildx", "imagetools", "inspect", ref, "--format", "{{json .Manifest.Digest}}"]);
    const pinned = await digest(PINNED);
    expect(await digest(`${REPOSITORY}:${MAJOR}`)).toBe(pinned);
    expect(await digest(`${REPOSITORY}:${MAJOR}.${MINOR}`)).toBe(pinned);
    // One SLSA provenance per platform, naming the Dockerfile it was built from.
    type Provenance = { SLSA: { buildDefinition: { externalParameters: { configSource: { path: string } } } } };
    const provenance = JSON.parse(await must("docker", ["buildx", "imagetools", "inspect", PINNED, "--format", "{{json .Provenance}}"])) as Record<string, Provenance>;
    expect(Object.keys(provenance).sort()).toEqual(["linux/amd64", "linux/arm64"]);
    for (const p of Object.values(provenance)) expect(p.SLSA.buildDefinition.externalParameters.configSource.path).toBe("frontend.Dockerfile");
  });

  it("runs on arm64: the arm64 variant's Node prints the version", async () => {
    const arm64 = images(await rawIndex(PINNED)).get(ARM64);
    const ref = `${REPOSITORY}@${arm64}`;
    const r = await runIn(ARM64, ref, ["--version"]);
    expect(r).toEqual({ code: 0, output: `pydock ${pkg.version}\n` });
    const config = JSON.parse(await must("docker", ["image", "inspect", ref]))[0];
    expect(config.Architecture).toBe("arm64");
  });
});

/**
 * One small example: every step of an emulated arm64 build runs under qemu (compiling psycopg2 there took 160 s
 * of the suite), so the arm64 path is checked on the smallest project that exercises it end to end; the
 * other examples are amd64 builds of the same code paths.
 */
const APPS = [{ example: "pip-flask", check: "/health", body: /./ }];

const BUILDERS = await builders();

for (const builder of BUILDERS.filter((b) => b !== "default")) {
  describe(`multi-platform application images on ${builder}`, () => {
    it.each(APPS)("$example: one index for amd64 and arm64, and the arm64 variant serves HTTP", async ({ example, check, body }) => {
      const project = scratchCopy(example);
      const target = `${MIRROR}/pydock-e2e/multi-${example}:${Date.now()}`;
      try {
        const r = await build({
          builder,
          context: project.dir,
          buildArgs: { BUILDKIT_SYNTAX: PINNED },
          extra: ["--platform", "linux/amd64,linux/arm64", "--output", `type=image,name=${target},push=true`],
        });
        expect(r.code, r.output.slice(-4000)).toBe(0);
        const variants = images(await rawIndex(target));
        expect([...variants.keys()].sort()).toEqual(["linux/amd64", "linux/arm64"]);
        const arm64 = `${target.replace(/:[^:/]+$/, "")}@${variants.get(ARM64)}`;
        // Each variant's bases were resolved for its platform: its interpreter is an arm64 program.
        const machine = await runIn(ARM64, arm64, ["-c", "import platform; print(platform.machine())"], "/app/.venv/bin/python");
        expect(machine).toEqual({ code: 0, output: "aarch64\n" });
        expect(JSON.parse(await must("docker", ["image", "inspect", arm64]))[0].Architecture).toBe("arm64");
        const c = await startContainer(arm64, 8000, ARM64);
        try {
          const answer = await waitHttp(`${c.url}${check}`, 120_000);
          expect(answer.status).toBe(200);
          expect(answer.body).toMatch(body);
        } finally {
          await c.stop();
        }
      } finally {
        project.dispose();
      }
    });
  });
}

if (BUILDERS.includes("default")) {
  describe("an arm64 application image on the Docker Engine", () => {
    const builder = "default";
    it("pip-flask: --platform linux/arm64 --load builds an arm64 image that serves HTTP", async () => {
      const project = scratchCopy("pip-flask");
      const tag = `pydock-e2e/arm64-pip-flask:${builder}`;
      try {
        const r = await build({ builder, context: project.dir, tag, buildArgs: { BUILDKIT_SYNTAX: PINNED }, extra: ["--platform", ARM64] });
        expect(r.code, r.output.slice(-4000)).toBe(0);
        expect(JSON.parse(await must("docker", ["image", "inspect", tag]))[0].Architecture).toBe("arm64");
        const c = await startContainer(tag, 8000, ARM64);
        try {
          expect((await waitHttp(`${c.url}/health`, 120_000)).status).toBe(200);
        } finally {
          await c.stop();
        }
      } finally {
        project.dispose();
        await run("docker", ["image", "rm", "-f", tag]);
      }
    });
  });
}
