// pip requirement files, through the lockfile entry point.
import { describe, expect, it } from "vitest";
import { lockedDistributions } from "./lockfile.js";
import { LockfileError, type Distribution } from "./distribution.js";

function memory(files: Record<string, string>): (path: string) => string | undefined {
  return (p) => files[p];
}

const nv = (d: readonly Distribution[]) => d.map((x) => `${x.name}==${x.version}`);
const base = { extras: [], requirements: [] } as const;

describe("lockedDistributions: pip details", () => {
  it("continuations, comments, includes, markers, options, direct references", () => {
    const files = memory({
      "reqs/base.txt": [
        "# top comment",
        "-i https://mirror.example/simple",
        "--require-hashes",
        "Flask_Login==0.6.3 \\",
        "    --hash=sha256:AB \\",
        "    --hash=sha512:cd  # trailing comment",
        "-r common.txt",
        "pywin32==306 ; sys_platform == 'win32' \\",
        "    --hash=sha256:ee",
        "uvicorn[standard]==0.30.0 ; python_version >= '3.8'",
        "requests>=2",
        "lib @ git+https://github.com/acme/lib@v1",
        "-e ./local#egg=localpkg",
        "https://x.example/files/thing-1.2.3-py3-none-any.whl",
        "vendor/pkg_b-2.0.tar.gz",
        "-c constraints.txt",
        "",
      ].join("\n"),
      "reqs/common.txt": "idna==3.7 --hash=sha256:ff\n",
    });
    expect(lockedDistributions({ ...base, manager: "pip", files: memory({ "other.txt": "x==1" }) })).toEqual([]); // no requirements.txt, none listed
    const missing = (p: string) => (p === "reqs/common.txt" ? undefined : files(p));
    expect(() => lockedDistributions({ ...base, manager: "pip", files: missing, requirements: ["reqs/base.txt"] })).toThrow(/reqs\/common.txt \(included from reqs\/base.txt\) not found/);
    const out = lockedDistributions({ ...base, manager: "pip", files, requirements: ["reqs/base.txt"] });
    expect(nv(out)).toEqual(["flask-login==0.6.3", "idna==3.7", "lib==", "localpkg==", "pkg-b==2.0", "requests==", "thing==1.2.3", "uvicorn==0.30.0"]);
    const by = (n: string) => out.find((x) => x.name === n);
    expect(by("flask-login")).toMatchObject({
      hashes: [
        { algorithm: "sha256", value: "ab" },
        { algorithm: "sha512", value: "cd" },
      ],
      source: "https://mirror.example/simple",
      sourceType: "registry",
      purl: "pkg:pypi/flask-login@0.6.3?repository_url=https%3A%2F%2Fmirror.example%2Fsimple",
    });
    expect(by("lib")).toMatchObject({ source: "git+https://github.com/acme/lib@v1", sourceType: "vcs", purl: "pkg:pypi/lib" });
    expect(by("thing")).toMatchObject({ sourceType: "url", source: "https://x.example/files/thing-1.2.3-py3-none-any.whl" });
    expect(by("localpkg")).toMatchObject({ sourceType: "path", source: "./local" });
    expect(by("pkg-b")).toMatchObject({ sourceType: "path", source: "vendor/pkg_b-2.0.tar.gz", purl: "pkg:pypi/pkg-b@2.0" });
    expect(by("idna")?.hashes).toEqual([{ algorithm: "sha256", value: "ff" }]);
  });

  it("rejects include cycles and missing files", () => {
    const files = memory({ "a.txt": "-r b.txt\n", "b.txt": "--requirement=a.txt\n" });
    expect(() => lockedDistributions({ ...base, manager: "pip", files, requirements: ["a.txt"] })).toThrow(/include each other/);
    expect(() => lockedDistributions({ ...base, manager: "pip", files, requirements: ["nope.txt"] })).toThrow(LockfileError);
  });
});
