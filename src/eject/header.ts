/**
 * The comment block an ejected Dockerfile starts with: what it is and how to build it (the build
 * arguments, secrets and SSH agent its steps read), then every way it differs from pydock's own build,
 * including the exclude patterns pydock applies to its copies of the context, which the Dockerfile
 * frontend of BuildKit 0.13 cannot apply per COPY (`COPY --exclude` is 1.7-labs syntax), written as the
 * lines to add to .dockerignore.
 */
import { CA_SECRET_ID } from "../plan/wrapper.js";
import type { BuildPlan, SecretMount, StagePlan, Step } from "../plan/types.js";

export interface HeaderInput {
  readonly plan: BuildPlan;
  /** The stages the Dockerfile holds (up to the plan's output stage). */
  readonly stages: readonly StagePlan[];
  readonly filename: string;
  /** The commit the version file and the revision label record, when the plan has one. */
  readonly revision: string | undefined;
  /** Where the version file goes, when the plan writes one. */
  readonly versionFile: string | undefined;
}

/** The stages an ejected Dockerfile holds: the plan's, up to the one the target returns. */
export function ejectedStages(plan: BuildPlan): readonly StagePlan[] {
  const last = plan.stages.findIndex((s) => s.name === plan.output);
  if (last < 0) throw new Error(`internal: the plan has no ${plan.output} stage`);
  return plan.stages.slice(0, last + 1);
}

/**
 * The patterns pydock leaves out of its copies of the build context, relative to the context root (as
 * .dockerignore reads them), and the Dockerfile itself when a copy takes the whole context; in the order
 * the copies give them, each once.
 */
export function ejectedExcludes(plan: BuildPlan, filename = "Dockerfile"): string[] {
  const out = new Set<string>();
  let whole = false;
  for (const stage of ejectedStages(plan)) {
    for (const step of stage.steps) {
      if (step.kind !== "copy" || step.from !== "context") continue;
      const base = step.src.replace(/^\.\/?/, "").replace(/\/$/, "");
      if (base === "") whole = true;
      for (const p of step.exclude) out.add(base === "" || p.startsWith("**/") ? p : `${base}/${p}`);
    }
  }
  if (whole && out.size > 0) out.add(filename.replace(/^\.\//, ""));
  return [...out];
}

export function header(h: HeaderInput): string[] {
  const stageNames = h.stages.map((s) => s.name);
  const out = [
    `Dockerfile ejected by pydock from pydock.toml, target ${h.plan.target}: the ${listOf(stageNames)} stage${stageNames.length > 1 ? "s" : ""} of pydock's`,
    "own build, step for step, for the Dockerfile frontend built into BuildKit (Docker Engine 23 or later; no",
    "syntax line, so no frontend image is pulled). Build it in the project directory:",
    "",
    `  docker build -f ${h.filename} -t IMAGE .`,
    "",
    "Build arguments, secrets and SSH:",
    ...usage(h).map(([flag, what]) => `  ${flag.padEnd(58)} ${what}`),
    "",
    "How it differs from pydock's build:",
    ...differences(h).flatMap((paragraph) => paragraph.map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`))),
  ];
  return out.map((line) => (line === "" ? "#" : `# ${line}`));
}

function usage(h: HeaderInput): [string, string][] {
  const rows: [string, string][] = [["--build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)", "the time build tools stamp into what they make"]];
  if (h.revision) {
    const where = h.versionFile ? `${h.versionFile} and the revision label` : "the revision label";
    rows.push(["--build-arg REVISION=$(git rev-parse HEAD)", `the commit that ${where} record`]);
  }
  const secrets = new Map<string, SecretMount>();
  let ssh = false;
  for (const stage of h.stages) {
    for (const step of stage.steps) {
      if (step.kind !== "run") continue;
      for (const s of step.secrets) secrets.set(s.id, s);
      ssh ||= step.ssh;
    }
  }
  for (const s of secrets.values()) {
    const what =
      s.id === CA_SECRET_ID
        ? "extra CA certificates (PEM) trusted while installing"
        : s.env !== undefined
          ? `$${s.env} for the steps that install`
          : `the file ${s.target} for the steps that install`;
    rows.push([`--secret id=${s.id},src=${s.id === CA_SECRET_ID ? "corp-ca.pem" : "FILE"}`, `${what} (${s.required ? "required" : "optional"})`]);
  }
  if (ssh) rows.push(["--ssh default", "the SSH agent, for dependencies fetched over SSH"]);
  return rows;
}

function differences(h: HeaderInput): string[][] {
  const out: string[][] = [];
  const excludes = ejectedExcludes(h.plan, h.filename);
  if (excludes.length > 0) {
    // The venv's path inside a copied directory is among them when a copy lands over the venv.
    const local = excludes.find((p) => h.plan.venvPath.endsWith(`/${p}`));
    const venv = local ? ` (without them a local ${local}/ is copied over ${h.plan.venvPath})` : "";
    out.push([
      "Excludes: COPY --exclude needs the 1.7-labs syntax, so each COPY of the context takes every file",
      ".dockerignore lets through, where pydock leaves out the patterns below. Add them to .dockerignore for",
      `the same image${venv}:`,
      ...excludes.map((p) => `    ${p}`),
    ]);
  }
  out.push([
    "Times: pydock sets the time of every file it writes, the image's creation time and its history to",
    "SOURCE_DATE_EPOCH. Here the build tools get the ARG's default, the image's times follow it only when it",
    "is passed with --build-arg, and the layers' file times only with the exporter's rewrite-timestamp=true",
    "option (BuildKit 0.13 or later). The created label keeps the time pydock planned with.",
  ]);
  if (h.revision) {
    out.push([
      `Revision: REVISION defaults to the commit pydock saw when it wrote this file (${h.revision.slice(0, 12)}); pydock`,
      "reads it from the build context on every build.",
    ]);
  }
  out.push(["Values: the ${NAME}s of pydock.toml are written in as they were when this file was ejected."]);
  out.push([
    "Base images are pulled by the FROM lines' tags; pydock pins each build to the digest it resolves and",
    "records it in labels. Write @sha256:… after a tag to lock it.",
  ]);
  if (anyStep(h, (step) => step.kind === "run" && step.caches.length > 0)) {
    out.push([
      "Cache mounts have pydock's ids, but the Dockerfile frontend keys them under its namespace (/pydock-pip for",
      "pydock-pip): these builds and pydock's do not share their caches.",
    ]);
  }
  if (anyStep(h, (step) => step.kind === "run" && step.secrets.some((x) => x.env !== undefined))) {
    out.push(["Secrets given as variables are read from their files by the step's shell: secret environment", "variables need Dockerfile syntax 1.10."]);
  }
  if (h.plan.autoSystemPackages && h.stages.some((s) => s.name === "runtime")) {
    out.push([
      "Runtime libraries: the venv stage's last RUN lists the packages the runtime image needs, and the runtime",
      "stage installs them, as in pydock's build; pydock also names them in the io.pydock.runtime.",
      "auto-system-packages label, which a Dockerfile cannot set from a file.",
    ]);
  }
  if (h.plan.smokeTest && h.stages.some((s) => s.name === "runtime")) {
    out.push([
      "Smoke test: pydock checks, before it returns the image, that the command's entry point imports in it",
      "(in a step that adds no layer). A Dockerfile has no such step: run the image once to check.",
    ]);
  }
  if (anyStep(h, (step) => step.kind === "dirs" && step.paths.some((p) => p.split("/").filter(Boolean).length > 1))) {
    out.push(["Directories: mkdir -p leaves the parents it creates to root; pydock gives them to the runtime user too."]);
  }
  if (anyStep(h, (step) => step.kind === "run" && step.wrapper !== undefined)) {
    out.push([
      "The install wrapper's hint for a missing system package names the pydock.toml key to add it to: here,",
      "install the package with apt-get in the venv stage (and its runtime library in the runtime stage).",
    ]);
  }
  return out;
}

function anyStep(h: HeaderInput, test: (step: Step) => boolean): boolean {
  return h.stages.some((s) => s.steps.some(test));
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
