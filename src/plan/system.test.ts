/** System steps: apt packages through cache mounts, the runtime user and timezone, and the user's directories. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { dirSteps, envOf, plan, PY, runStep, runtimeSteps, script, venvSteps } from "../../test/support/plan-steps.js";
import { APP_UID } from "./constants.js";
import { aptInstall, directoryOwner, runtimeSetup, runtimeSystemSteps, userDirectories } from "./system.js";

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

    // The runtime's packages are found after the install (runtime-libraries.ts), with the user's setup.
    const runtime = runStep(runtimeSteps(p)[0]);
    expect(runtime.name).toBe("apt-get install the packages the venv needs, set up user app, timezone UTC");
    expect(script(runtime)).toMatch(/^found=\$\(cat \/tmp\/pydock-auto-system-packages\); echo "pydock: auto-system-packages: \$\{found:-none\}"; if \[ -n "\$found" \]; then \{ rm -f .* --no-install-recommends -o APT::Keep-Downloaded-Packages=true \$found && for f in .*; \} \|\| exit 1; fi; /);
    expect(script(runtime)).toContain(String.raw`printf '%s\n' $found > /usr/share/pydock/auto-system-packages`);
    expect(script(runtime)).toMatch(/; set -e; grep -q '\^app:' \/etc\/group/);
    expect(runtime.mounts).toEqual([{ kind: "stage", stage: "venv", path: "/usr/share/pydock/auto-system-packages", target: "/tmp/pydock-auto-system-packages" }]);
    expect(runtime.caches.map((c) => c.id)).toEqual(["pydock-apt-cache-runtime", "pydock-apt-lists-runtime"]);
    expect(runtime.origin).toEqual({ path: ["runtime"] });
    // libpq-dev only in the builder.
    expect(runtimeSteps(p).some((s) => s.kind === "run" && script(s).includes("libpq-dev"))).toBe(false);
  });

  it("no apt step without system packages: with auto-system-packages, only the found ones, with the setup", () => {
    const { text, files } = exampleCase("uv-fastapi");
    const p = plan(text, files);
    expect(venvSteps(p).some((s) => s.name.startsWith("apt-get"))).toBe(false);
    expect(runtimeSteps(p).filter((s) => s.name.startsWith("apt-get")).map((s) => s.name)).toEqual(["apt-get install the packages the venv needs, set up user app, timezone UTC"]);
    const off = plan(text.replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n"), files);
    expect([...venvSteps(off), ...runtimeSteps(off)].some((s) => s.name.startsWith("apt-get"))).toBe(false);
  });

  it("runtimeSystemSteps: the found packages join the configured install, else the setup, else a step of their own", () => {
    const setup = runtimeSetup({ user: "app", uid: APP_UID, timezone: "UTC" });
    expect(runtimeSystemSteps(["libpq5"], false, setup).map((s) => s.name)).toEqual(["apt-get install libpq5", "set up user app, timezone UTC"]);
    const withStatic = runtimeSystemSteps(["ffmpeg"], true, setup);
    expect(withStatic.map((s) => s.name)).toEqual(["apt-get install ffmpeg and the packages the venv needs", "set up user app, timezone UTC"]);
    expect(script(withStatic[0])).toContain("--no-install-recommends -o APT::Keep-Downloaded-Packages=true ffmpeg $found && ");
    expect(withStatic[0]?.mounts).toHaveLength(1);
    expect(withStatic[0]?.origin).toEqual({ path: ["runtime", "system-packages"] });
    expect(runtimeSystemSteps([], true, setup).map((s) => s.name)).toEqual(["apt-get install the packages the venv needs, set up user app, timezone UTC"]);
    const alone = runtimeSystemSteps([], true, undefined);
    expect(alone.map((s) => s.name)).toEqual(["apt-get install the packages the venv needs"]);
    expect(alone[0]?.origin).toEqual({ path: ["runtime", "auto-system-packages"] });
    expect(runtimeSystemSteps([], false, undefined)).toEqual([]);
  });

  it("package names are shell-quoted in the script, as written in the step's name", () => {
    const step = aptInstall(["libpq5", "weird name"], "runtime", ["runtime", "system-packages"]);
    expect(step.name).toBe("apt-get install libpq5 weird name");
    expect(step.command.kind === "shell" && step.command.script).toContain("-o APT::Keep-Downloaded-Packages=true libpq5 'weird name' && ");
  });
});

describe("runtime setup", () => {
  it("creates user app as 10001:10001 and sets the timezone, without touching directories (examples/poetry-django)", () => {
    const { text, files } = exampleCase("poetry-django");
    const setup = runStep(runtimeSteps(plan(text.replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n"), files))[0]);
    expect(setup.name).toBe("set up user app, timezone Europe/Paris");
    const s = script(setup);
    expect(s.startsWith("set -e; ")).toBe(true);
    expect(APP_UID).toBe(10001);
    expect(s).toContain(`grep -q '^app:' /etc/group || echo "app:x:10001:" >> /etc/group`);
    expect(s).toMatch(/grep -q '\^app:' \/etc\/passwd \|\| echo "app:x:10001:10001::[^:]*:\/usr\/sbin\/nologin" >> \/etc\/passwd/);
    expect(s).toContain("ln -snf /usr/share/zoneinfo/Europe/Paris /etc/localtime && echo Europe/Paris > /etc/timezone");
    // The home directory comes with the user; [runtime] directories are a layer of their own (the dirs step).
    expect(s).toContain("mkdir -p /home/app && chown 10001:10001 /home/app");
    expect(s).not.toContain("/db");
    expect(s).not.toMatch(/useradd|adduser/);
    expect(setup.cwd).toBe("/");
  });

  it("UTC by default; numeric users and root get no passwd entry", () => {
    const base = `${PY}[runtime]\ncommand = "x"\nauto-system-packages = false\n`;
    const proj = { "requirements.txt": "" };
    const def = plan(base, proj);
    expect(script(runtimeSteps(def)[0])).toContain("echo UTC > /etc/timezone");
    expect(def.image.env).toContainEqual(["TZ", "UTC"]);

    const numeric = plan(`${base}user = "1234:5678"\ndirectories = ["/data", "/var/lib/app"]\n`, proj);
    const ns = script(runtimeSteps(numeric)[0]);
    expect(ns).not.toContain("/etc/passwd");
    expect(ns).not.toMatch(/mkdir|chown/);
    expect(numeric.image.user).toBe("1234:5678");

    const root = plan(`${base}user = "root"\ndirectories = ["/d"]\n`, proj);
    expect(runtimeSteps(root)[0]?.name).toBe("set up timezone UTC");
    expect(script(runtimeSteps(root)[0])).not.toMatch(/mkdir|chown/);
    expect(root.image.user).toBe("0:0");
  });

  it("nothing to set up (root, no timezone): no step", () => {
    expect(runtimeSetup({ user: "root", uid: APP_UID, timezone: "" })).toBeUndefined();
  });
});

describe("the runtime user's directories", () => {
  const base = `${PY}[runtime]\ncommand = "x"\n`;
  const proj = { "requirements.txt": "" };
  const dirsOf = (text: string) => dirSteps(runtimeSteps(plan(text, proj)));

  it("the working directory and every [runtime] directories entry, owned by user app, as a layer of its own (examples/poetry-django)", () => {
    const { text, files } = exampleCase("poetry-django");
    const steps = runtimeSteps(plan(text, files));
    const [dirs] = dirSteps(steps);
    expect(dirSteps(steps)).toHaveLength(1);
    expect(dirs).toEqual({
      kind: "dirs",
      name: "directories owned by app (10001:10001): /app /db",
      paths: ["/app", "/db"],
      owner: `${APP_UID}:${APP_UID}`,
      independent: true,
      origin: { path: ["runtime", "directories"] },
    });
    // Last before the build commands, so its owner and mode win over the copies' parent directories.
    const at = steps.findIndex((s) => s.kind === "dirs");
    expect(steps.slice(at + 1).every((s) => s.kind === "run")).toBe(true);
    expect(steps.slice(0, at).some((s) => s.kind === "run" && s.origin?.path[0] === "app")).toBe(false);
  });

  it("the working directory alone without [runtime] directories; [runtime] workdir over [app] workdir; no path twice", () => {
    expect(dirsOf(base).map((d) => [d.paths, d.owner])).toEqual([[["/app"], "10001:10001"]]);
    expect(dirsOf(`${PY}[app]\nworkdir = "/srv"\n[runtime]\ncommand = "x"\nworkdir = "/srv/run"\ndirectories = ["/srv/run", "/data"]\n`)[0]?.paths).toEqual([
      "/srv/run",
      "/data",
    ]);
  });

  it("numeric users own them as given (UID:GID, or UID:UID); root gets no step", () => {
    const numeric = dirsOf(`${base}user = "1234:5678"\ndirectories = ["/data", "/var/lib/app"]\n`);
    expect(numeric.map((d) => [d.name, d.paths, d.owner])).toEqual([
      ["directories owned by 1234:5678 (1234:5678): /app /data /var/lib/app", ["/app", "/data", "/var/lib/app"], "1234:5678"],
    ]);
    expect(dirsOf(`${base}user = "1234"\ndirectories = ["/d"]\n`).map((d) => d.owner)).toEqual(["1234:1234"]);
    expect(dirsOf(`${base}user = "root"\ndirectories = ["/d"]\n`)).toEqual([]);
  });

  it("directoryOwner / userDirectories: a named user is APP_UID:APP_UID, root (by name or id) owns nothing", () => {
    expect(directoryOwner("app", APP_UID)).toBe("10001:10001");
    expect(directoryOwner("web", 2000)).toBe("2000:2000");
    expect(directoryOwner("1234", APP_UID)).toBe("1234:1234");
    expect(directoryOwner("1234:5678", APP_UID)).toBe("1234:5678");
    for (const root of ["root", "0", "0:0"]) expect(directoryOwner(root, APP_UID), root).toBeUndefined();
    expect(userDirectories("root", APP_UID, ["/app"])).toBeUndefined();
    expect(userDirectories("app", APP_UID, [])).toBeUndefined();
    expect(userDirectories("app", APP_UID, ["/app", "/db", "/app"])).toMatchObject({ kind: "dirs", paths: ["/app", "/db"], owner: "10001:10001", independent: true });
  });
});
