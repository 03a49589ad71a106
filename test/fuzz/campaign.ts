/**
 * The fuzz campaign (`npm run fuzz`): the properties of property.ts over many generated inputs, on every
 * core, counting what it finds instead of stopping at the first finding. Bundled and started by
 * scripts/fuzz.mjs; one file is both the coordinator and its workers.
 *
 * Each worker runs chunks of cases (a seed and a number of runs) and reports every case before and after
 * running it, so a case that never finishes is caught by the coordinator's watchdog, saved, and its worker
 * replaced. A case a busy worker found slow is timed again at the end, alone, before it counts as a hang.
 * Findings are counted by input (an input with two positionless problems is one positionless input) and
 * grouped by signature; the first input of each signature is saved as JSON for
 * `PYDOCK_FUZZ_REPLAY=<file> npx vitest run --project unit test/fuzz`.
 *
 * Settings (environment): PYDOCK_FUZZ_RUNS (100000), PYDOCK_FUZZ_SEED (fresh), PYDOCK_FUZZ_WORKERS (the
 * cores), PYDOCK_FUZZ_OUT (.fuzz), PYDOCK_ROOT (the repository, set by scripts/fuzz.mjs).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import fc from "fast-check";
import { fuzzCase, type FuzzCase } from "./cases.js";
import { runCase, type Finding, type FindingKind, type Outcome } from "./property.js";
import { loadSeeds } from "./seeds.js";

/** A case that has not answered after this long is a hang, whatever the budget of a single run. */
const WATCHDOG_MS = 10_000;
const CHUNK = 250;
/** Slow cases timed again alone, at most. */
const RETIME = 200;

/** Generated cases (a seed, a number of runs, how many of them a replaced worker already ran), or given ones. */
type Task = { readonly seed: number; readonly runs: number; readonly skip: number } | { readonly cases: readonly FuzzCase[]; readonly skip: number };

type FromWorker =
  | { readonly type: "start"; readonly index: number; readonly case: FuzzCase }
  | { readonly type: "done"; readonly index: number; readonly outcome: Outcome }
  | { readonly type: "finished" };

const env = (name: string): string | undefined => process.env[name];
const KINDS: readonly FindingKind[] = ["crash", "hang", "positionless", "pollution", "nondeterministic", "malformed"];

if (isMainThread) void coordinate();
else void work(workerData as { root: string; task: Task });

async function work({ root, task }: { root: string; task: Task }): Promise<void> {
  const port = parentPort;
  if (!port) return;
  let index = 0;
  const one = async (c: FuzzCase): Promise<true> => {
    const i = index++;
    if (i < task.skip) return true;
    port.postMessage({ type: "start", index: i, case: c } satisfies FromWorker);
    const outcome = await runCase(c);
    port.postMessage({ type: "done", index: i, outcome } satisfies FromWorker);
    return true;
  };
  if ("cases" in task) for (const c of task.cases) await one(c);
  else await fc.check(fc.asyncProperty(fuzzCase(loadSeeds(root)), one), { seed: task.seed, numRuns: task.runs });
  port.postMessage({ type: "finished" } satisfies FromWorker);
}

interface Group {
  count: number;
  readonly kind: FindingKind;
  readonly file: string;
  readonly detail: string;
}

/** Runs `task` on a worker; `onCase` gets each outcome (or a hang the watchdog saw). Replaces a stuck worker. */
function runWorker(root: string, task: Task, onCase: (outcome: Outcome, c: FuzzCase | undefined) => void): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(__filename, { workerData: { root, task } });
    let current: { index: number; case: FuzzCase; since: number } | undefined;
    let settled = false;
    let replaced = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve();
    };
    const watchdog = setInterval(() => {
      if (!current || performance.now() - current.since < WATCHDOG_MS) return;
      const stuck = current;
      current = undefined;
      replaced = true;
      const hang: Finding = { kind: "hang", signature: `hang: no answer in ${WATCHDOG_MS / 1000} s`, detail: `case ${stuck.index}` };
      onCase({ ms: WATCHDOG_MS, result: "crash", findings: [hang] }, stuck.case);
      void worker.terminate().then(async () => {
        // The rest of the task on a fresh worker.
        const runs = "cases" in task ? task.cases.length : task.runs;
        if (stuck.index + 1 < runs) await runWorker(root, { ...task, skip: stuck.index + 1 }, onCase);
        finish();
      });
    }, 500);
    worker.on("message", (m: FromWorker) => {
      if (m.type === "start") current = { index: m.index, case: m.case, since: performance.now() };
      else if (m.type === "done") {
        const c = current?.case;
        current = undefined;
        onCase(m.outcome, c);
      } else finish();
    });
    worker.on("error", (e) => {
      onCase({ ms: 0, result: "crash", findings: [{ kind: "crash", signature: `crash: the worker died: ${e.message.split("\n")[0]}`, detail: String(e.stack ?? e) }] }, current?.case);
      finish();
    });
    worker.on("exit", () => {
      if (!replaced) finish();
    });
  });
}

async function coordinate(): Promise<void> {
  const root = env("PYDOCK_ROOT") ?? process.cwd();
  const total = Number(env("PYDOCK_FUZZ_RUNS") ?? 100_000);
  const seed = Number(env("PYDOCK_FUZZ_SEED") ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0);
  const workers = Number(env("PYDOCK_FUZZ_WORKERS") ?? availableParallelism());
  const out = env("PYDOCK_FUZZ_OUT") ?? join(root, ".fuzz");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  console.log(`pydock fuzz: ${total} cases, seed ${seed}, ${workers} workers; findings go to ${out}`);

  const counts = { cases: 0, ok: 0, rejected: 0, crash: 0 };
  /** Inputs with at least one finding of each kind. */
  const kinds = new Map<FindingKind, number>();
  const groups = new Map<string, Group>();
  const times: number[] = [];
  const slow: FuzzCase[] = [];
  const started = performance.now();
  let nextReport = 0;

  const record = (findings: readonly Finding[], c: FuzzCase | undefined): void => {
    for (const kind of new Set(findings.map((f) => f.kind))) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const seen = new Set<string>();
    for (const f of findings) {
      if (seen.has(f.signature)) continue;
      seen.add(f.signature);
      const g = groups.get(f.signature);
      if (g) {
        g.count++;
        continue;
      }
      const file = join(out, `${f.kind}-${groups.size + 1}.json`);
      if (c) writeFileSync(file, JSON.stringify(c));
      groups.set(f.signature, { count: 1, kind: f.kind, file, detail: f.detail.slice(0, 1000) });
    }
  };

  const report = (): void => {
    const secs = ((performance.now() - started) / 1000).toFixed(0);
    const found = [...kinds].map(([k, n]) => `${k} ${n}`).join(", ") || "nothing";
    console.log(`  ${counts.cases}/${total} cases in ${secs} s (${counts.ok} compiled, ${counts.rejected} rejected); found: ${found}`);
  };

  const onCase = (outcome: Outcome, c: FuzzCase | undefined): void => {
    counts.cases++;
    counts[outcome.result]++;
    times.push(outcome.ms);
    // Slow on a busy machine: timed again alone at the end before it counts.
    const retime = outcome.findings.some((f) => f.kind === "hang" && !f.signature.includes("no answer")) && c !== undefined && slow.length < RETIME;
    if (retime) slow.push(c);
    record(retime ? outcome.findings.filter((f) => f.kind !== "hang") : outcome.findings, c);
    if (counts.cases >= nextReport) {
      report();
      nextReport += Math.max(1000, Math.round(total / 20));
    }
  };

  const queue: Task[] = [];
  for (let done = 0, i = 0; done < total; done += CHUNK, i++) queue.push({ seed: seed + i, runs: Math.min(CHUNK, total - done), skip: 0 });
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await runWorker(root, task, onCase);
    }),
  );
  report();

  if (slow.length > 0) {
    console.log(`timing ${slow.length} slow case(s) again, one at a time`);
    await runWorker(root, { cases: slow, skip: 0 }, (outcome, c) => {
      const hangs = outcome.findings.filter((f) => f.kind === "hang").map((f) => ({ ...f, detail: `${f.detail} (alone)` }));
      if (hangs.length > 0) record(hangs, c);
    });
  }

  times.sort((a, b) => a - b);
  const pct = (p: number): string => `${Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0)} ms`;
  console.log(`\ntime per case: median ${pct(0.5)}, p99 ${pct(0.99)}, max ${pct(1)}`);
  console.log(`inputs with findings: ${KINDS.map((k) => `${kinds.get(k) ?? 0} ${k}`).join(", ")}`);
  const sorted = [...groups].sort((a, b) => b[1].count - a[1].count);
  for (const [signature, g] of sorted) console.log(`  ${String(g.count).padStart(6)}  ${signature}\n          ${g.file}\n          ${g.detail.split("\n")[0]?.slice(0, 300)}`);
  writeFileSync(join(out, "summary.json"), JSON.stringify({ seed, total, counts, inputs: Object.fromEntries(kinds), signatures: sorted.map(([s, g]) => ({ signature: s, ...g })) }, null, 2));
  if (groups.size > 0) {
    console.log(`\nreplay one: PYDOCK_FUZZ_REPLAY=${sorted[0]?.[1].file} npx vitest run --project unit test/fuzz`);
    process.exitCode = 1;
  } else {
    console.log(`\n${counts.cases} cases: 0 crashes, 0 hangs, 0 positionless rejections, no pollution`);
  }
}
