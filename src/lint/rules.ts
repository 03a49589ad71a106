/**
 * The registry of lint rules: every id of core/check-rules.ts with its rule (the compiler checks that none
 * is missing), in the order docs/checks.md lists them. `pydock check --list`, the frontend's `--call=check`
 * and the docs test read the rules from here.
 */
import { CHECK_RULE_IDS, type CheckRuleId } from "../core/check-rules.js";
import { baseImageFallback, buildWarning, detectedSetting, noRevision, unusedArg } from "./build-warnings.js";
import { copyIgnored } from "./copy-ignored.js";
import { devServerInProduction } from "./dev-server.js";
import { debugEnabled, secretInEnv } from "./env.js";
import { appFilesWritable, baseImageNotPinned, runsAsRoot } from "./image.js";
import { portNotExposed } from "./ports.js";
import { pythonVersionExcluded } from "./python-version.js";
import { unpinnedRequirements } from "./requirements.js";
import type { Rule } from "./rule.js";

const BY_ID: Readonly<Record<CheckRuleId, Rule>> = {
  DebugEnabled: debugEnabled,
  SecretInEnv: secretInEnv,
  PortNotExposed: portNotExposed,
  DevServerInProduction: devServerInProduction,
  PythonVersionExcluded: pythonVersionExcluded,
  UnpinnedRequirements: unpinnedRequirements,
  BaseImageNotPinned: baseImageNotPinned,
  RunsAsRoot: runsAsRoot,
  AppFilesWritable: appFilesWritable,
  CopyIgnored: copyIgnored,
  DetectedSetting: detectedSetting,
  NoRevision: noRevision,
  BaseImageFallback: baseImageFallback,
  UnusedArg: unusedArg,
  BuildWarning: buildWarning,
};

/** Every rule, in the order of CHECK_RULE_IDS. */
export const RULES: readonly Rule[] = CHECK_RULE_IDS.map((id) => BY_ID[id]);

/** The rule of an id (a diagnostic's code), or undefined for a code that is not a rule id. */
export const ruleOf = (id: string): Rule | undefined => (Object.hasOwn(BY_ID, id) ? BY_ID[id as CheckRuleId] : undefined);

/** Where a rule is documented. */
export const ruleUrl = (id: string): string => `https://github.com/pydock/pydock/blob/main/docs/checks.md#${id.toLowerCase()}`;
