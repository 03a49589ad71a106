import { describe, expect, it } from "vitest";
import { scanPython } from "./python-source.js";

describe("scanPython", () => {
  it("imports anywhere, module-level assignments from calls, functions, tracked calls", () => {
    const m = scanPython(
      [
        "import os, sys as system",
        "from fastapi import FastAPI",
        "from .local import thing",
        "try:",
        "    import flask.json",
        "except ImportError:",
        "    pass",
        "",
        "app = FastAPI(title='x')",
        "api: FastAPI = FastAPI()",
        "app2, rt = fast_app()",
        "(a, b) = web.Application()",
        "x == y(1)",
        "z = not_a_call",
        "w = obj.attr.method (1)",
        "    indented = Flask(__name__)",
        "",
        "@decorator",
        "async def create_app(config=None, *args, **kw) -> FastAPI:",
        "    app = FastAPI()",
        "    return app",
        "",
        "def init(argv):",
        "    return web.Application()",
        "",
        "def signature(",
        "    a,",
        "    b=(1, 2),",
        ") -> 'str':",
        "    return helper(a)",
        "",
        "if __name__ == '__main__':",
        "    web.run_app(app)",
        "    serve()",
      ].join("\n"),
    );
    expect([...m.imports].sort()).toEqual(["fastapi", "flask", "os", "sys"]);
    expect(m.assignments.map((a) => [a.targets.join(","), a.callee, a.line])).toEqual([
      ["app", "FastAPI", 9],
      ["api", "FastAPI", 10],
      ["app2,rt", "fast_app", 11],
      ["a,b", "web.Application", 12],
      ["w", "obj.attr.method", 15],
    ]);
    expect(m.functions.map((f) => [f.name, f.line, f.callableBare, f.takesArgv, f.returns, [...f.bodyCallees].sort()])).toEqual([
      ["create_app", 19, true, false, "FastAPI", ["FastAPI"]],
      ["init", 23, false, true, undefined, ["web.Application"]],
      ["signature", 26, false, false, undefined, ["helper"]],
    ]);
    expect([...m.calls].sort()).toEqual(["run_app", "serve"]);
  });

  it("skips triple-quoted strings and comments", () => {
    const m = scanPython('"""Docs:\napp = Flask(__name__)\n"""\n# app = FastAPI()\nx = \'\'\'\napp = Quart()\n\'\'\'\nreal = Starlette()\n');
    expect(m.assignments.map((a) => a.callee)).toEqual(["Starlette"]);
  });

  it("handles CRLF line ends and empty input", () => {
    expect(scanPython("from flask import Flask\r\napp = Flask(__name__)\r\n").assignments).toEqual([{ targets: ["app"], callee: "Flask", line: 2 }]);
    expect(scanPython("")).toEqual({ imports: new Set(), assignments: [], functions: [], calls: new Set() });
  });

  it("an unclosed signature ends after 50 lines", () => {
    const m = scanPython(`def create_app(\n${"    a=1,\n".repeat(60)}app = Flask()\n`);
    expect(m.functions.map((f) => f.name)).toEqual(["create_app"]);
    expect(m.assignments.map((a) => a.callee)).toEqual(["Flask"]);
  });
});
