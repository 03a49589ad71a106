/**
 * Problems: what the planner finds wrong (or worth a warning) about the project, as diagnostics pointing
 * into pydock.toml at the key that would fix it, so every problem is reported at once.
 */
import type { KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import { FILE_START, type Diagnostic, type Range, type Severity } from "../core/diagnostics.js";
import type { Detected } from "./detect.js";

export class Problems {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  constructor(private readonly config: PydockConfig) {}

  /** The key at `path` in the target's table (or the top level), or the nearest enclosing one that is written. */
  private range(path: KeyPath, target?: TargetConfig): Range {
    for (let n = path.length; n > 0; n--) {
      const r = (target ?? this.config).locate(path.slice(0, n));
      if (r) return r;
    }
    return FILE_START;
  }

  private push(severity: Severity, code: string, message: string, path: KeyPath, target?: TargetConfig): void {
    const list = severity === "error" ? this.errors : this.warnings;
    list.push({ file: this.config.filename, range: this.range(path, target), message, code, severity });
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
    this.add(d.message, path, target, "detection");
    return undefined;
  }
}
