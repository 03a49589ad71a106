/**
 * Problems: what the planner finds wrong (or worth a warning) about the project, as diagnostics pointing
 * into pydock.toml at the key that would fix it, so every problem is reported at once.
 */
import type { KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import { lineOf, type Diagnostic, type Range, type Severity } from "../core/diagnostics.js";
import type { Detected, DetectedSource } from "./detect.js";
import type { ProjectFiles } from "./project.js";

export class Problems {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  constructor(
    private readonly config: PydockConfig,
    private readonly files?: ProjectFiles,
  ) {}

  /**
   * Where a problem about `path` points: the key at `path` in the target's table (or the top level), or the
   * nearest enclosing one that is written; else the line of the project file that decided (`source`); else
   * the end of pydock.toml, where the missing key would go.
   */
  private where(path: KeyPath, target?: TargetConfig, source?: DetectedSource): { file: string; range: Range } {
    for (let n = path.length; n > 0; n--) {
      const r = (target ?? this.config).locate(path.slice(0, n));
      if (r) return { file: this.config.filename, range: r };
    }
    const text = source ? this.files?.read(source.file) : undefined;
    if (source && text !== undefined) return { file: source.file, range: lineOf(text, source.line ?? 1) };
    return { file: this.config.filename, range: this.config.end };
  }

  private push(severity: Severity, code: string, message: string, path: KeyPath, target?: TargetConfig, source?: DetectedSource): void {
    const list = severity === "error" ? this.errors : this.warnings;
    list.push({ ...this.where(path, target, source), message, code, severity });
  }

  /**
   * A problem in a project file, at its line there (`source`), rather than at a key of pydock.toml; at `path`
   * (as {@link add}) when the file is not among the project's.
   */
  addIn(message: string, source: DetectedSource, path: KeyPath, code = "project"): void {
    const text = this.files?.read(source.file);
    if (text === undefined) return this.add(message, path, undefined, code);
    this.errors.push({ file: source.file, range: lineOf(text, source.line ?? 1), message, code, severity: "error" });
  }

  /** A problem that fails the build. `code`: "project" (the project's files), "unknown-target", … */
  add(message: string, path: KeyPath, target?: TargetConfig, code = "project"): void {
    this.push("error", code, message, path, target);
  }

  warn(message: string, path: KeyPath, code: string, target?: TargetConfig): void {
    this.push("warning", code, message, path, target);
  }

  /** The detected value, or undefined with the detection's message added as a problem. */
  take<T>(d: Detected<T>, path: KeyPath, target?: TargetConfig): T | undefined {
    if (d.ok) return d.value;
    this.push("error", "detection", d.message, path, target, d.source);
    return undefined;
  }
}
