/**
 * The static table of native packages (src/plan/native-packages.ts) and the install wrapper's hint
 * (src/plan/wrapper.ts), on a project with python-ldap (no Linux wheel: compiled from its sdist) and
 * python-magic (loads libmagic with ctypes, which the venv stage's ELF scan cannot see), whose pydock.toml
 * names no system package:
 * - on bookworm (Python 3.11) and trixie (Python 3.13): the builder gets libldap-dev and libsasl2-dev, the
 *   runtime image libmagic under the release's name (libmagic1, libmagic1t64) and, from the ELF scan, libldap's
 *   runtime package (libldap-2.5-0, libldap2); no header reaches it; the smoke test imports both and the app
 *   runs;
 * - with `auto-system-packages = false` the compile fails at lber.h and the output ends with the packages to add.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, inImage, inspect, run, scratchCopy, type Result } from "./harness.js";

const FIXTURES = join(ROOT, "test/e2e/fixtures");
const LABEL = "io.pydock.runtime.auto-system-packages";

/** A scratch copy of the fixture with `change` applied to its pydock.toml. */
function fixture(change: (toml: string) => string = (t) => t): { dir: string; dispose: () => void } {
  const copy = scratchCopy("native-ldap-magic", FIXTURES);
  const file = join(copy.dir, "pydock.toml");
  writeFileSync(file, change(readFileSync(file, "utf8")));
  return copy;
}

const RELEASES = [
  { python: "3.11", distro: "bookworm", magic: "libmagic1", ldap: "libldap-2.5-0" },
  { python: "3.13", distro: "trixie", magic: "libmagic1t64", ldap: "libldap2" },
] as const;

for (const builder of await builders()) {
  for (const release of RELEASES) {
    describe(`python-ldap and python-magic on ${release.distro} (Python ${release.python}), ${builder}`, () => {
      const project = fixture((t) => t.replace('version = "3.11"', `version = "${release.python}"`));
      const tag = `pydock-e2e/native-packages:${builder}-${release.distro}`;
      let built: Result = { code: -1, output: "" };
      beforeAll(async () => {
        // Without the cache: the apt, compile and finding steps run and print what they did.
        built = await build({ builder, context: project.dir, tag, extra: ["--no-cache"] });
        if (built.code !== 0) throw new Error(`build failed:\n${built.output.slice(-8000)}`);
      });
      afterAll(() => project.dispose());

      it("installs the headers in the builder, before python-ldap is compiled", () => {
        // (pip's wheel cache, a cache mount, may hold the wheel from an earlier run: the compile is not asserted.)
        expect(built.output).toMatch(/apt-get install libldap-dev libsasl2-dev/);
        expect(built.output).not.toMatch(/pydock: this build needs/);
      });

      it(`gives the runtime image ${release.magic} from the table and ${release.ldap} from the ELF scan, and no header`, async () => {
        expect(built.output).toMatch(new RegExp(`libldap[-.0-9]*\\.so\\.[0-9]+ \\(needed by [^)]*_ldap[^)]*\\) is not in the runtime image: Debian package ${release.ldap}`));
        const label = (await inspect(tag)).Config["Labels"] as Record<string, string>;
        expect(label[LABEL]?.split(" ")).toContain(release.ldap);
        const r = await inImage(tag, `dpkg-query -W -f '\${Package}\\n' ${release.magic} ${release.ldap}; ls /usr/include/lber.h /usr/include/sasl 2>&1`);
        const lines = r.output.trim().split("\n");
        // dpkg-query lists the installed packages by name.
        expect(lines.slice(0, 2)).toEqual([release.magic, release.ldap].sort());
        expect(lines.slice(2).join("\n")).toMatch(/lber\.h.*No such file.*\n.*sasl.*No such file/);
      });

      it("passes the smoke test and runs: libldap linked, libmagic loaded through ctypes", async () => {
        expect(built.output).toMatch(/\[smoke-test\]/);
        const r = await run("docker", ["run", "--rm", tag]);
        expect(r.code, r.output).toBe(0);
        expect(r.output).toMatch(/^ldap 3\.4\.8 OpenLDAP \d+ SimpleLDAPObject$/m);
        expect(r.output).toMatch(/^magic application\/pdf$/m);
      });
    });
  }

  describe(`python-ldap without its headers, ${builder}`, () => {
    it("fails at lber.h and ends with the Debian packages to add and the key", async () => {
      const project = fixture((t) => t.replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n"));
      // A release no build of this suite compiles successfully, so pip's wheel cache (a cache mount that
      // --no-cache keeps) never holds it and the compile runs every time.
      const requirements = join(project.dir, "requirements.txt");
      writeFileSync(requirements, readFileSync(requirements, "utf8").replace("python-ldap==3.4.8", "python-ldap==3.4.7"));
      try {
        const r = await build({ builder, context: project.dir, extra: ["--no-cache"] });
        expect(r.code).not.toBe(0);
        expect(r.output).toMatch(/fatal error: lber\.h: No such file or directory/);
        expect(r.output).toContain("pydock: this build needs the Debian package(s) libldap-dev libsasl2-dev: add them to [dependencies] system-packages in pydock.toml");
        expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
      } finally {
        project.dispose();
      }
    });
  });
}
