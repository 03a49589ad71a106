import { it } from "vitest";
import { compileCase } from "../support/compile.js";

it("deep project toml", async () => {
  for (const [path, body] of [["pyproject.toml", `x = ${"[".repeat(300000)}`], ["pyproject.toml", `[project]\nname = "a"\ndependencies = ${"[".repeat(5000)}${"]".repeat(5000)}\n`], ["mise.toml", `x = ${"{a=".repeat(100000)}`], ["uv.lock", `x = ${"[".repeat(1000000)}`], ["Pipfile", `x = ${"[".repeat(100000)}`], ["poetry.lock", `x = ${"[".repeat(1000000)}`]] as const) {
    for (const text of ["# syntax=x\n", `[python]\nversion = "3.11"\n[dependencies]\nmanager = "uv"\n[runtime]\ncommand = "x"\n`]) {
      const t = performance.now();
      try {
        const r = await compileCase({ text, files: { [path]: body, "uv.lock": "version = 1\n", ...(path === "uv.lock" ? { "uv.lock": body, "pyproject.toml": "[project]\nname='zz'\n" } : {}) } });
        console.log("DEEP", path, r.ok ? "ok" : r.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.message.slice(0, 120)}`).join(" | "), Math.round(performance.now() - t));
      } catch (e) { console.log("DEEP", path, "CRASH", String(e).slice(0, 200)); }
    }
  }
}, 600000);
