/**
 * The venv stage beyond each manager's commands: the CA-bundle wrapper the steps that reach an index run
 * through, the venv itself, and the build secrets and SSH agent the install steps get.
 */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { installStep, names, plan, runs, runtimeSteps, script, userSecrets, venvSteps, WRAPPER_STEP_NAME } from "../../test/support/plan-steps.js";
import { createVenv } from "./venv.js";
import { CA_SECRET, RUN_WRAPPER, RUN_WRAPPER_SCRIPT } from "./wrapper.js";

const MANAGER_EXAMPLES = ["poetry-django", "uv-fastapi", "pip-flask"].map((name) => ({ name, ...exampleCase(name) }));

describe("ca-certificates build secret", () => {
  it("steps that reach an index trust the optional ca-certificates secret; others do not", () => {
    expect(CA_SECRET).toEqual({ id: "ca-certificates", target: "/run/secrets/ca-certificates", required: false });
    for (const { name, text, files } of MANAGER_EXAMPLES) {
      const p = plan(text, files);
      const network = runs(venvSteps(p)).filter((s) => s.name !== `python -m venv --copies ${p.venvPath}`);
      expect(network.length, name).toBeGreaterThanOrEqual(2);
      for (const s of network) {
        expect(s.secrets, `${name}: ${s.name}`).toContainEqual(CA_SECRET);
        // Through the wrapper; the script itself carries no CA logic.
        expect(s.wrapper, s.name).toBe(RUN_WRAPPER);
        expect(s.command.kind, s.name).toBe("shell");
        expect(script(s), s.name).not.toContain("ca-certificates");
        expect(script(s), s.name).not.toContain("SSL_CERT_FILE");
      }
      for (const s of [...runs(venvSteps(p)).filter((x) => !network.includes(x)), ...runs(runtimeSteps(p))]) {
        expect(s.secrets.map((x) => x.id), `${name}: ${s.name}`).not.toContain(CA_SECRET.id);
        expect(s.wrapper, `${name}: ${s.name}`).toBeUndefined();
      }
    }
  });

  it("the venv stage first writes the run wrapper, which holds the CA-bundle logic", () => {
    expect(RUN_WRAPPER).toBe("/opt/pydock/bin/pydock-run");
    for (const { name, text, files } of MANAGER_EXAMPLES) {
      const p = plan(text, files);
      expect(venvSteps(p)[0], name).toEqual({
        kind: "file",
        name: WRAPPER_STEP_NAME,
        path: RUN_WRAPPER,
        data: RUN_WRAPPER_SCRIPT,
        mode: 0o755,
        independent: false,
      });
      // Written before any step runs through it.
      expect(venvSteps(p).findIndex((s) => s.kind === "run" && s.wrapper === RUN_WRAPPER), name).toBe(1);
      // Only in the builder: the runtime image never gets the wrapper.
      expect(runtimeSteps(p).some((s) => s.kind === "file" && s.path === RUN_WRAPPER), name).toBe(false);
    }
    // With system packages the apt step (no index of pip's) comes first, the wrapper right after it.
    const psycopgCase = exampleCase("psycopg");
    const psycopg = plan(psycopgCase.text, psycopgCase.files);
    expect(names(venvSteps(psycopg)).slice(0, 3)).toEqual([
      "apt-get install libpq-dev",
      WRAPPER_STEP_NAME,
      `install ${psycopg.manager.name}==${psycopg.manager.version} (pinned set, hash-checked)`,
    ]);

    // The script: a shell script that trusts the optional secret on top of the system bundle, in /tmp, then runs
    // the command keeping its exit status (the hints on failure: wrapper.test.ts runs it).
    expect(RUN_WRAPPER_SCRIPT.split("\n")[0]).toBe("#!/bin/sh");
    expect(RUN_WRAPPER_SCRIPT).toContain("if [ -s /run/secrets/ca-certificates ]; then");
    expect(RUN_WRAPPER_SCRIPT).toContain(
      "cat /etc/ssl/certs/ca-certificates.crt /run/secrets/ca-certificates > /tmp/pydock-ca.pem 2>/dev/null || cp /run/secrets/ca-certificates /tmp/pydock-ca.pem",
    );
    expect(RUN_WRAPPER_SCRIPT).toContain("export SSL_CERT_FILE=/tmp/pydock-ca.pem PIP_CERT=/tmp/pydock-ca.pem REQUESTS_CA_BUNDLE=/tmp/pydock-ca.pem");
    expect(RUN_WRAPPER_SCRIPT).toContain('{ "$@"; echo $? > /tmp/pydock-step.rc; } 2>&1 | tee /tmp/pydock-step.log');
    expect(RUN_WRAPPER_SCRIPT.trimEnd().split("\n").at(-1)).toBe('exit "$rc"');
  });
});

describe("the application venv", () => {
  it("is created with copies of the interpreter, no pip, and one real python binary", () => {
    const cmd = createVenv("/app/venv");
    expect(cmd.name).toBe("python -m venv --copies /app/venv");
    expect(cmd.script).toBe(
      "python -m venv --copies --without-pip /app/venv && " +
        'cd /app/venv/bin && real=$(ls python3.* | head -n 1) && ln -sf "$real" python && ln -sf "$real" python3',
    );
    expect(cmd.caches).toEqual([]);
    // A path with spaces is quoted.
    expect(createVenv("/opt/my venv").script).toMatch(/^python -m venv --copies --without-pip '\/opt\/my venv' && cd '\/opt\/my venv'\/bin/);
  });
});

describe("secrets and the SSH agent", () => {
  const { text: fastapiText, files: fastapi } = exampleCase("uv-fastapi");

  it("secrets are attached to the install steps; git+ssh sources in the lock add the ssh agent", () => {
    const text = `${fastapiText}\n[[secrets]]\nid = "pypi-token"\nenv = "UV_INDEX_PRIVATE_PASSWORD"\n\n[[secrets]]\nid = "netrc"\ntarget = "/root/.netrc"\nrequired = false\n`;
    const lock = fastapi.get("uv.lock") + '\n[[package]]\nname = "lib"\nsource = { git = "ssh://git@github.com/acme/lib.git" }\n';
    const p = plan(text, new Map([...fastapi, ["uv.lock", lock]]));
    const expected = [
      { id: "pypi-token", env: "UV_INDEX_PRIVATE_PASSWORD", required: true, origin: { path: ["secrets", 0] } },
      { id: "netrc", target: "/root/.netrc", required: false, origin: { path: ["secrets", 1] } },
    ];
    expect(userSecrets(installStep(p))).toEqual(expected);
    expect(installStep(p).ssh).toBe(true);
    const project = runs(venvSteps(p)).at(-1);
    expect(project && userSecrets(project)).toEqual(expected);
    expect(project?.ssh).toBe(true);
    // Not on the manager install, the venv creation or any runtime step.
    for (const s of [...runs(venvSteps(p)).slice(0, 2), ...runs(runtimeSteps(p))]) {
      expect(userSecrets(s), s.name).toEqual([]);
      expect(s.ssh, s.name).toBe(false);
    }
    // Without ssh sources, no agent unless [dependencies] ssh = true.
    expect(installStep(plan(fastapiText, fastapi)).ssh).toBe(false);
    expect(installStep(plan(fastapiText.replace('manager = "uv"', 'manager = "uv"\nssh = true'), fastapi)).ssh).toBe(true);
  });
});
