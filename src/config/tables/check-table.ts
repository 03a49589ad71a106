/** `[check]`: the lint rules to skip, validated against the rule ids with a "did you mean". */
import { CHECK_RULE_IDS, SKIP_ALL, isCheckRuleId } from "../../core/check-rules.js";
import type { CheckConfig } from "../model.js";
import { type Checker, readStrings } from "./check.js";
import { closest, tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

/** `[check]` (the table is named after `pydock check`; the Checker lives in check.ts). */
export function readCheck(ck: Checker, node: LNode | undefined): CheckConfig {
  const t = ck.table(node, "check", tableKeys.check);
  return { skip: readStrings(ck, t?.entries.get("skip"), unknownRule) ?? [] };
}

/** Why `id` cannot be skipped, or undefined when it names a rule (or "all"). Shared with PYDOCK_CHECK. */
export function unknownRule(id: string): string | undefined {
  if (id === SKIP_ALL || isCheckRuleId(id)) return undefined;
  const near = closest(id, CHECK_RULE_IDS);
  const hint = near === undefined ? ` (the rules: ${CHECK_RULE_IDS.join(", ")}; or "${SKIP_ALL}")` : ` (did you mean "${near}"?)`;
  return `unknown rule "${id}"${hint}`;
}
