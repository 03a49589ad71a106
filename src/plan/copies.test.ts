/** Copies of the build context: default excludes, [app] exclude rebased onto the copied folder, the venv kept out. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { copies, copyStep, find, plan, PY, runtimeSteps } from "../../test/support/plan-steps.js";
import { DEFAULT_EXCLUDES } from "./copies.js";

const INSIDE_ANY_FOLDER = DEFAULT_EXCLUDES.filter((e) => e.startsWith("**/"));

describe("context copies", () => {
  it("the default copy of the whole context excludes the venv when it lies inside workdir", () => {
    const p = plan(`${PY}[runtime]\ncommand = "x"\n[app]\nexclude = ["docs", "*.md"]\n`, { "requirements.txt": "" });
    const c = copies(runtimeSteps(p)).find((x) => x.from === "context");
    expect(c).toMatchObject({ src: ".", dest: "/app", contents: true });
    // .venv, the default venv's folder, is among the default excludes already.
    expect(c?.exclude).toEqual([...DEFAULT_EXCLUDES, "docs", "*.md"]);
    const custom = plan(`${PY}[dependencies]\nvenv = "/app/env"\n[runtime]\ncommand = "x"\n`, { "requirements.txt": "" });
    expect(copies(runtimeSteps(custom)).find((x) => x.from === "context")?.exclude).toEqual([...DEFAULT_EXCLUDES, "env"]);
  });

  it("a venv outside the destination is not excluded", () => {
    const p = plan(`${PY}[dependencies]\nvenv = "/opt/venv"\n[runtime]\ncommand = "x"\n`, { "requirements.txt": "" });
    const c = copies(runtimeSteps(p)).find((x) => x.from === "context");
    expect(c?.exclude).toEqual(DEFAULT_EXCLUDES);
  });

  it("excludes are rebased onto the copied folder: only ** patterns and those under it apply (examples/poetry-django)", () => {
    const { text, files } = exampleCase("poetry-django");
    const p = plan(text, files);
    const blog = copyStep(find(runtimeSteps(p), /^copy blog /));
    expect(blog).toMatchObject({ src: "blog", dest: "/app/blog", contents: true, independent: true });
    expect(blog.exclude).toEqual(INSIDE_ANY_FOLDER);

    const withExcludes = text.replace("[app]\n", `[app]\nexclude = ["docs", "blog/static", "*.md"]\n`);
    const rebased = copyStep(find(runtimeSteps(plan(withExcludes, files)), /^copy blog /));
    expect(rebased.exclude).toEqual([...INSIDE_ANY_FOLDER, "static"]);
  });
});
