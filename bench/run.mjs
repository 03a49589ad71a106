#!/usr/bin/env node
/**
 * `npm run bench`: pydock against the hand-written multi-stage Dockerfile it replaces, on each daemon, plus
 * the frontend's own cost. See bench/README.md for the method.
 *
 *   node bench/run.mjs [--reps N] [--smoke] [--out DIR] [--builders A,B] [--registry HOST] [--skip-frontend-image]
 *
 * --reps N       repetitions of every build measurement, interleaved pydock / hand-written / hand-written
 *                through the containerized Dockerfile frontend (default 3)
 * --smoke        one repetition and few frontend samples: every code path, no meaningful numbers
 * --out DIR      where results.md and results.json go (default bench/)
 * --builders     the buildx builders, comma-separated (default "default,pydock-latest": the Docker Engine's own
 *                BuildKit, with --load, and a standalone buildkitd, without export)
 * --registry     where a builder other than "default" pulls the frontend images from, as the Docker Hub mirror
 *                it is configured with (default 127.0.0.1:5000)
 * --skip-frontend-image   use the pydock/pydock:0.1 image already in the store (and registry) instead of building it
 *
 * Cold builds run `docker buildx prune --all --force` on the builder first: the whole build cache of that
 * builder goes (base images stay in the image store).
 */
import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";
import { bundleFrontend } from "../scripts/bundle.mjs";
import { BASELINES, BUILD_METRICS, MB, render } from "./report.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = join(ROOT, "examples/poetry-django");
const FIXTURE = join(ROOT, "bench/fixtures/poetry-django-plus-one");
const FRONTEND_IMAGE = "pydock/pydock:0.1";
const BASE_RUNTIME = "python:3.11-slim-bookworm";
const TAG = "pydock-bench/blog";
const ECHO_IMAGE = "pydock-bench/echo:0.1";
/** BuildKit's own Dockerfile frontend as an image (scripts/dockerfile-frontend.sh), for the third column. */
const GO_FRONTEND_IMAGE = "pydock-bench/dockerfile-frontend:v0.32.2";
/** The .py file the source-edit rebuild changes. */
const EDITED = "pages/views.py";

const { values: flags } = parseArgs({
  options: {
    reps: { type: "string", default: "3" },
    smoke: { type: "boolean", default: false },
    out: { type: "string", default: join(ROOT, "bench") },
    builders: { type: "string", default: "default,pydock-latest" },
    registry: { type: "string", default: "127.0.0.1:5000" },
    "skip-frontend-image": { type: "boolean", default: false },
  },
});
const SMOKE = flags.smoke;
const REPS = SMOKE ? 1 : Math.max(1, Number(flags.reps));
const OUT = resolve(flags.out);
const BUILDERS = flags.builders.split(",").filter(Boolean);
const REGISTRY = flags.registry;
/** Samples of the frontend measurements (cheap: each is one process). */
const N_START = SMOKE ? 2 : 15;
const N_START_BIG = SMOKE ? 1 : 5;
const N_COMPILE_COLD = SMOKE ? 1 : 9;
const N_COMPILE_WARM = SMOKE ? 3 : 30;

const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Runs a command; resolves with its exit code, combined output and wall time. Never throws. */
function run(cmd, args, opts = {}) {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => done({ code: 127, output: String(e), ms: performance.now() - t0 }));
    child.on("close", (code) => done({ code: code ?? 1, output, ms: performance.now() - t0 }));
  });
}

async function must(cmd, args, opts = {}) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}):\n${r.output.slice(-4000)}`);
  return r;
}

function median(xs) {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------------------------------------------------
// Image builds

const VARIANTS = {
  pydock: { file: "pydock.toml", installStep: /\[venv [^\]]*\] poetry export .*\| pip install/ },
  handwritten: { file: "Dockerfile.handwritten", installStep: /\[venv [^\]]*\] RUN poetry export/ },
  // The same file through BuildKit's Dockerfile frontend as a container, as pydock runs: the fair floor for
  // the cost of a frontend image.
  handwritten_go: { file: "Dockerfile.handwritten", installStep: /\[venv [^\]]*\] RUN poetry export/, args: ["--build-arg", `BUILDKIT_SYNTAX=${GO_FRONTEND_IMAGE}`] },
};
/** The Docker Engine's builder exports into its image store (what a developer runs); others build only. */
const exportArgs = (builder, tag) => (builder === "default" ? ["--load", "-t", tag] : []);

/** A copy of the example in a fresh git work tree (fixed dates: the same commit id every time). */
async function scratchProject() {
  const dir = mkdtempSync(join(tmpdir(), "pydock-bench-"));
  cpSync(EXAMPLE, dir, { recursive: true });
  const env = {
    GIT_AUTHOR_NAME: "bench",
    GIT_AUTHOR_EMAIL: "bench@localhost",
    GIT_COMMITTER_NAME: "bench",
    GIT_COMMITTER_EMAIL: "bench@localhost",
    GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
    GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  };
  await must("git", ["init", "-q", "-b", "main"], { cwd: dir, env });
  await must("git", ["add", "-A"], { cwd: dir, env });
  await must("git", ["commit", "-q", "-m", "bench"], { cwd: dir, env });
  return dir;
}

/** `docker buildx build --load`, timed as a whole command. */
async function timedBuild(builder, variant, dir, tag) {
  const args = ["buildx", "build", "--builder", builder, "--progress=plain", "-f", join(dir, VARIANTS[variant].file), ...(VARIANTS[variant].args ?? []), ...exportArgs(builder, tag), dir];
  const r = await run("docker", args);
  if (r.code !== 0) throw new Error(`${variant} build on ${builder} failed in ${dir}:\n${r.output.slice(-6000)}`);
  return { seconds: r.ms / 1000, installRan: stepRan(r.output, VARIANTS[variant].installStep) };
}

/** Did the step whose progress line matches `re` run (not CACHED)? undefined when no such step. */
function stepRan(output, re) {
  const lines = output.split("\n");
  const head = lines.find((l) => /^#\d+ \[/.test(l) && re.test(l));
  if (!head) return undefined;
  const id = head.split(" ")[0];
  return !lines.some((l) => l === `${id} CACHED`);
}

async function prune(builder) {
  await must("docker", ["buildx", "prune", "--builder", builder, "--all", "--force"]);
}

/** One repetition of every build measurement for one variant, from a pruned cache. */
async function buildSeries(builder, variant, rep) {
  const dir = await scratchProject();
  try {
    const tag = `${TAG}:${variant}`;
    await prune(builder);
    log(`${builder} rep ${rep} ${variant}: cold build`);
    const cold = await timedBuild(builder, variant, dir, tag);
    log(`${builder} rep ${rep} ${variant}: cold ${cold.seconds.toFixed(1)} s; no-op rebuild`);
    const noop = await timedBuild(builder, variant, dir, tag);
    appendFileSync(join(dir, EDITED), `\n# pydock bench: source edit ${rep}\n`);
    const edit = await timedBuild(builder, variant, dir, `${TAG}:${variant}-edit`);
    for (const f of ["pyproject.toml", "poetry.lock"]) copyFileSync(join(FIXTURE, f), join(dir, f));
    const dep = await timedBuild(builder, variant, dir, `${TAG}:${variant}-dep`);
    log(`${builder} rep ${rep} ${variant}: no-op ${noop.seconds.toFixed(2)} s, edit ${edit.seconds.toFixed(2)} s, dep ${dep.seconds.toFixed(1)} s`);
    return { cold, noop, edit, dep };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of `docker save IMAGE` through gzip (level 6, as registries see layers); base layers included. */
function compressedSize(image) {
  return new Promise((done, fail) => {
    const child = spawn("docker", ["save", image], { stdio: ["ignore", "pipe", "pipe"] });
    const gz = createGzip({ level: 6 });
    let bytes = 0;
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    gz.on("data", (d) => (bytes += d.length));
    gz.on("end", () => done(bytes));
    gz.on("error", fail);
    child.stdout.pipe(gz);
    child.on("close", (code) => {
      if (code !== 0) fail(new Error(`docker save ${image} failed: ${err}`));
    });
  });
}

async function imageInfo(image) {
  const r = await must("docker", ["image", "inspect", image]);
  const info = JSON.parse(r.output)[0];
  return { size: info.Size, layers: info.RootFS.Layers.length, compressed: await compressedSize(image) };
}

/** The built images work: the app's packages import; the dependency change brought in the added package. */
async function checkImages() {
  for (const v of ["pydock", "handwritten"]) {
    await must("docker", ["run", "--rm", "--entrypoint", "python", `${TAG}:${v}`, "-c", "import django, gunicorn"]);
    await must("docker", ["run", "--rm", "--entrypoint", "python", `${TAG}:${v}-dep`, "-c", "import django, gunicorn, whitenoise"]);
    const version = await must("docker", ["run", "--rm", "--entrypoint", "cat", `${TAG}:${v}`, "/app/.version"]);
    if (!/^[0-9a-f]{40}\s*$/.test(version.output)) throw new Error(`${v}: /app/.version is ${JSON.stringify(version.output)}`);
  }
}

/**
 * The floor of any frontend image on this daemon: no-op builds through a minimal Node gateway frontend (the
 * protocol tests' echo frontend: one Solve, one ReadFile, an empty result) in an image built FROM the pydock
 * frontend image, so the same Node and the same container start. Seconds, one median.
 */
async function gatewayFloor(work, n) {
  const dir = join(work, "echo");
  mkdirSync(dir, { recursive: true });
  await bundleFrontend({ entry: join(ROOT, "test/protocol/fixtures/echo-frontend.ts"), outfile: join(dir, "frontend.cjs") });
  // Node loads the bundle itself: pydock's image starts from a snapshot of pydock's bundle.
  writeFileSync(join(dir, "Dockerfile"), `FROM ${FRONTEND_IMAGE}\nCOPY frontend.cjs /echo/frontend.cjs\nENTRYPOINT ["/usr/local/bin/node", "/echo/frontend.cjs"]\n`);
  await must("docker", ["build", "-q", "-t", ECHO_IMAGE, dir]);
  writeFileSync(join(dir, "echo.toml"), `# syntax=${ECHO_IMAGE}\nname = "pydock-bench"\n`);
  const args = ["buildx", "build", "--builder", "default", "--progress=plain", "-f", join(dir, "echo.toml"), "--load", "-t", `${TAG}:echo`, dir];
  await must("docker", args); // warm-up, not counted
  const times = [];
  for (let i = 0; i < n; i++) times.push((await must("docker", args)).ms / 1000);
  return median(times);
}

// ---------------------------------------------------------------------------------------------------------
// The frontend's own cost (bench/frontend.ts, bundled like test/protocol does)

async function bundleBenchEntry(dir) {
  const outfile = join(dir, "pydock-bench.cjs");
  await bundleFrontend({ entry: join(ROOT, "bench/frontend.ts"), outfile });
  return outfile;
}

async function benchJson(entry, args) {
  const r = await must(process.execPath, [entry, ...args], { env: { PYDOCK_ROOT: ROOT } });
  return JSON.parse(r.output.trim().split("\n").at(-1));
}

async function frontendCost(entry) {
  const bundle = join(ROOT, "dist/frontend.cjs");
  const out = {};
  log(`frontend start → Return (${N_START} runs, example)`);
  const start = await benchJson(entry, ["start", "example", String(N_START), bundle]);
  out.start = {
    returnMs: median(start.samples.map((s) => s.returnMs)),
    pingMs: median(start.samples.map((s) => s.pingMs)),
    exitMs: median(start.samples.map((s) => s.exitMs)),
    samples: start.samples.map((s) => Math.round(s.returnMs)),
    timeline: start.samples[0]?.timeline ?? [],
  };
  const big = await benchJson(entry, ["start", "poetry-2000", String(N_START_BIG), bundle]);
  out.startPoetry2000 = { returnMs: median(big.samples.map((s) => s.returnMs)), lockBytes: big.lockBytes };
  const baseline = [];
  for (let i = 0; i < N_START; i++) baseline.push((await must(process.execPath, ["-e", "0"])).ms);
  out.nodeBaselineMs = median(baseline);

  out.compile = {};
  for (const name of ["example", "poetry-2000", "uv-2000"]) {
    log(`config → LLB: ${name}`);
    const cold = [];
    let lockBytes = 0;
    for (let i = 0; i < N_COMPILE_COLD; i++) {
      const r = await benchJson(entry, ["compile", name]);
      cold.push(r.ms);
      lockBytes = r.lockBytes;
    }
    const warm = await benchJson(entry, ["compile-warm", name, String(N_COMPILE_WARM)]);
    out.compile[name] = { coldMs: median(cold), warmMs: warm.medianMs, lockBytes };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

/** Pushes a local image to the registry a standalone buildkitd uses as its Docker Hub mirror. */
async function publish(image) {
  if ((await run("curl", ["-fsS", `http://${REGISTRY}/v2/`])).code !== 0) {
    throw new Error(`no registry answers at ${REGISTRY}: a builder other than "default" pulls its frontend images from there (--registry)`);
  }
  await must("docker", ["tag", image, `${REGISTRY}/${image}`]);
  await must("docker", ["push", "-q", `${REGISTRY}/${image}`]);
}

/** The medians of one daemon's series, each with its ratio to the baseline the target names. */
function daemonMetrics(samples, images, base) {
  const metrics = {};
  const put = (key, values, raw) => {
    const def = BUILD_METRICS.find((d) => d.key === key);
    const baseline = values[def.baseline];
    const ratio = values.pydock !== null && baseline ? values.pydock / baseline : null;
    metrics[key] = { ...values, baseline: def.baseline, ratio, target: def.target, met: def.target === null || ratio === null ? null : ratio <= def.target, ...(raw ? { samples: raw } : {}) };
  };
  for (const [key, step] of [
    ["cold_build_s", "cold"],
    ["noop_rebuild_s", "noop"],
    ["source_edit_rebuild_s", "edit"],
    ["dependency_change_rebuild_s", "dep"],
  ]) {
    const raw = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, samples[v].map((x) => x[step].seconds)]));
    put(key, Object.fromEntries(Object.entries(raw).map(([v, xs]) => [v, median(xs)])), raw);
  }
  if (images) {
    put("image_size_mb", { pydock: images.pydock.size / MB, handwritten: images.handwritten.size / MB });
    put("image_compressed_mb", { pydock: images.pydock.compressed / MB, handwritten: images.handwritten.compressed / MB });
    put("image_above_base_mb", { pydock: (images.pydock.size - base) / MB, handwritten: (images.handwritten.size - base) / MB });
    put("layers", { pydock: images.pydock.layers, handwritten: images.handwritten.layers });
  }
  const installRan = {};
  for (const v of Object.keys(VARIANTS)) {
    const yesNo = (step) => {
      const xs = samples[v].map((x) => x[step].installRan);
      return xs.every((x) => x === true) ? "yes" : xs.every((x) => x === false) ? "no" : xs.join("/");
    };
    installRan[v] = { edit: yesNo("edit"), dep: yesNo("dep") };
  }
  return { metrics, installRan };
}

async function main() {
  const t0 = performance.now();
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "pydock-bench-work-"));
  try {
    const dockerVersion = (await must("docker", ["version", "--format", "{{.Server.Version}}"])).output.trim();
    const commit = (await run("git", ["rev-parse", "--short", "HEAD"])).output.trim() || "unknown";
    const dirty = (await run("git", ["status", "--porcelain", "--", "src", "examples/poetry-django", "frontend.Dockerfile", "bench"])).output.trim() !== "";
    const builderVersions = {};
    for (const b of BUILDERS) {
      const r = await must("docker", ["buildx", "inspect", "--bootstrap", b]);
      builderVersions[b] = b === "default" ? `Docker Engine ${dockerVersion}` : `BuildKit ${/BuildKit version:\s*(\S+)/.exec(r.output)?.[1] ?? "?"}`;
    }

    log("bundling the frontend (npm run build)");
    await must(process.execPath, [join(ROOT, "scripts/bundle.mjs")]);
    if (!flags["skip-frontend-image"]) {
      log(`building the frontend image ${FRONTEND_IMAGE}`);
      await must("docker", ["build", "-q", "-f", "frontend.Dockerfile", "-t", FRONTEND_IMAGE, "."]);
    }
    log(`building BuildKit's Dockerfile frontend image ${GO_FRONTEND_IMAGE} from its Go module`);
    await must("bash", [join(ROOT, "scripts/dockerfile-frontend.sh"), GO_FRONTEND_IMAGE]);
    if (BUILDERS.some((b) => b !== "default")) {
      if (!flags["skip-frontend-image"]) await publish(FRONTEND_IMAGE);
      await publish(GO_FRONTEND_IMAGE);
    }

    const entry = await bundleBenchEntry(work);
    const fc = await frontendCost(entry);
    log("frontend image size");
    const fi = await imageInfo(FRONTEND_IMAGE);

    const daemons = {};
    for (const builder of BUILDERS) {
      const samples = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, []]));
      for (let rep = 1; rep <= REPS; rep++) {
        for (const variant of Object.keys(VARIANTS)) samples[variant].push(await buildSeries(builder, variant, rep));
      }
      let images;
      let base;
      if (builder === "default") {
        log("checking the images, measuring sizes");
        await checkImages();
        images = { pydock: await imageInfo(`${TAG}:pydock`), handwritten: await imageInfo(`${TAG}:handwritten`) };
        // The base's size, for "above the base": pulled by name (the daemon's build cache need not keep it as an image).
        await must("docker", ["pull", "-q", BASE_RUNTIME]);
        base = JSON.parse((await must("docker", ["image", "inspect", BASE_RUNTIME])).output)[0].Size;
      }
      daemons[builder] = { daemon: builderVersions[builder], ...daemonMetrics(samples, images, base) };
    }
    log("no-op builds through a minimal frontend (the floor)");
    const floor = await gatewayFloor(work, SMOKE ? 1 : 5);

    const frontend = {
      start_to_return_ms: fc.start.returnMs,
      start_to_ping_ms: fc.start.pingMs,
      start_to_exit_ms: fc.start.exitMs,
      node_baseline_ms: fc.nodeBaselineMs,
      start_to_return_poetry_2000_ms: fc.startPoetry2000.returnMs,
      compile_example_ms: fc.compile["example"].coldMs,
      compile_example_warm_ms: fc.compile["example"].warmMs,
      compile_poetry_2000_ms: fc.compile["poetry-2000"].coldMs,
      compile_poetry_2000_warm_ms: fc.compile["poetry-2000"].warmMs,
      compile_uv_2000_ms: fc.compile["uv-2000"].coldMs,
      compile_uv_2000_warm_ms: fc.compile["uv-2000"].warmMs,
      image_size_mb: fi.size / MB,
      image_compressed_mb: fi.compressed / MB,
      noop_floor_s: floor,
      lock_bytes: { poetry_2000: fc.compile["poetry-2000"].lockBytes, uv_2000: fc.compile["uv-2000"].lockBytes },
      samples: { start_to_return_ms: fc.start.samples, timeline: fc.start.timeline },
    };

    const targets = [
      ...Object.entries(daemons).flatMap(([builder, d]) =>
        BUILD_METRICS.filter((def) => def.target !== null && d.metrics[def.key]).map((def) => ({
          name: `${builder}: ${def.label} ≤ ${def.target.toFixed(1)}× ${BASELINES[def.baseline]}`,
          met: d.metrics[def.key].met === true,
        })),
      ),
      { name: "frontend start → Return ≤ 300 ms", met: frontend.start_to_return_ms <= 300 },
      { name: "config → LLB ≤ 50 ms, 2,000-package poetry.lock", met: frontend.compile_poetry_2000_ms <= 50 },
      { name: "config → LLB ≤ 50 ms, 2,000-package uv.lock", met: frontend.compile_uv_2000_ms <= 50 },
      { name: "frontend image ≤ 60 MB compressed", met: frontend.image_compressed_mb <= 60 },
    ];

    const results = {
      meta: {
        date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        reps: REPS,
        smoke: SMOKE,
        builders: BUILDERS,
        frontendImage: FRONTEND_IMAGE,
        goFrontendImage: GO_FRONTEND_IMAGE,
        docker: dockerVersion,
        node: process.versions.node,
        cpus: availableParallelism(),
        commit: commit + (dirty ? "+changes" : ""),
        durationS: 0,
      },
      daemons,
      frontend,
      targets,
    };
    results.meta.durationS = Math.round((performance.now() - t0) / 1000);
    const md = render(results);
    writeFileSync(join(OUT, "results.json"), JSON.stringify(results, null, 2) + "\n");
    writeFileSync(join(OUT, "results.md"), md);
    process.stdout.write(md);
    log(`done in ${results.meta.durationS} s: ${join(OUT, "results.md")}, ${join(OUT, "results.json")}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
