/** `[check] skip`: rule ids (or "all"), validated with a "did you mean"; absent means nothing skipped. */
import { describe, expect, test } from "vitest";
import { loadConfig } from "../load.js";

function load(text: string) {
  return loadConfig({ name: "pydock.toml", text }, { buildArgs: new Map() });
}

describe("[check]", () => {
  test("skip holds rule ids, as an array or one comma-separated string; absent, nothing is skipped", () => {
    const r = load('[check]\nskip = ["DebugEnabled", "all"]\n');
    expect(r.ok && r.config.check.skip).toEqual(["DebugEnabled", "all"]);
    const s = load('[check]\nskip = "RunsAsRoot, PortNotExposed"\n');
    expect(s.ok && s.config.check.skip).toEqual(["RunsAsRoot", "PortNotExposed"]);
    const none = load("# syntax=x\n");
    expect(none.ok && none.config.check.skip).toEqual([]);
  });

  test("an unknown rule id is an error at the item, with a did-you-mean", () => {
    const r = load('[check]\nskip = ["RunsAsRoot", "DebugEnable", "Nonsense"]\n');
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);
    expect(messages[0]).toBe('2:23 [check] skip item 2: unknown rule "DebugEnable" (did you mean "DebugEnabled"?)');
    expect(messages[1]).toMatch(/^2:38 \[check\] skip item 3: unknown rule "Nonsense" \(the rules: DebugEnabled, .*; or "all"\)$/);
  });

  test("unknown keys in [check] are reported like any table's", () => {
    const r = load("[check]\nskips = []\n");
    expect(r.ok ? [] : r.diagnostics.map((d) => d.message)).toEqual(['unknown key "skips" in [check] (did you mean "skip"?)']);
  });
});
