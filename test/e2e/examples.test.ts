/**
 * Every example project builds through its pydock.toml, starts, answers HTTP, and ships no package manager,
 * compiler or cache: uv + FastAPI (src layout), pip + Flask (hash-checked requirements), a zero-config
 * project (only the syntax line), psycopg2 compiled against libpq, PDM + Starlette (a package, src layout) and Pipenv + Bottle.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, inImage, inspect, startContainer, waitHttp } from "./harness.js";

const EXAMPLES: { name: string; health: string; body: RegExp; extra?: (tag: string) => Promise<void> }[] = [
  { name: "uv-fastapi", health: "/health", body: /FastAPI/ },
  { name: "pip-flask", health: "/health", body: /Flask/ },
  { name: "zero-config", health: "/health", body: /Zero config/ },
  { name: "pdm-starlette", health: "/health", body: /Hello from Starlette, installed by PDM/ },
  { name: "pipenv-bottle", health: "/health", body: /Hello from Bottle, installed by Pipenv/ },
  {
    name: "psycopg",
    health: "/health",
    body: /linked against libpq/,
    extra: async (tag) => {
      // Built against libpq-dev in the builder; only the shared library in the runtime image.
      const r = await inImage(tag, "ls /usr/include/postgresql/libpq-fe.h 2>&1; ls /usr/lib/x86_64-linux-gnu/libpq.so.5", "0");
      expect(r.output).toMatch(/No such file/);
      expect(r.output).toMatch(/libpq\.so\.5/);
    },
  },
];

for (const builder of await builders()) {
  describe.each(EXAMPLES)(`$name on ${builder}`, (example) => {
    const tag = `pydock-e2e/${example.name}:${builder}`;
    beforeAll(async () => {
      const r = await build({ builder, context: join(ROOT, "examples", example.name), tag });
      if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
    });

    it("starts and answers HTTP on port 8000", async () => {
      const c = await startContainer(tag);
      try {
        const home = await waitHttp(`${c.url}/`);
        expect(home.status).toBe(200);
        expect(home.body).toMatch(example.body);
        expect((await waitHttp(`${c.url}${example.health}`)).status).toBe(200);
      } finally {
        await c.stop();
      }
    });

    it("ships no package manager, compiler or cache", async () => {
      const r = await inImage(tag, "for t in uv poetry pdm pipenv gcc cc git; do command -v $t; done; ls -d /opt/pydock /root/.cache $VIRTUAL_ENV/bin/pip 2>/dev/null; true", "0");
      expect(r.output.trim()).toBe("");
      expect((await inspect(tag)).Config["User"]).toBe("10001:10001");
      await example.extra?.(tag);
    });
  });
}
