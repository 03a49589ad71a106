import { describe, expect, it } from "vitest";
import { UserError } from "../core/diagnostics.js";
import {
  BuildkitRpcError,
  DetailType,
  UnsupportedDaemonError,
  UnsupportedSubrequestError,
  jsonAny,
  status,
  toPbRange,
  toRpcStatus,
} from "./errors.js";
import { FrontendOptionError } from "./opts.js";

const json = (v: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(v)) as unknown;

describe("toRpcStatus", () => {
  const text = '[project]\nname = "demo"\npyhton = "3.12"\n';
  const file = { name: "pydock.toml", text };

  it("turns a UserError into UNKNOWN (no code prefix in buildx) with errdefs.Source details", () => {
    const err = new UserError(
      [
        { file: "pydock.toml", range: { start: { line: 3, column: 1 }, end: { line: 3, column: 7 } }, message: 'unknown key "pyhton"', code: "test", severity: "error" },
        { file: "pydock.toml", range: { start: { line: 2, column: 8 }, end: { line: 2, column: 14 } }, message: "bad name", code: "test", severity: "error" },
        { file: "other.toml", range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, message: "no source", code: "test", severity: "error" },
      ],
      [file],
    );
    const st = toRpcStatus(err);
    expect(st.code).toBe(2);
    expect(st.message).toBe('pydock.toml:3:1: unknown key "pyhton"\npydock.toml:2:8: bad name\nother.toml:1:1: no source');
    expect(st.details.map((d) => d.typeUrl)).toEqual([DetailType.source, DetailType.source]);
    // Exactly what Go's encoding/json produces for errdefs.Source (omitempty; bytes as std base64).
    expect(new TextDecoder().decode(st.details[0]?.value)).toBe(
      JSON.stringify({
        info: { filename: "pydock.toml", data: Buffer.from(text).toString("base64"), language: "TOML" },
        ranges: [{ start: { line: 3 }, end: { line: 3, character: 6 } }],
      }),
    );
    expect(json(st.details[1]?.value)).toMatchObject({ ranges: [{ start: { line: 2, character: 7 }, end: { line: 2, character: 13 } }] });
  });

  it("finds a UserError given as a cause", () => {
    const inner = new UserError([{ file: "pydock.toml", range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, message: "m", code: "test", severity: "error" }], [file]);
    expect(toRpcStatus(new Error("loading", { cause: inner })).code).toBe(2);
  });

  it("forwards a BuildKit Status unchanged, and keeps code and details when wrapped", () => {
    const original = status(13, "process \"uv sync\" did not complete successfully: exit code: 1", [jsonAny("x+json", { a: 1 })]);
    const err = new BuildkitRpcError("Solve", original);
    expect(toRpcStatus(err)).toBe(original);
    const wrapped = toRpcStatus(new Error("building venv", { cause: err }));
    expect(wrapped.code).toBe(13);
    expect(wrapped.message).toBe(`building venv: ${original.message}`);
    expect(wrapped.details).toEqual(original.details);
  });

  it("reports unsupported subrequests with an errdefs.Subrequest detail", () => {
    const st = toRpcStatus(new UnsupportedSubrequestError("frontend.lint"));
    expect(st.code).toBe(12);
    expect(st.message).toBe("unsupported request frontend.lint");
    expect(st.details[0]?.typeUrl).toBe("github.com/moby/buildkit/errdefs.Subrequest+json");
    expect(json(st.details[0]?.value)).toEqual({ name: "frontend.lint" });
  });

  it("maps option and daemon errors, and anything else to UNKNOWN without a stack", () => {
    expect(toRpcStatus(new FrontendOptionError("bad platform")).code).toBe(2);
    const daemon = toRpcStatus(new UnsupportedDaemonError(["return", "llb:file.base"]));
    expect(daemon.code).toBe(12);
    expect(daemon.message).toContain("return, llb:file.base");
    const st = toRpcStatus(new TypeError("x is undefined"));
    expect(st).toMatchObject({ code: 2, message: "x is undefined", details: [] });
    expect(toRpcStatus("plain string")).toMatchObject({ code: 2, message: "plain string" });
  });
});

describe("toPbRange", () => {
  it("uses 1-based lines and 0-based characters", () => {
    expect(toPbRange({ start: { line: 2, column: 3 }, end: { line: 2, column: 9 } })).toEqual({
      start: { line: 2, character: 2 },
      end: { line: 2, character: 8 },
    });
  });

  it("pulls an end at column 1 of the next line back to the end of the previous line", () => {
    expect(toPbRange({ start: { line: 1, column: 1 }, end: { line: 3, column: 1 } }, "ab\ncdef\nx")).toEqual({
      start: { line: 1, character: 0 },
      end: { line: 2, character: 4 },
    });
  });
});
