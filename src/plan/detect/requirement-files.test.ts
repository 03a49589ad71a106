import { describe, expect, it } from "vitest";
import { projectFiles, type ProjectFiles } from "../project.js";
import { MAX_INCLUDE_DEPTH, MAX_REQUIREMENT_FILES, requirementNames } from "./requirement-files.js";

const files = (entries: Record<string, string>): ProjectFiles => projectFiles(new Map(Object.entries(entries)));
const sorted = (s: Iterable<string>) => [...s].sort();

describe("requirement files", () => {
  it("names, with continuations, comments, hashes, markers, extras, URLs and wheels", () => {
    const text = [
      "# comment",
      "Flask==3.0.0 \\",
      "    --hash=sha256:aa \\",
      "    --hash=sha256:bb",
      "    # via -r requirements.in",
      "gunicorn>=22 ; sys_platform == 'linux'  # prod server",
      "requests[socks,security]>=2",
      "zope.interface",
      "my_pkg @ https://example.com/my_pkg-1.0.tar.gz",
      "git+https://github.com/org/lib.git@v1#egg=Some_Lib",
      "https://example.com/wheels/Other_Pkg-2.0-py3-none-any.whl",
      "./local/dir",
      "-e git+ssh://git@github.com/org/editable.git#egg=editable-pkg",
      "-e .",
      "--index-url https://pypi.example/simple",
      "-i https://pypi.example/simple",
      "--extra-index-url=https://x",
      "",
    ].join("\n");
    const r = requirementNames(files({ "requirements.txt": text }), ["requirements.txt"]);
    expect(sorted(r.names)).toEqual(["editable-pkg", "flask", "gunicorn", "my-pkg", "other-pkg", "requests", "some-lib", "zope-interface"]);
    expect(r.read).toEqual(["requirements.txt"]);
    expect(r.missing).toEqual([]);
  });

  it("follows -r / --requirement includes relative to the including file; -c constraints add no names", () => {
    const f = files({
      "requirements.txt": "-r requirements/prod.txt\n-c constraints.txt\n",
      "requirements/prod.txt": "--requirement=base.txt\ngunicorn\n-rextra/more.txt\n",
      "requirements/base.txt": "django\n-r ../requirements/base.txt\n",
      "requirements/extra/more.txt": "--requirement ../../requirements.txt\nsentry-sdk\n",
      "constraints.txt": "urllib3<2\n-r requirements/notinstalled.txt\n",
      "requirements/notinstalled.txt": "celery\n",
    });
    const r = requirementNames(f, ["requirements.txt"]);
    expect(sorted(r.names)).toEqual(["django", "gunicorn", "sentry-sdk"]);
    expect(r.read).toEqual(["requirements.txt", "requirements/prod.txt", "requirements/base.txt", "requirements/extra/more.txt", "constraints.txt", "requirements/notinstalled.txt"]);
    expect(r.missing).toEqual([]);
  });

  it("records includes that are not in the context or leave it", () => {
    const r = requirementNames(files({ "requirements.txt": "-r other/base.txt\n-r ../outside.txt\nflask\n" }), ["requirements.txt", "nope.txt"]);
    expect(sorted(r.names)).toEqual(["flask"]);
    expect(r.missing).toEqual(["../outside.txt", "other/base.txt", "nope.txt"]);
  });

  it("is bounded in depth and in files", () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 40; i++) chain[`r${i}.txt`] = `-r r${i + 1}.txt\npkg${i}\n`;
    const deep = requirementNames(files(chain), ["r0.txt"]);
    expect(deep.read).toHaveLength(MAX_INCLUDE_DEPTH + 1);
    expect(deep.names.size).toBe(MAX_INCLUDE_DEPTH + 1);
    const wide: Record<string, string> = { "requirements.txt": "" };
    for (let i = 0; i < 100; i++) {
      wide["requirements.txt"] += `-r w${i}.txt\n`;
      wide[`w${i}.txt`] = `w${i}\n`;
    }
    const r = requirementNames(files(wide), ["requirements.txt"]);
    expect(r.read).toHaveLength(MAX_REQUIREMENT_FILES);
    expect(r.missing).toHaveLength(101 - MAX_REQUIREMENT_FILES);
  });
});
