/** UnpinnedRequirements: a pip project's requirement files, with their includes, pinned and hashed. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, PIP_PROJECT, lintCase, resultsOf } from "../../test/support/lint.js";
import { requirementProblems } from "./requirements.js";

const H = "--hash=sha256:0123";

describe("UnpinnedRequirements", () => {
  it("counts requirements without == and without --hash; direct references are pinned", () => {
    expect(requirementProblems(`# deps\ndjango>=4.2\ngunicorn==23.0 \\\n    ${H}\nrequests==2.*\npkg @ https://x/pkg.whl ${H}\n-r base.txt\n`)).toEqual({
      unpinned: ["django", "requests"],
      unhashed: 2,
      line: 2,
    });
    expect(requirementProblems(`a==1 ${H}\nb==2; python_version < "3.12" ${H}\n`)).toEqual({ unpinned: [], unhashed: 0, line: undefined });
  });

  it("reports each file with a problem at its first such line, included files too, constraint files not", () => {
    const files = {
      ...PIP_PROJECT,
      "requirements.txt": `-r requirements/base.txt\n-c constraints.txt\ngunicorn==23.0.0\n`,
      "requirements/base.txt": `django==5.0 ${H}\nrequests\ncelery>=5\nredis\nrich\n`,
      "constraints.txt": "urllib3<2\n",
    };
    expect(resultsOf(lintCase({ text: BASE_TOML, files }), "UnpinnedRequirements")).toEqual([
      "requirements.txt:3: requirements.txt: 1 requirement has no --hash; generate it locked with hashes (pip-compile --generate-hashes, uv pip compile --generate-hashes) or switch to a lockfile manager (uv, Poetry)",
      "requirements/base.txt:2: requirements/base.txt: requests, celery, redis and 1 more are not pinned with == and 4 requirements have no --hash; generate it locked with hashes (pip-compile --generate-hashes, uv pip compile --generate-hashes) or switch to a lockfile manager (uv, Poetry)",
    ]);
  });

  it("is quiet for pinned, hashed files and for projects that are not pip", () => {
    expect(resultsOf(lintCase({ text: BASE_TOML }), "UnpinnedRequirements")).toEqual([]);
    const uv = { "pyproject.toml": '[project]\nname = "app"\nversion = "1"\n', "uv.lock": 'version = 1\n[[package]]\nname = "app"\nversion = "1"\nsource = { editable = "." }\n', "requirements-dev.txt": "pytest\n" };
    const text = BASE_TOML.replace('manager = "pip"', 'manager = "uv"');
    expect(resultsOf(lintCase({ text, files: uv }), "UnpinnedRequirements")).toEqual([]);
  });
});
