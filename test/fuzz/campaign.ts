/**
 * The fuzz campaign (`npm run fuzz`): the properties of property.ts over many generated inputs, on every
 * core, counting what it finds instead of stopping at the first finding. Bundled and started by
 * scripts/fuzz.mjs; one file is both the coordinator and its workers.
 *
 * Each worker runs chunks of cases (a seed and a number of runs) and reports every case before and after
 * running it, so a case that never finishes is caught by the coordinator's watchdog, saved, and its worker
 * replaced. Findings are grouped by signature; the first case of each signature is saved as JSON for
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

interface Task {
  readonly seed: number;
  readonly runs: number;
  /** Cases of the chunk already run (by a worker that was replaced). */
  readonly skip: number;
}

type FromWorker =
  | { readonly type: "start"; readonly index: number; readonly case: FuzzCase }
  | { readonly type: "done"; readonly index: number; readonly outcome: Outcome }
  | { readonly type: "finished" };

const env = (name: string): string | undefined => process.env[name];

if (isMainThread) void coordinate();
else void work(workerData as { root: string; task: Task });

async function work({ root, task }: { root: string; task: Task }): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const seeds = loadSeeds(root);
  let index = 0;
  await fc.check(
    fc.asyncProperty(fuzzCase(seeds, { pathological: 1, large: 1 }), async (c) => {
      const i = index++;
      if (i < task.skip) return true;
      port.postMessage({ type: "start", index: i, case: c } satisfies FromWorker);
      const outcome = await runCase(c);
      port.postMessage({ type: "done", index: i, outcome } satisfies FromWorker);
      return true;
    }),
    { seed: task.seed, numRuns: task.runs },
  );
  port.postMessage({ type: "finished" } satisfies FromWorker);
}

interface Group {
  count: number;
  readonly kind: FindingKind;
  readonly file: string;
  readonly detail: string;
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

  const tasks: Task[] = [];
  for (let done = 0, i = 0; done < total; done += CHUNK, i++) tasks.push({ seed: seed + i, runs: Math.min(CHUNK, total - done), skip: 0 });

  const counts = { cases: 0, ok: 0, rejected: 0, crash: 0 };
  const kinds = new Map<FindingKind, number>();
  const groups = new Map<string, Group>();
  const times: number[] = [];
  const started = performance.now();
  let nextReport = 0;

  /** Cases a busy worker found slow, timed again at the end with the machine to themselves. */
  const slow: FuzzCase[] = [];
  const record = (f: Finding, c: FuzzCase | undefined): void => {
    if (f.kind === "hang" && f.signature.startsWith("hang: ") && !f.signature.includes("no answer") && c && slow.length < 200) {
      slow.push(c);
      return;
    }
    kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    const g = groups.get(f.signature);
    if (g) {
      g.count++;
      return;
    }
    const file = join(out, `${f.kind}-${groups.size + 1}.json`);
    if (c) writeFileSync(file, JSON.stringify(c));
    groups.set(f.signature, { count: 1, kind: f.kind, file, detail: f.detail.slice(0, 1000) });
  };

  const report = (): void => {
    const secs = ((performance.now() - started) / 1000).toFixed(0);
    const found = [...kinds].map(([k, n]) => `${k} ${n}`).join(", ") || "nothing";
    console.log(`  ${counts.cases}/${total} cases in ${secs} s (${counts.ok} compiled, ${counts.rejected} rejected); found: ${found}`);
  };

  const runWorker = (task: Task): Promise<void> =>
    new Promise((resolve) => {
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
        counts.cases++;
        record({ kind: "hang", signature: `hang: no answer in ${WATCHDOG_MS / 1000} s`, detail: `case ${stuck.index} of seed ${task.seed}` }, stuck.case);
        void worker.terminate().then(() => {
          // The rest of the chunk on a fresh worker.
          const rest = { ...task, skip: stuck.index + 1 };
          const after = rest.skip < task.runs ? runWorker(rest) : Promise.resolve();
          void after.then(finish);
        });
      }, 500);
      worker.on("message", (m: FromWorker) => {
        if (m.type === "start") current = { index: m.index, case: m.case, since: performance.now() };
        else if (m.type === "done") {
          const c = current?.case;
          current = undefined;
          counts.cases++;
          counts[m.outcome.result]++;
          times.push(m.outcome.ms);
          for (const f of m.outcome.findings) record(f, c);
          if (counts.cases >= nextReport) {
            report();
            nextReport += Math.max(1000, Math.round(total / 20));
          }
        } else finish();
      });
      worker.on("error", (e) => {
        counts.cases++;
        record({ kind: "crash", signature: `crash: the worker died: ${e.message.split("\n")[0]}`, detail: String(e.stack ?? e) }, current?.case);
        finish();
      });
      worker.on("exit", () => {
        if (!replaced) finish();
      });
    });

  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await runWorker(task);
    }),
  );

  if (slow.length > 0) {
    console.log(`timing ${slow.length} slow case(s) again, one at a time`);
    for (const c of slow) {
      const outcome = await runCase(c);
      for (const f of outcome.findings) if (f.kind === "hang") record({ ...f, detail: `${f.detail} (alone)` }, undefined);
      const hang = outcome.findings.find((f) => f.kind === "hang");
      if (hang) writeFileSync(groups.get(hang.signature)?.file ?? join(out, "hang.json"), JSON.stringify(c));
    }
  }
  report();
  times.sort((a, b) => a - b);
  const pct = (p: number): string => `${Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0)} ms`;
  console.log(`\ntime per case (two compilations): median ${pct(0.5)}, p99 ${pct(0.99)}, max ${pct(1)}`);
  const all: FindingKind[] = ["crash", "hang", "positionless", "pollution", "nondeterministic", "malformed"];
  console.log(`findings: ${all.map((k) => `${kinds.get(k) ?? 0} ${k}`).join(", ")}`);
  const sorted = [...groups].sort((a, b) => b[1].count - a[1].count);
  for (const [signature, g] of sorted) console.log(`  ${String(g.count).padStart(6)}  ${signature}\n          ${g.file}\n          ${g.detail.split("\n")[0]?.slice(0, 300)}`);
  writeFileSync(join(out, "summary.json"), JSON.stringify({ seed, total, counts, findings: Object.fromEntries(kinds), signatures: sorted.map(([s, g]) => ({ signature: s, ...g })) }, null, 2));
  if (groups.size > 0) {
    console.log(`\nreplay one: PYDOCK_FUZZ_REPLAY=${sorted[0]?.[1].file} npx vitest run --project unit test/fuzz`);
    process.exitCode = 1;
  } else {
    console.log(`\n${counts.cases} cases: 0 crashes, 0 hangs, 0 positionless rejections, no pollution`);
  }
}
