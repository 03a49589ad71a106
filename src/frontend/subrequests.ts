/**
 * Subrequests (`docker buildx build --call=targets|outline|check`): answers about the file, no build.
 * Results are metadata only: `result.json`, `result.txt`, `version`. The check (`frontend.lint`) needs the
 * project's files and the plan, so build.ts hands it to check.ts; describe lists it here with the others.
 */
import type { PydockConfig } from "../config/model.js";
import { UserError, type SourceFile } from "../core/diagnostics.js";
import type { FrontendResult } from "../gateway/client.js";
import { UnsupportedSubrequestError } from "../gateway/errors.js";

const DESCRIBE = "frontend.subrequests.describe";
const TARGETS = "frontend.targets";
const OUTLINE = "frontend.outline";
/** `--call=check` (`--check`): BuildKit's lint request, answered by check.ts. */
export const LINT = "frontend.lint";

/** What describe says of each request pydock answers, with the metadata keys it returns (subrequests/types.go). */
const REQUESTS: readonly { name: string; description: string; metadata: string[] }[] = [
  { name: OUTLINE, description: "List the build arguments and secrets of pydock.toml", metadata: ["result.json", "result.txt"] },
  { name: TARGETS, description: "List the targets pydock.toml can build", metadata: ["result.json", "result.txt"] },
  { name: LINT, description: "Check pydock.toml and the project with pydock's lint rules", metadata: ["result.json", "result.txt", "result.statuscode"] },
  { name: DESCRIBE, description: "List the subrequests pydock answers", metadata: ["result.json", "result.txt"] },
];

function result(json: unknown, text: string, version: string): FrontendResult {
  return { metadata: { "result.json": JSON.stringify(json), "result.txt": text, version } };
}

function location(config: PydockConfig, path: readonly string[]) {
  const r = config.locate(path);
  return r ? { sourceIndex: 0, ranges: [{ start: { line: r.start.line }, end: { line: r.end.line } }] } : undefined;
}

/** The targets a file has, in the order `--call=targets` lists them. */
function targetNames(config: PydockConfig): string[] {
  return ["runtime", "venv", ...[...config.targets.keys()].filter((n) => n !== "runtime")];
}

/**
 * The target `--target` names (the runtime one without it); an unknown one is an error at [targets] (or the end
 * of the file), as a build reports it.
 */
function outlineTarget(config: PydockConfig, file: SourceFile, target: string | undefined): string {
  const name = target || "runtime";
  const names = targetNames(config);
  if (names.includes(name)) return name;
  const range = config.locate(["targets"]) ?? config.end;
  const message = `unknown target "${name}"; this file has: ${names.join(", ")}`;
  throw new UserError([{ file: file.name, range, message, code: "unknown-target", severity: "error" }], [file]);
}

export function subrequest(id: string, config: PydockConfig, file: SourceFile, target?: string): FrontendResult {
  const sources = [Buffer.from(file.text).toString("base64")];
  switch (id) {
    case DESCRIBE: {
      const named = (names: string[]) => names.map((name) => ({ name, description: "" }));
      const list = REQUESTS.map((r) => ({ name: r.name, version: "1.0.0", type: "rpc", description: r.description, opts: [], inputs: [], metadata: named(r.metadata), refs: [] }));
      const text = ["NAME VERSION DESCRIPTION", ...list.map((r) => `${r.name.replace(/^frontend\./, "")} ${r.version} ${r.description}`)].join("\n") + "\n";
      return result(list, text, "1.0.0");
    }
    case TARGETS: {
      const targets: { name: string; default?: boolean; description: string; location?: unknown }[] = [
        { name: "runtime", default: true, description: "the application image" },
        { name: "venv", description: "the builder stage with the dependencies installed, for debugging" },
        ...[...config.targets.keys()]
          .filter((n) => n !== "runtime")
          .map((name) => ({ name, description: `[targets.${name}]`, location: location(config, ["targets", name]) })),
      ];
      const text = ["TARGET  DESCRIPTION", ...targets.map((t) => `${t.name}${t.default ? " (default)" : ""}  ${t.description}`)].join("\n") + "\n";
      return result({ targets, sources }, text, "1.0.0");
    }
    case OUTLINE: {
      const args = [...config.args].map(([name, value]) => ({ name, value, location: location(config, ["args", name]) }));
      const secrets = config.secrets.map((s) => ({ name: s.id, required: s.required }));
      const text =
        ["BUILD ARG  VALUE", ...args.map((a) => `${a.name}  ${a.value}`), "", "SECRET  REQUIRED", ...secrets.map((s) => `${s.name}  ${s.required}`)].join("\n") + "\n";
      return result({ name: outlineTarget(config, file, target), args, secrets, sources }, text, "1.0.0");
    }
    default:
      throw new UnsupportedSubrequestError(id);
  }
}
