/** The install-step wrapper, run for real with /bin/sh: exit status kept, output kept, hints on known failures. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MISSING_HINTS, RUN_WRAPPER_SCRIPT } from "./wrapper.js";

const dir = mkdtempSync(join(tmpdir(), "pydock-wrapper-"));
const script = join(dir, "pydock-run");
writeFileSync(script, RUN_WRAPPER_SCRIPT, { mode: 0o755 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `sh -c CMD` through the wrapper; stdout and stderr apart. */
const wrapped = (cmd: string, env: Record<string, string> = {}) =>
  spawnSync("/bin/sh", [script, "/bin/sh", "-c", cmd], { encoding: "utf8", env: { PATH: process.env["PATH"], ...env } });

describe("the install wrapper", () => {
  it("runs the command with its output and exit status", () => {
    const ok = wrapped("echo installed; echo warning >&2");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("installed");
    expect(ok.stdout).toContain("warning");
    expect(ok.stderr).toBe("");
    expect(wrapped("exit 7").status).toBe(7);
  });

  it("names the Debian package and the key when a known header or tool is missing", () => {
    const r = wrapped(`echo "src/psycopg/pq.c:1:10: fatal error: libpq-fe.h: No such file or directory"; exit 1`);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pydock: this build needs the Debian package(s) libpq-dev: add them to [dependencies] system-packages in pydock.toml\n");
    const mysql = wrapped(`echo "OSError: mysql_config not found" >&2; exit 1`);
    expect(mysql.stderr).toContain("default-libmysqlclient-dev pkg-config");
  });

  it("says nothing on other failures, and nothing when the command succeeds", () => {
    expect(wrapped("echo 'No matching distribution found for nope'; exit 1").stderr).toBe("");
    expect(wrapped("echo 'cairo.h is mentioned'; exit 0").stderr).toBe("");
  });

  it("names the index URLs from pydock.toml, without credentials, when an index cannot be reached", () => {
    const pip = wrapped(
      `echo "WARNING: Retrying after connection broken by 'NewConnectionError(... Failed to establish a new connection: [Errno 111] Connection refused')': /simple/blinker/"; exit 1`,
      { PIP_INDEX_URL: "https://user:s3cret@pypi.example.com/simple", PIP_EXTRA_INDEX_URL: "http://127.0.0.1:9/simple" },
    );
    expect(pip.status).toBe(1);
    expect(pip.stderr).toBe(
      "pydock: the install could not reach a package index (Failed to establish a new connection): https://pypi.example.com/simple http://127.0.0.1:9/simple. Check [dependencies] index-url and extra-index-urls in pydock.toml (or the project's index settings) and that the build can reach it.\n",
    );
    expect(pip.stdout + pip.stderr).not.toContain("s3cret@");
    const uv = wrapped(`echo "  Caused by: dns error: failed to lookup address information: Name or service not known" >&2; exit 2`, { UV_DEFAULT_INDEX: "https://nowhere.invalid/simple" });
    expect(uv.status).toBe(2);
    expect(uv.stderr).toContain("(dns error): https://nowhere.invalid/simple.");
    const poetry = wrapped(`echo "HTTPSConnectionPool(host='x', port=443): Max retries exceeded"; exit 1`);
    expect(poetry.stderr).toContain("(Max retries exceeded): the index the project's own settings name.");
  });

  it("quotes every needle safely for the shell", () => {
    for (const [needle] of MISSING_HINTS) {
      const r = wrapped(`printf '%s\\n' '${needle.replace(/'/g, `'\\''`)}'; exit 2`);
      expect(r.status, needle).toBe(2);
      expect(r.stderr, needle).toMatch(/^pydock: this build needs/);
    }
  });
});
