/** The registry: every rule id has one rule, and docs/checks.md documents each with its severity. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHECK_RULE_IDS } from "../core/check-rules.js";
import { RULES, ruleOf, ruleUrl } from "./rules.js";

const docs = readFileSync(new URL("../../docs/checks.md", import.meta.url), "utf8");

describe("rules", () => {
  it("has one rule per id, PascalCase, each with a one-line description", () => {
    expect(RULES.map((r) => r.id)).toEqual([...CHECK_RULE_IDS]);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(r.description).not.toContain("\n");
    }
    expect(ruleOf("RunsAsRoot")?.severity).toBe("warning");
    expect(ruleOf("toString")).toBeUndefined();
  });

  it("documents every rule in docs/checks.md with its severity and an anchor its URL points at", () => {
    for (const r of RULES) {
      const row = docs.split("\n").find((l) => l.includes(`\`${r.id}\``) && l.startsWith("| <a"));
      expect(row, r.id).toContain(`| ${r.severity} |`);
      const anchor = ruleUrl(r.id).split("#")[1];
      expect(row).toContain(`<a id="${anchor}"></a>`);
    }
  });
});
