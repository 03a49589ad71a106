/** DebugEnabled and SecretInEnv: [runtime] env read as the image config will carry it. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, lintCase, resultsOf } from "../../test/support/lint.js";

const line = (text: string, start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;

describe("DebugEnabled", () => {
  it("reports a debug switch that is on, at its key", () => {
    const text = `${BASE_TOML}env = { PORT = "8000" }\n\n[targets.dev.runtime.env]\nFLASK_DEBUG = "1"\n`;
    const viaTarget = lintCase({ text, target: "dev" });
    expect(resultsOf(viaTarget, "DebugEnabled")).toEqual([
      `pydock.toml:${line(text, "FLASK_DEBUG")}: [runtime] env FLASK_DEBUG = "1" turns debug mode on in the image; set it to "false" (or drop it) and turn it on where you run a development container (docker run -e FLASK_DEBUG=1)`,
    ]);
    const plain = `${BASE_TOML}\n[runtime.env]\nDEBUG = true\nDJANGO_DEBUG = "On"\n`;
    expect(resultsOf(lintCase({ text: plain }), "DebugEnabled").map((r) => r.split(":")[1])).toEqual([String(line(plain, "DEBUG")), String(line(plain, "DJANGO_DEBUG"))]);
    expect(lintCase({ text: plain }).find((r) => r.code === "DebugEnabled")?.severity).toBe("warning");
  });

  it("is quiet for a switch that is off, and for other names", () => {
    const text = `${BASE_TOML}env = { DEBUG = "false", FLASK_DEBUG = "0", DEBUG_TOOLBAR = "1", LOG_LEVEL = "debug" }\n`;
    expect(resultsOf(lintCase({ text }), "DebugEnabled")).toEqual([]);
    // The runtime target is not the dev target's.
    expect(resultsOf(lintCase({ text: `${BASE_TOML}\n[targets.dev.runtime.env]\nDEBUG = "1"\n` }), "DebugEnabled")).toEqual([]);
  });
});

describe("SecretInEnv", () => {
  it("reports a literal value of a secret-looking name, as an error", () => {
    const text = `${BASE_TOML}\n[runtime.env]\nSECRET_KEY = "django-insecure-123"\nDB_PASSWORD = "hunter2"\nOPENAI_API_KEY = "sk-x"\n`;
    const results = lintCase({ text });
    expect(resultsOf(results, "SecretInEnv")).toHaveLength(3);
    expect(resultsOf(results, "SecretInEnv")[1]).toBe(
      `pydock.toml:${line(text, "DB_PASSWORD")}: [runtime] env DB_PASSWORD holds a literal secret, stored in the image config where anyone who pulls the image reads it; give it to the container when it starts (docker run -e DB_PASSWORD, a secret store) and leave it out of pydock.toml`,
    );
    expect(results.find((r) => r.code === "SecretInEnv")?.severity).toBe("error");
  });

  it("is quiet for ${ARG} references, empty values and names that only mention a secret", () => {
    const text = `[args]\nTOKEN_VALUE = "x"\n\n${BASE_TOML}\n[runtime.env]\nGITHUB_TOKEN = "\${TOKEN_VALUE}"\nAPI_TOKEN = ""\nPASSWORD_FILE = "/run/secrets/db"\nTOKEN_URL = "https://x"\n`;
    expect(resultsOf(lintCase({ text }), "SecretInEnv")).toEqual([]);
  });
});
