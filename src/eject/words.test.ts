/**
 * Quoting for the ejected Dockerfile: words the Dockerfile frontend reads back as the plan's text, the
 * shell assignments of a run step, `--mount` options, here-document delimiters and durations.
 */
import { describe, expect, it } from "vitest";
import { comment, dockerEnvValue, dockerWord, duration, heredocDelimiter, jsonArray, mountFlag, shellExports, shortImage } from "./words.js";

describe("Dockerfile words", () => {
  it("leaves plain words alone and double-quotes the rest, escaping \\ \" and $", () => {
    expect(dockerWord("/app/venv")).toBe("/app/venv");
    expect(dockerWord("*")).toBe("*");
    expect(dockerWord("a b")).toBe('"a b"');
    expect(dockerWord("it's")).toBe(`"it's"`);
    expect(dockerWord('say "hi" for $5 \\o/')).toBe(String.raw`"say \"hi\" for \$5 \\o/"`);
    expect(() => dockerWord("two\nlines", "LABEL x")).toThrow(/LABEL x.*spans lines/);
  });

  it("ENV values keep the plan's ${PATH} marker as the variable's previous value, and nothing else expands", () => {
    expect(dockerEnvValue("PATH", "/app/venv/bin:${PATH}")).toBe("/app/venv/bin:${PATH}");
    expect(dockerEnvValue("PYTHONPATH", "/src:${PATH}")).toBe("/src:${PYTHONPATH}");
    expect(dockerEnvValue("PATH", "/my tools:${PATH}")).toBe('"/my tools:${PATH}"');
    expect(dockerEnvValue("PRICE", "$5")).toBe(String.raw`"\$5"`);
  });

  it("exec form is a JSON array", () => {
    expect(jsonArray(["python", "-c", 'print("a\\b")'])).toBe(String.raw`["python", "-c", "print(\"a\\b\")"]`);
  });

  it("Docker Hub's library prefix is left out of image references; tags and digests stay", () => {
    expect(shortImage("docker.io/library/python:3.12-slim-bookworm")).toBe("python:3.12-slim-bookworm");
    expect(shortImage(`docker.io/acme/py:1@sha256:${"a".repeat(64)}`)).toBe(`acme/py:1@sha256:${"a".repeat(64)}`);
    expect(shortImage("ghcr.io/acme/py:1")).toBe("ghcr.io/acme/py:1");
  });

  it("a comment is one line", () => expect(comment("build\n  it")).toBe("# build it"));
});

describe("run step environment", () => {
  it("exports in order, shell-quoted, with the marker as the stage's value", () => {
    expect(shellExports([["PATH", "/opt/tool/bin:${PATH}"], ["MSG", "it's $HOME"], ["EMPTY", ""]])).toBe(
      "export PATH=/opt/tool/bin:\"${PATH}\" MSG='it'\\''s $HOME' EMPTY=''",
    );
  });

  it("a variable set twice gets its earlier value in place of the marker", () => {
    expect(shellExports([["PATH", "/a:${PATH}"], ["PATH", "/b:${PATH}"]])).toBe('export PATH=/b:/a:"${PATH}"');
  });

  it("no environment, no export", () => expect(shellExports([])).toBeUndefined());
});

describe("mounts, here-documents, durations", () => {
  it("--mount options are CSV: a comma or blank quotes the option", () => {
    expect(mountFlag("cache", [["id", "pydock-pip"], ["target", "/root/.cache/pip"], ["sharing", "shared"]])).toBe("--mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared");
    expect(mountFlag("secret", [["id", "x"], ["target", "/a,b c"], ["required", undefined]])).toBe('--mount=type=secret,id=x,"target=/a,b c"');
  });

  it("a here-document delimiter no line of the document equals", () => {
    expect(heredocDelimiter("echo EOF\n")).toBe("EOF");
    expect(heredocDelimiter("a\nEOF\nEOF_1\n")).toBe("EOF_2");
  });

  it("durations in seconds when whole, else milliseconds", () => {
    expect(duration(30_000)).toBe("30s");
    expect(duration(0)).toBe("0s");
    expect(duration(1500)).toBe("1500ms");
  });
});
