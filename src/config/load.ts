/**
 * pydock.toml → {@link PydockConfig}: parse, substitute `${ARGS}`, validate every table, apply defaults.
 * All problems of the file are collected in one pass; user errors are returned, never thrown.
 */
import { SOURCE_DATE_EPOCH, parseEpoch, resolveArgs, substituteAll } from "./args.js";
import type { PydockConfig, TargetConfig } from "./model.js";
import { endOfText, syntaxDirective, tidyDiagnostics, type Diagnostic, type SourceFile } from "../core/diagnostics.js";
import { Checker, label } from "./tables/check.js";
import { readGit } from "./tables/git.js";
import { readPython } from "./tables/python.js";
import { readArgsTable } from "./tables/args.js";
import { readSecrets } from "./tables/secrets.js";
import { topLevelKeys } from "./tables/suggest.js";
import { readRuntimeTarget, readTargets } from "./tables/targets.js";
import { type LTable, toTree, valueAt } from "./tables/tree.js";
import { readCheck } from "./tables/check-table.js";
import { parseToml } from "./toml.js";

export interface LoadOptions {
  /** `--build-arg NAME=value`; only names declared in [args] (and SOURCE_DATE_EPOCH) are used. */
  readonly buildArgs: ReadonlyMap<string, string>;
}

export type LoadResult =
  | { readonly ok: true; readonly config: PydockConfig; readonly warnings: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Reads and validates a pydock.toml. Diagnostics are sorted by position, without duplicates. */
export function loadConfig(source: SourceFile, options: LoadOptions): LoadResult {
  const parsed = parseToml(source);
  if (!parsed.ok) return { ok: false, diagnostics: [parsed.diagnostic] };
  const doc = parsed.doc;
  const ck = new Checker(source.name, doc);

  const declared = readArgsTable(ck, "args" in doc.value ? toTree(doc.value["args"], ["args"]) : undefined);
  const args = resolveArgs(declared, options.buildArgs);
  const epoch = parseEpoch(args.get(SOURCE_DATE_EPOCH));
  if (!epoch.ok) {
    // At [args] SOURCE_DATE_EPOCH when the file declares it, else at the line that hands the build (and its
    // arguments) to pydock, or where the file ends.
    const from = options.buildArgs.has(SOURCE_DATE_EPOCH) ? "--build-arg" : "[args]";
    if (declared.has(SOURCE_DATE_EPOCH)) ck.error(["args", SOURCE_DATE_EPOCH], `${from} ${epoch.message}`);
    else ck.errorAt(syntaxDirective(source.text) ?? endOfText(source.text), `${from} ${epoch.message}`, "invalid-build-arg");
  }
  const used = new Set<string>();
  const value = substituteAll(doc.value, args, (path, message, code) => ck.error(path, `${label(path)}: ${message}`, "value", code), {
    used,
    given: options.buildArgs,
    skip: ["args"],
  });
  // The document is always a table, so `table` only checks its keys here.
  const root = ck.table(toTree(value, []), undefined, topLevelKeys) as LTable;

  const python = readPython(ck, root.entries.get("python"));
  const git = readGit(ck, root.entries.get("git"));
  const secrets = readSecrets(ck, root.entries.get("secrets"));
  const check = readCheck(ck, root.entries.get("check"));
  const targets = new Map<string, TargetConfig>([["runtime", readRuntimeTarget(ck, root)]]);
  for (const t of readTargets(ck, root)) targets.set(t.name, t);

  for (const name of declared.keys()) {
    if (!used.has(name)) ck.warn(["args", name], `[args] ${name} is declared but never used as \${${name}}`, "unused-arg");
  }
  if (ck.errors.length > 0) return { ok: false, diagnostics: tidyDiagnostics(ck.errors) };
  const config: PydockConfig = {
    filename: source.name,
    args,
    python,
    git,
    secrets,
    check,
    targets,
    written: (path) => valueAt(doc.value, path),
    end: endOfText(source.text),
    locate: (path) => {
      for (let n = path.length; n > 0; n--) {
        const r = doc.locate(path.slice(0, n));
        if (r !== undefined) return r;
      }
      return undefined;
    },
  };
  return { ok: true, config, warnings: tidyDiagnostics(ck.warnings) };
}
