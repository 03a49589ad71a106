/**
 * What a build command writes gets the build's time, wherever it writes: a file of an earlier layer rewritten
 * in place deep in the venv, a new file in /etc, a new directory under /usr. On overlayfs the frontend's walk
 * enters only the directories the command changed (their ctime is newer than the command's start), so this
 * checks that nothing the command changed is missed by it. The times are read from the image's layers (an
 * OCI layout: `docker save` on the Docker Engine, the OCI exporter on buildkitd), not from a filesystem
 * export, which BuildKit would stamp with SOURCE_DATE_EPOCH itself.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, builders, run, scratchCopy } from "./harness.js";

const EPOCH = 1700000000;
const VENV_FILE = "app/.venv/lib/python3.11/site-packages/flask/__init__.py";

/** Path → modification time (seconds) in the image, its layers laid in order, from an OCI layout in `dir`. */
function imageTimes(dir: string): Map<string, number> {
  const blob = (digest: string) => join(dir, "blobs/sha256", digest.slice("sha256:".length));
  let manifest = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")).manifests[0];
  let doc = JSON.parse(readFileSync(blob(manifest.digest), "utf8"));
  while (doc.manifests) {
    manifest = doc.manifests[0];
    doc = JSON.parse(readFileSync(blob(manifest.digest), "utf8"));
  }
  const times = new Map<string, number>();
  for (const layer of doc.layers as { digest: string }[]) {
    const listing = execFileSync("tar", ["--list", "--verbose", "--full-time", "--utc", "--file", blob(layer.digest)], { maxBuffer: 256 * 1024 * 1024 }).toString();
    for (const line of listing.split("\n")) {
      const m = /^\S+ \S+ +\d+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (.+?)(?: -> .*| link to .*)?$/.exec(line);
      if (m?.[1] && m[2]) times.set(m[2].replace(/^\.\//, "").replace(/\/$/, ""), Date.parse(`${m[1].replace(" ", "T")}Z`) / 1000);
    }
  }
  return times;
}

for (const builder of await builders()) {
  describe(`build commands' files on ${builder}`, () => {
    it("every file and directory a build command creates or rewrites has the build's time", async () => {
      const copy = scratchCopy("pip-flask");
      const layout = mkdtempSync(join(tmpdir(), "pydock-times-"));
      const tag = `pydock-e2e/build-command-times:${builder}`;
      try {
        const file = `${copy.dir}/pydock.toml`;
        writeFileSync(
          file,
          readFileSync(file, "utf8").replace(
            "[app]\n",
            `[app]\nbuild-commands = [\n` +
              `  "echo '# rewritten' >> /${VENV_FILE}",\n` +
              `  "echo made > /etc/pydock-made",\n` +
              `  "mkdir -p /usr/local/share/pydock-made/deep && echo made > /usr/local/share/pydock-made/deep/file",\n` +
              `]\n`,
          ),
        );
        const output = builder === "default" ? ["--load", "-t", tag] : ["--output", `type=oci,dest=${layout}.tar`];
        const r = await build({ builder, context: copy.dir, buildArgs: { SOURCE_DATE_EPOCH: String(EPOCH) }, extra: output });
        expect(r.code, r.output.slice(-3000)).toBe(0);
        if (builder === "default") expect((await run("sh", ["-c", `docker save ${tag} | tar -x -C ${layout}`])).code).toBe(0);
        else execFileSync("tar", ["-x", "-C", layout, "-f", `${layout}.tar`]);
        const times = imageTimes(layout);
        const written = [VENV_FILE, "etc/pydock-made", "usr/local/share/pydock-made", "usr/local/share/pydock-made/deep", "usr/local/share/pydock-made/deep/file", "usr/local/share", "usr/local", "usr"];
        expect(Object.fromEntries(written.map((p) => [p, times.get(p)]))).toEqual(Object.fromEntries(written.map((p) => [p, EPOCH])));
        // What the command did not touch keeps its time: a file of the base image, in a directory it wrote to.
        expect(times.get("etc/debian_version")).toBeDefined();
        expect(times.get("etc/debian_version")).not.toBe(EPOCH);
      } finally {
        rmSync(layout, { recursive: true, force: true });
        rmSync(`${layout}.tar`, { force: true });
        copy.dispose();
      }
    });
  });
}
