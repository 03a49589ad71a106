/**
 * `--sbom=true`: pydock attaches an SPDX document made from the lockfile, which `docker buildx imagetools
 * inspect` shows, listing exactly the distributions installed in the image's venv. The Docker Engine's
 * classic image store keeps no attestations, so this runs on daemons that do (the standalone buildkitd).
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { MIRROR, ROOT, build, builders, must, run } from "./harness.js";

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");
const LIST = "import importlib.metadata as m; print('\\n'.join(sorted(d.metadata['Name'] + '==' + d.version for d in m.distributions())))";

const attesting = (await builders()).filter((b) => b !== "default");

describe.each(attesting.length ? attesting : ["(none)"])("sbom on %s", (builder) => {
  it.skipIf(builder === "(none)").each(["poetry-django", "uv-fastapi", "pip-flask", "pdm-starlette", "pipenv-bottle"])("%s: the SBOM lists exactly the installed distributions", async (example) => {
    const name = `${MIRROR}/pydock-e2e/sbom-${example}:${Date.now()}`;
    const r = await build({
      builder,
      context: join(ROOT, "examples", example),
      extra: ["--sbom=true", "--output", `type=image,name=${name},push=true,registry.insecure=true`],
    });
    expect(r.code, r.output.slice(-3000)).toBe(0);
    expect(r.output).toContain("[sbom] SPDX from the lockfile");
    const sbom = JSON.parse(await must("docker", ["buildx", "imagetools", "inspect", "--builder", builder, name, "--format", "{{json .SBOM}}"]));
    const packages: { name: string; versionInfo?: string; externalRefs?: { referenceLocator: string }[] }[] = sbom.SPDX.packages;
    const listed = packages.map((p) => `${normalize(p.name)}==${p.versionInfo ?? ""}`).sort();
    expect(packages.slice(1).every((p) => p.externalRefs?.some((x) => x.referenceLocator.startsWith(`pkg:pypi/`)))).toBe(true);

    await must("docker", ["pull", "-q", name]);
    const installed = await run("docker", ["run", "--rm", "--entrypoint", "python", name, "-c", LIST]);
    expect(installed.code, installed.output).toBe(0);
    const inVenv = installed.output.trim().split("\n").map((l) => {
      const [n, v] = l.split("==");
      return `${normalize(n ?? "")}==${v ?? ""}`;
    });
    // The root package is the application; it is in the venv only when it is installed as a package.
    const dependencies = listed.filter((l) => !l.startsWith(`${normalize(packages[0]?.name ?? "")}==`));
    expect(dependencies.length).toBeGreaterThan(3);
    expect(dependencies).toEqual(inVenv.filter((l) => !l.startsWith(`${normalize(packages[0]?.name ?? "")}==`)).sort());
  });
});
