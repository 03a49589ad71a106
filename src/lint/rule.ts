/**
 * What a lint rule is and what it sees. A rule is an id, a severity and a one-line description (shown by
 * `docker buildx build --check` and `pydock check`, and documented in docs/checks.md), and a pure function
 * from a {@link LintContext} — the planned build: config, target, plan and the project's files — to its
 * findings, each a message at a place in pydock.toml (the key to change) or in the project file concerned.
 */
import type { KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import type { CheckRuleId } from "../core/check-rules.js";
import { FILE_START, type Diagnostic, type Severity } from "../core/diagnostics.js";
import type { ProjectFiles, Pyproject } from "../plan/project.js";
import type { BuildPlan } from "../plan/types.js";

export interface RuleInfo {
  readonly id: CheckRuleId;
  readonly severity: Severity;
  /** One line: what the rule finds and why it matters (BuildKit's lint `description`). */
  readonly description: string;
}

/** A finding: where and what; lint adds the rule's id (as the code) and severity. */
export type Finding = Pick<Diagnostic, "file" | "range" | "message">;

export interface Rule extends RuleInfo {
  /** The rule's findings; absent for the rules that report the build's own warnings (build-warnings.ts). */
  readonly check?: (ctx: LintContext) => readonly Finding[];
}

/** The planned build as the rules see it. */
export interface LintContext {
  readonly config: PydockConfig;
  /** The planned target's configuration (the runtime target's for `venv`). */
  readonly target: TargetConfig;
  readonly plan: BuildPlan;
  readonly files: ProjectFiles;
  /** .dockerignore's patterns (core/dockerignore.ts), empty without one. */
  readonly dockerignore: readonly string[];
  /** pyproject.toml, when present and valid. */
  readonly pyproject: Pyproject | undefined;
  /**
   * The place of the first of `paths` written in pydock.toml (in the target's table, else at the top level);
   * when none is, the nearest written table enclosing the first, else the file's start.
   */
  key(...paths: KeyPath[]): Pick<Diagnostic, "file" | "range">;
}

/** A {@link LintContext}'s `key` for a target of a config. */
export function keyLocator(config: PydockConfig, target: TargetConfig): LintContext["key"] {
  return (...paths) => {
    const file = config.filename;
    for (const path of paths) {
      const range = target.written(path) !== undefined ? target.locate(path) : undefined;
      if (range) return { file, range };
    }
    const first = paths[0] ?? [];
    return { file, range: target.locate(first) ?? config.locate(first) ?? FILE_START };
  };
}
