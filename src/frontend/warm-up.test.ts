import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { warmUp } from "./warm-up.js";

describe("warmUp", () => {
  it("compiles every example project all the way to LLB (so the snapshot holds the whole compile path)", async () => {
    const compiled = await warmUp(join(import.meta.dirname, "../../examples"));
    expect(compiled.map((c) => c.name)).toEqual(["pdm-starlette", "pip-flask", "pipenv-bottle", "poetry-django", "psycopg", "uv-fastapi", "zero-config"]);
    expect(compiled.filter((c) => !c.ok)).toEqual([]);
  });
});
