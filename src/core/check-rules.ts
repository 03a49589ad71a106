/**
 * The ids of pydock's lint rules, the names `[check] skip`, `PYDOCK_CHECK=skip=…`, `pydock check` and
 * `docker buildx build --check` share. Only the names live here, in the shared vocabulary, so that the config
 * reader can validate `skip` without depending on the rules; each rule's severity, description and check are
 * in src/lint/ (registry: src/lint/rules.ts), and docs/checks.md documents them.
 */

/** Every rule id, PascalCase like BuildKit's Dockerfile checks. */
export const CHECK_RULE_IDS = [
  "DebugEnabled",
  "SecretInEnv",
  "PortNotExposed",
  "DevServerInProduction",
  "PythonVersionExcluded",
  "UnpinnedRequirements",
  "BaseImageNotPinned",
  "RunsAsRoot",
  "AppFilesWritable",
  "CopyIgnored",
  // The warnings a build prints, as rule results.
  "DetectedSetting",
  "NoRevision",
  "BaseImageFallback",
  "UnusedArg",
  "BuildWarning",
] as const;

export type CheckRuleId = (typeof CHECK_RULE_IDS)[number];

/** `skip = ["all"]`, `PYDOCK_CHECK=skip=all`: every rule. */
export const SKIP_ALL = "all";

export const isCheckRuleId = (s: string): s is CheckRuleId => (CHECK_RULE_IDS as readonly string[]).includes(s);
