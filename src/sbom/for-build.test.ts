/** The SBOM of a build lists what the plan installs: the locked dependencies and the server pydock adds. */
import { describe, expect, it } from "vitest";
import { filesOf } from "../../test/support/compile.js";
import { plan } from "../../test/support/plan-steps.js";
import { buildSbom } from "./for-build.js";

const AMD64 = { os: "linux", architecture: "amd64" } as const;
const names = (sbom: ReturnType<typeof buildSbom>) =>
  (JSON.parse(new TextDecoder().decode(sbom.file.data)) as { packages: { name: string; versionInfo?: string }[] }).packages.map((p) => `${p.name} ${p.versionInfo ?? ""}`.trim());

describe("buildSbom", () => {
  const files = { "requirements.txt": "flask==3.1.0\nclick==8.1.8\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", ".python-version": "3.13\n" };

  it("lists the added server's packages from its pinned set for the build's Python, and the project's own version of a package both have", () => {
    const p = plan("# syntax=x\n", files);
    const listed = names(buildSbom(p, filesOf(files), AMD64, "2026-01-01T00:00:00Z"));
    expect(listed).toEqual(expect.arrayContaining(["flask 3.1.0", "click 8.1.8", "gunicorn 27.0.1"]));
    // gunicorn 23 is the set's release for Python 3.9 only.
    expect(listed).not.toContain("gunicorn 23.0.0");
    expect(listed.filter((n) => n.startsWith("click "))).toEqual(["click 8.1.8"]);
  });

  it("lists no server when the dependencies have one", () => {
    const withServer = { ...files, "requirements.txt": "flask==3.1.0\ngunicorn==23.0.0\n" };
    const listed = names(buildSbom(plan("# syntax=x\n", withServer), filesOf(withServer), AMD64, "2026-01-01T00:00:00Z"));
    expect(listed.filter((n) => n.startsWith("gunicorn "))).toEqual(["gunicorn 23.0.0"]);
  });
});
