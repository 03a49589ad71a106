/**
 * describePlan: a build plan in plain words — the stages and their steps (what runs, with which mounts,
 * secrets and environment, what is copied where), the base images and the image configuration. Stable
 * text, one fact per line, so a change to the planner reads as a diff; no daemon needed to produce it.
 */
import { shellQuote } from "../core/text.js";
import { commandArgs, type BuildPlan, type ImagePlan, type RunStep, type StagePlan, type Step } from "./types.js";

export function describePlan(plan: BuildPlan): string {
  const lines: string[] = [];
  const groups = plan.selection.groups ? ` groups ${plan.selection.groups.join(",")}` : "";
  const extras = plan.selection.extras.length ? ` extras ${plan.selection.extras.join(",")}` : "";
  lines.push(`target ${plan.target} (returns the ${plan.output} stage)`);
  lines.push(`python ${plan.python.version} on Debian ${plan.python.distro}`);
  lines.push(`manager ${plan.manager.name} ${plan.manager.version}${groups}${extras}`);
  if (plan.selection.requirements.length) lines.push(`requirements ${plan.selection.requirements.join(", ")}`);
  if (plan.project.name) lines.push(`project ${plan.project.name}${plan.project.version ? ` ${plan.project.version}` : ""}`);
  lines.push(`venv ${plan.venvPath}`);
  for (const stage of plan.stages) lines.push("", ...describeStage(stage));
  lines.push("", ...describeImage(plan.image));
  return lines.join("\n") + "\n";
}

function describeStage(stage: StagePlan): string[] {
  const out = [`stage ${stage.name} FROM ${stage.base ?? "scratch"}`];
  stage.steps.forEach((step, i) => out.push(`  ${i + 1}. ${step.name}`, ...describeStep(step).map((l) => `       ${l}`)));
  return out;
}

function describeStep(step: Step): string[] {
  switch (step.kind) {
    case "run":
      return describeRun(step);
    case "copy": {
      const what = step.contents ? "contents of" : "";
      const out = [`copy ${what ? what + " " : ""}${step.from}:${step.src} → ${step.dest}${step.owner ? ` owned by ${step.owner}` : ""}${step.independent ? " (own layer)" : ""}`];
      if (step.exclude.length) out.push(`exclude ${step.exclude.join(" ")}`);
      return out;
    }
    case "dirs":
      return [`mkdir ${step.paths.join(" ")} owned by ${step.owner} (own layer)`];
    case "file":
      return [`write ${step.path} (mode ${step.mode.toString(8).padStart(4, "0")}, ${step.data.length} bytes)${step.independent ? " (own layer)" : ""}`];
  }
}

/**
 * A here-document body (`<<'WORD'` … `WORD`, as the pinned manager sets are written) shortened to its line
 * count: the plan shows what runs, not the hundreds of hashes it feeds to pip.
 */
export function elideHereDocs(script: string): string {
  return script.replace(/<<'([A-Z_]+)'\n([\s\S]*?)\n\1\n/g, (_, word: string, body: string) => `<<'${word}'\n… (${body.split("\n").length} lines)\n${word}\n`);
}

function describeRun(step: RunStep): string[] {
  const argv = [...(step.wrapper ? [step.wrapper] : []), ...commandArgs(step.command).map(elideHereDocs)];
  const out = [`$ ${argv.map(shellQuote).join(" ")}`, `cwd ${step.cwd}`];
  for (const [k, v] of step.env) out.push(`env ${k}=${v}`);
  for (const c of step.caches) out.push(`cache ${c.id} → ${c.target} (${c.sharing})`);
  for (const s of step.secrets) {
    const where = s.env !== undefined ? `env ${s.env}` : `file ${s.target}`;
    out.push(`secret ${s.id} as ${where}${s.required ? "" : " (optional)"}`);
  }
  if (step.ssh) out.push("ssh agent");
  for (const m of step.mounts ?? []) out.push(m.kind === "image" ? `image ${m.image} → ${m.target} (read-only)` : `${m.stage} stage's ${m.path} → ${m.target} (read-only)`);
  return out;
}

function describeImage(image: ImagePlan): string[] {
  const out = ["image", `  user ${image.user}`, `  workdir ${image.workdir}`];
  for (const [k, v] of image.env) out.push(`  env ${k}=${v}`);
  if (image.entrypoint) out.push(`  entrypoint ${JSON.stringify(image.entrypoint)}`);
  if (image.cmd) out.push(`  cmd ${JSON.stringify(image.cmd)}`);
  for (const p of image.exposedPorts) out.push(`  expose ${p}`);
  for (const [k, v] of image.labels) out.push(`  label ${k}=${v}`);
  out.push(`  stop signal ${image.stopSignal}`);
  const hc = image.healthcheck;
  if (hc) out.push(`  healthcheck ${JSON.stringify(hc.test)} every ${hc.intervalMs} ms, timeout ${hc.timeoutMs} ms, start period ${hc.startPeriodMs} ms, ${hc.retries} retries`);
  return out;
}
