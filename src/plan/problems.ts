/**
 * Problems: collects what the user can fix as diagnostics pointing into pydock.toml, so every problem is
 * reported at once in a single UserError.
 */
import type { KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import { UserError, type Diagnostic, type Range } from "../config/source.js";
import type { Detected } from "./detect.js";

/** Collects problems as diagnostics in pydock.toml so the user sees all of them at once. */
export class Problems {
  private readonly list: Diagnostic[] = [];
  constructor(private readonly config: PydockConfig) {}

  private range(path: KeyPath, target?: TargetConfig): Range {
    const fallback = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    for (let n = path.length; n > 0; n--) {
      const r = (target ?? this.config).locate(path.slice(0, n));
      if (r) return r;
    }
    return fallback;
  }
  add(message: string, path: KeyPath, target?: TargetConfig): void {
    this.list.push({ file: this.config.filename, range: this.range(path, target), message });
  }
  take<T>(d: Detected<T>, path: KeyPath, target?: TargetConfig): T | undefined {
    if (d.ok) return d.value;
    this.add(d.message, path, target);
    return undefined;
  }
  fatal(message: string, path: KeyPath): UserError {
    this.add(message, path);
    return new UserError(this.list);
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new UserError(this.list);
  }
}
