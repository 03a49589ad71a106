/**
 * The answer to BuildKit's `frontend.lint` subrequest (`docker buildx build --check`), shaped as BuildKit's
 * frontend/subrequests/lint/lint.go writes it: metadata `result.json` (LintResults: `warnings` [{ruleName,
 * description, url, detail, location{sourceIndex, ranges}}], `sources` [pb.SourceInfo], `buildError`
 * {message, location} when the build could not be planned), `result.txt`, `result.statuscode` and `version`
 * "1.0.0". buildx prints the warnings from result.json and exits with result.statuscode. Pure.
 */
import type { Diagnostic, SourceFile } from "../core/diagnostics.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import type { FrontendResult } from "../gateway/client.js";
import { rangeJson, sourceInfoJson } from "../gateway/errors.js";
import { failsCheck } from "../lint/lint.js";
import { ruleOf, ruleUrl } from "../lint/rules.js";

export interface LintReport {
  /** lint()'s results. */
  readonly results: readonly Diagnostic[];
  /** The errors that stopped planning, if any: the check's `buildError`. */
  readonly errors: readonly Diagnostic[];
  /** pydock.toml: always the first source. */
  readonly buildFile: SourceFile;
  /** The text of another file a result points into (pyproject.toml, a requirements file). */
  readonly read: (path: string) => string | undefined;
}

/** The language tag of a source: TOML for pydock.toml and pyproject.toml, else plain text. */
const languageOf = (name: string): string => (name.endsWith(".toml") ? "TOML" : "Text");

/** The lint subrequest's result for a report. */
export function lintResult(report: LintReport): FrontendResult {
  const sources: SourceFile[] = [report.buildFile];
  const sourceIndex = (file: string): number => {
    const i = sources.findIndex((s) => s.name === file);
    if (i >= 0) return i;
    const text = report.read(file);
    if (text === undefined) return -1;
    sources.push({ name: file, text });
    return sources.length - 1;
  };
  const location = (file: string, diags: readonly Diagnostic[]) => {
    const index = sourceIndex(file);
    const text = sources[index]?.text;
    // Go omits a zero sourceIndex; -1 (no source) makes buildx print the detail alone.
    return { ...(index !== 0 ? { sourceIndex: index } : {}), ...(index >= 0 ? { ranges: diags.map((d) => rangeJson(d.range, text)) } : {}) };
  };
  const warnings = report.results.map((d) => {
    const rule = ruleOf(d.code);
    return {
      ruleName: d.code,
      ...(rule ? { description: rule.description, url: ruleUrl(rule.id) } : {}),
      detail: d.severity === "warning" ? d.message : `${d.severity}: ${d.message}`,
      location: location(d.file, [d]),
      // Not in BuildKit's struct (buildx ignores it); for `--call=check,format=json` readers.
      severity: d.severity,
    };
  });
  const first = report.errors[0];
  const buildError =
    first === undefined
      ? undefined
      : { message: report.errors.map(formatDiagnostic).join("\n"), location: location(first.file, report.errors.filter((e) => e.file === first.file)) };
  const json = { warnings, sources: sources.map((s) => sourceInfoJson(s, languageOf(s.name))), ...(buildError ? { buildError } : {}) };
  const failed = buildError !== undefined || failsCheck(report.results);
  return {
    metadata: {
      "result.json": JSON.stringify(json, null, 2),
      "result.txt": resultText(report),
      "result.statuscode": failed ? "1" : "0",
      version: "1.0.0",
    },
  };
}

/** The results as text, for clients that do not read result.json: one block per result, then the error. */
function resultText(report: LintReport): string {
  const blocks = report.results.map((d) => {
    const rule = ruleOf(d.code);
    return `${d.severity.toUpperCase()}: ${d.code}${rule ? ` - ${ruleUrl(rule.id)}` : ""}\n${formatDiagnostic(d)}\n`;
  });
  if (report.errors.length > 0) blocks.push(`ERROR: ${report.errors.map(formatDiagnostic).join("\n")}\n`);
  const count = report.results.length;
  const summary = count === 0 ? "Check complete, no warnings found." : `Check complete, ${count === 1 ? "1 warning has" : `${count} warnings have`} been found!`;
  return [summary, ...blocks].join("\n") + (blocks.length === 0 ? "\n" : "");
}
