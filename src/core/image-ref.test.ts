/** normalizeImageRef: references as Docker and BuildKit name them (docker.io, library/, :latest). */
import { describe, expect, test } from "vitest";
import { normalizeImageRef } from "./image-ref.js";

describe("normalizeImageRef", () => {
  test.each([
    ["python:3.11-slim-bookworm", "docker.io/library/python:3.11-slim-bookworm"],
    ["alpine", "docker.io/library/alpine:latest"],
    ["ghcr.io/astral-sh/uv:0.4", "ghcr.io/astral-sh/uv:0.4"],
    ["localhost:5000/x", "localhost:5000/x:latest"],
    ["index.docker.io/foo/bar:1", "docker.io/foo/bar:1"],
    [`python@sha256:${"a".repeat(64)}`, `docker.io/library/python@sha256:${"a".repeat(64)}`],
    [`python:3.12@sha256:${"b".repeat(64)}`, `docker.io/library/python:3.12@sha256:${"b".repeat(64)}`],
  ])("normalizeImageRef(%s)", (ref, want) => {
    expect(normalizeImageRef(ref)).toBe(want);
  });

  test.each([
    ["Python:3", /must be lowercase/],
    ["registry.example/Py:b", /must be lowercase/],
    ["python:3.12 slim", /invalid reference format/],
    ["python@sha256", /invalid reference format/],
    ["python:", /invalid reference format/],
  ])("%s is not a reference", (ref, error) => {
    expect(() => normalizeImageRef(ref)).toThrow(error);
  });
});
