/** System steps: apt packages through cache mounts, and the runtime user, timezone and directories. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { envOf, plan, PY, runStep, runtimeSteps, script, venvSteps } from "../../test/support/plan-steps.js";
import { APP_UID } from "./constants.js";
import { aptInstall, runtimeSetup } from "./system.js";

describe("system packages", () => {
  it("apt-get installs through locked cache mounts, builder and runtime caches apart (examples/psycopg)", () => {
    const { text, files } = exampleCase("psycopg");
    const p = plan(text, files);
    const builder = runStep(venvSteps(p)[0]);
    expect(builder.name).toBe("apt-get install libpq-dev");
    expect(script(builder)).toBe(
      "rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -q && apt-get install -y -q --no-install-recommends -o APT::Keep-Downloaded-Packages=true libpq-dev && " +
        "for f in /var/log/dpkg.log /var/log/alternatives.log /var/log/apt/history.log /var/log/apt/term.log /var/cache/ldconfig/aux-cache; " +
        'do if [ -e "$f" ]; then : > "$f"; fi; done',
    );
    expect(builder.caches).toEqual([
      { id: "pydock-apt-cache-builder", target: "/var/cache/apt", sharing: "locked" },
      { id: "pydock-apt-lists-builder", target: "/var/lib/apt/lists", sharing: "locked" },
    ]);
    expect(envOf(builder)).toEqual({ DEBIAN_FRONTEND: "noninteractive" });
    expect(builder.origin).toEqual({ path: ["dependencies", "system-packages"] });

    const runtime = runStep(runtimeSteps(p)[0]);
    expect(runtime.name).toBe("apt-get install libpq5");
    expect(script(runtime)).toMatch(/ libpq5 && for f in \/var\/log\/dpkg\.log /);
    expect(runtime.caches.map((c) => c.id)).toEqual(["pydock-apt-cache-runtime", "pydock-apt-lists-runtime"]);
    expect(runtime.origin).toEqual({ path: ["runtime", "system-packages"] });
    // libpq-dev only in the builder.
    expect(runtimeSteps(p).some((s) => s.kind === "run" && script(s).includes("libpq-dev"))).toBe(false);
  });

  it("no apt step without system packages", () => {
    const { text, files } = exampleCase("uv-fastapi");
    const p = plan(text, files);
    expect([...venvSteps(p), ...runtimeSteps(p)].some((s) => s.name.startsWith("apt-get"))).toBe(false);
  });

  it("package names are shell-quoted in the script, as written in the step's name", () => {
    const step = aptInstall(["libpq5", "weird name"], "runtime", ["runtime", "system-packages"]);
    expect(step.name).toBe("apt-get install libpq5 weird name");
    expect(step.command.kind === "shell" && step.command.script).toContain("-o APT::Keep-Downloaded-Packages=true libpq5 'weird name' && ");
  });
});

describe("runtime setup", () => {
  it("creates user app as 10001:10001, sets the timezone and chowns the directories (examples/poetry-django)", () => {
    const { text, files } = exampleCase("poetry-django");
    const setup = runStep(runtimeSteps(plan(text, files))[0]);
    expect(setup.name).toBe("set up user app, timezone Europe/Paris, /db");
    const s = script(setup);
    expect(s.startsWith("set -e; ")).toBe(true);
    expect(APP_UID).toBe(10001);
    expect(s).toContain(`grep -q '^app:' /etc/group || echo "app:x:10001:" >> /etc/group`);
    expect(s).toMatch(/grep -q '\^app:' \/etc\/passwd \|\| echo "app:x:10001:10001::[^:]*:\/usr\/sbin\/nologin" >> \/etc\/passwd/);
    expect(s).toContain("ln -snf /usr/share/zoneinfo/Europe/Paris /etc/localtime && echo Europe/Paris > /etc/timezone");
    expect(s).toContain("mkdir -p /db && chown 10001:10001 /db");
    expect(s).not.toMatch(/useradd|adduser/);
    expect(setup.cwd).toBe("/");
  });

  it("UTC by default; numeric users own the directories as given; root owns them as 0:0", () => {
    const base = `${PY}[runtime]\ncommand = "x"\n`;
    const proj = { "requirements.txt": "" };
    const setupOf = (text: string) => script(runtimeSteps(plan(text, proj))[0]);
    const def = plan(base, proj);
    expect(script(runtimeSteps(def)[0])).toContain("echo UTC > /etc/timezone");
    expect(def.image.env).toContainEqual(["TZ", "UTC"]);

    const numeric = plan(`${base}user = "1234:5678"\ndirectories = ["/data", "/var/lib/app"]\n`, proj);
    const ns = script(runtimeSteps(numeric)[0]);
    expect(ns).not.toContain("/etc/passwd");
    expect(ns).toContain("mkdir -p /data /var/lib/app && chown 1234:5678 /data /var/lib/app");
    expect(numeric.image.user).toBe("1234:5678");

    expect(setupOf(`${base}user = "1234"\ndirectories = ["/d"]\n`)).toContain("chown 1234:1234 /d");
    const root = plan(`${base}user = "root"\ndirectories = ["/d"]\n`, proj);
    expect(script(runtimeSteps(root)[0])).toContain("chown 0:0 /d");
    expect(runtimeSteps(root)[0]?.name).toBe("set up timezone UTC, /d");
    expect(root.image.user).toBe("0:0");
  });

  it("nothing to set up (root, no timezone, no directories): no step", () => {
    expect(runtimeSetup({ user: "root", uid: APP_UID, timezone: "", directories: [] })).toBeUndefined();
  });
});
