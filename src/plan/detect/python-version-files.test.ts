import { describe, expect, it } from "vitest";
import { parsePin } from "./python-version-files.js";

describe("parsePin", () => {
  it.each([
    ["3.12", "3.12"],
    ["3.12.1", "3.12.1"],
    ["cpython-3.13.1", "3.13.1"],
    ["cpython@3.12", "3.12"],
    ["python-3.11.9", "3.11.9"],
    ["python3.10", "3.10"],
    ["3.13t", "3.13"],
    ["3.11.9rc1", "3.11.9"],
    ["cpython-3.12.1-linux-x86_64-gnu", "3.12.1"],
  ])("%j → %s", (raw, want) => {
    expect(parsePin(raw)?.version).toBe(want);
  });
  it.each([["pypy3.10"], ["system"], ["latest"], ["3"], [""], ["3.x"], ["3.11.9.1"]])("%j is not a pin", (raw) => {
    expect(parsePin(raw)).toBeUndefined();
  });
});
