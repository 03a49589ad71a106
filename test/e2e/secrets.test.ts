/**
 * Credentials reach the install step and nothing else: a private-index URL with a password, given as a
 * build secret and exposed to pip as PIP_INDEX_URL, must not appear in any layer, the image config, the
 * history, or (where the daemon can export provenance) the LLB definition.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { build, builders, scratchCopy } from "./harness.js";

/** Every file of an image tarball (OCI layout or `docker save`), decompressed when gzipped. */
function blobs(tarball: string): { name: string; data: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), "pydock-oci-"));
  try {
    execFileSync("tar", ["xf", tarball, "-C", dir]);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    return files.map((e) => {
      const raw = readFileSync(join(e.parentPath, e.name));
      const data = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      return { name: join(e.parentPath, e.name).slice(dir.length + 1), data };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Declares the build secret "index" as PIP_INDEX_URL in a copy's pydock.toml; returns the new text. */
function appendSecret(dir: string): string {
  appendFileSync(join(dir, "pydock.toml"), '\n[[secrets]]\nid = "index"\nenv = "PIP_INDEX_URL"\n');
  return readFileSync(join(dir, "pydock.toml"), "utf8");
}

describe.each(await builders())("secrets on %s", (builder) => {
  it("a secret index password is used by pip and found nowhere in the image", async () => {
    const copy = scratchCopy("pip-flask");
    const out = join(copy.dir, "..", `${copy.dir.split("/").pop()}.tar`);
    try {
      appendSecret(copy.dir);
      const secret = `pydock-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      // The Docker Engine's classic store exports neither OCI layouts nor attestations: load and `docker save`
      // there; elsewhere export an OCI layout with max provenance, which carries the LLB definition.
      const classic = builder === "default";
      const tag = `pydock-e2e/secret:${builder}`;
      const output = classic ? ["--load", "-t", tag] : ["--output", `type=oci,dest=${out}`, "--provenance=mode=max"];
      const provenance = classic ? [] : ["mode=max"];
      const r = await build({
        builder,
        context: copy.dir,
        // --no-cache: secrets are not part of cache keys, so a cached install step would never see this one.
        extra: ["--no-cache", "--secret", "id=index,env=PYDOCK_E2E_INDEX", ...output],
        env: { PYDOCK_E2E_INDEX: `https://pydock:${secret}@pypi.org/simple` },
      });
      if (classic) execFileSync("docker", ["save", "-o", out, tag]);
      expect(r.code, r.output.slice(-3000)).toBe(0);
      // pip used it (and redacted the password in its own log).
      expect(r.output).toContain("Looking in indexes: https://pydock:****@pypi.org/simple");
      expect(r.output).not.toContain(secret);
      const all = blobs(out);
      expect(all.length).toBeGreaterThan(5);
      expect(all.some((b) => b.data.includes("PIP_INDEX_URL") || b.data.includes("gunicorn"))).toBe(true);
      const leaks = all.filter((b) => b.data.includes(secret)).map((b) => b.name);
      expect(leaks).toEqual([]);
      if (provenance.length) {
        // The provenance carries the LLB: it names the secret by id only.
        const withLlb = all.find((b) => b.data.includes("llbDefinition"));
        expect(withLlb?.data.toString()).toMatch(/"secretenv":\[\{"ID":"index","name":"PIP_INDEX_URL"/);
      }
    } finally {
      copy.dispose();
      rmSync(out, { force: true });
    }
  });

  it("a required secret the build was not given fails with its [[secrets]] entry and how to pass it", async () => {
    const copy = scratchCopy("pip-flask");
    try {
      const text = appendSecret(copy.dir);
      const line = text.split("\n").lastIndexOf("[[secrets]]") + 1;
      const r = await build({ builder, context: copy.dir, extra: ["--no-cache-filter", "venv"] });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain(`pydock: the build secret "index" is required ([[secrets]] at pydock.toml:${line}): pass it with docker build --secret id=index,env=VARIABLE (or src=FILE)`);
      // The snippet shows the [[secrets]] entry beside [dependencies].
      expect(r.output).toMatch(new RegExp(`>>> ?\\[\\[secrets\\]\\]`));
    } finally {
      copy.dispose();
    }
  });
});
