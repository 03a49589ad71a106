/** The venv stage's library scan and where its list goes (plan/runtime-libraries.ts, system.ts). */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { plan, runStep, runtimeSteps, stage } from "../../test/support/plan-steps.js";
import { AUTO_PACKAGES_FILE, AUTO_PACKAGES_MOUNT, FIND_LIBRARIES_SCRIPT, RUNTIME_IMAGE_MOUNT, findLibrariesStep } from "./runtime-libraries.js";

describe("finding the runtime libraries", () => {
  it("ends the venv stage: the venv's python reads the venv, with the runtime base image mounted read-only", () => {
    const { text, files } = exampleCase("psycopg");
    const p = plan(text, files);
    const last = runStep(stage(p, "venv").steps.at(-1));
    expect(last).toEqual(findLibrariesStep("/app/.venv", stage(p, "runtime").base!));
    expect(last.command).toEqual({ kind: "exec", args: ["/app/.venv/bin/python", "-I", "-c", FIND_LIBRARIES_SCRIPT, "/app/.venv", RUNTIME_IMAGE_MOUNT, AUTO_PACKAGES_FILE] });
    expect(last.mounts).toEqual([{ kind: "image", image: "docker.io/library/python:3.11-slim-bookworm", target: RUNTIME_IMAGE_MOUNT }]);
    expect(last.secrets).toEqual([]);
    expect(p.autoSystemPackages).toBe(true);
    // The runtime stage reads the one file, at a path inside its step's /tmp tmpfs.
    const install = runStep(runtimeSteps(p)[0]);
    expect(install.mounts).toEqual([{ kind: "stage", stage: "venv", path: AUTO_PACKAGES_FILE, target: AUTO_PACKAGES_MOUNT }]);
    expect(AUTO_PACKAGES_MOUNT.startsWith("/tmp/")).toBe(true);
  });

  it("the script reads ELF headers, the runtime's library directories and dpkg; standard library only", () => {
    expect(FIND_LIBRARIES_SCRIPT).toMatch(/^import glob, mmap, os, re, struct, subprocess, sys, sysconfig\n/);
    expect(FIND_LIBRARIES_SCRIPT).toContain('"dpkg-query", "-S"');
    expect(FIND_LIBRARIES_SCRIPT).toContain('read("/etc/ld.so.conf", 0)');
  });

  it("neither the scan nor the mount with auto-system-packages = false, nor for --target venv", () => {
    const { text, files } = exampleCase("psycopg");
    const off = plan(text.replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n"), files);
    expect(stage(off, "venv").steps.some((s) => s.kind === "run" && s.mounts !== undefined)).toBe(false);
    expect(runtimeSteps(off).some((s) => s.kind === "run" && s.mounts !== undefined)).toBe(false);
    expect(off.autoSystemPackages).toBe(false);
    const venv = plan(text, files, { target: "venv" });
    expect(stage(venv, "venv").steps.some((s) => s.kind === "run" && s.mounts !== undefined)).toBe(false);
  });

  it("psycopg2's libpq5 comes from the scan, not the static table: the table adds only the build headers", () => {
    const { text, files } = exampleCase("psycopg");
    const off = plan(text.replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n"), files);
    expect(JSON.stringify(runtimeSteps(off))).not.toContain("libpq5");
  });
});

describe("the library scan script", () => {
  it("reads programs the venv's bin holds (uwsgi), not the interpreter, and names the packages of what the runtime lacks", () => {
    const dir = mkdtempSync(join(tmpdir(), "pydock-scan-"));
    try {
      const venv = join(dir, "venv");
      mkdirSync(join(venv, "bin"), { recursive: true });
      // A program linking libcurl, and an interpreter copy linking it too: only the program counts.
      copyFileSync("/usr/bin/curl", join(venv, "bin", "uwsgi"));
      copyFileSync("/usr/bin/curl", join(venv, "bin", "python3.11"));
      writeFileSync(join(venv, "bin", "activate"), "# not ELF\n");
      const runtime = join(dir, "runtime"); // an image with no libraries at all
      mkdirSync(runtime);
      const out = join(dir, "out", "packages");
      execFileSync("python3", ["-I", "-c", FIND_LIBRARIES_SCRIPT, venv, runtime, out]);
      const found = readFileSync(out, "utf8").split(" ");
      expect(found).toContain("libcurl4");
      rmSync(join(venv, "bin", "uwsgi"));
      execFileSync("python3", ["-I", "-c", FIND_LIBRARIES_SCRIPT, venv, runtime, out]);
      expect(readFileSync(out, "utf8")).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
