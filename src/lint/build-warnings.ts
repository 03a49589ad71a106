/**
 * The warnings a build prints, as rule results: config and planning already report them as diagnostics with
 * a code ("detected", "no-revision", "base-fallback", "unused-arg"); here each code gets the rule id and
 * severity that `[check] skip` and `PYDOCK_CHECK` know it by. A code without a rule of its own (one added
 * later) is reported as BuildWarning, so no warning of the build is ever missing from the check.
 */
import type { CheckRuleId } from "../core/check-rules.js";
import type { Diagnostic, Severity } from "../core/diagnostics.js";
import type { Rule } from "./rule.js";

/** A rule that reports a warning of the build: metadata only, its results come from buildWarningResults. */
const reported = (id: CheckRuleId, severity: Severity, description: string): Rule => ({ id, severity, description });

export const detectedSetting = reported("DetectedSetting", "info", "pydock detected a setting pydock.toml leaves out (Python version, manager, command, system packages); the build says what it chose and why.");
export const noRevision = reported("NoRevision", "info", "No commit id reached the build (no vcs:revision from the client, no .git in the context): the version file and the revision label are left out.");
export const baseImageFallback = reported("BaseImageFallback", "warning", "A base image for a patch release could not be resolved, and the minor version's image is used instead.");
export const unusedArg = reported("UnusedArg", "warning", "An [args] entry is declared but never used as ${NAME}.");
export const buildWarning = reported("BuildWarning", "warning", "Another warning of the build, reported as the build reports it.");

/** The rule of each code the build warns with. */
const RULE_OF_CODE: Readonly<Record<string, Rule>> = {
  detected: detectedSetting,
  "no-revision": noRevision,
  "base-fallback": baseImageFallback,
  "unused-arg": unusedArg,
};

/** The build's warnings as rule results: code → rule id, severity the rule's. */
export function buildWarningResults(warnings: readonly Diagnostic[]): Diagnostic[] {
  return warnings.map((w) => {
    const rule = Object.hasOwn(RULE_OF_CODE, w.code) ? (RULE_OF_CODE[w.code] ?? buildWarning) : buildWarning;
    const code: CheckRuleId = rule.id;
    return { ...w, code, severity: rule.severity };
  });
}
