/**
 * Runtime libraries found, not remembered: a step of the venv stage that reads the ELF `NEEDED` entries of
 * every shared object in the venv, keeps the libraries the runtime base image lacks (the image is mounted
 * read-only into the step) and names the Debian packages of the builder image that provide them. The list is
 * written to {@link AUTO_PACKAGES_FILE} in the venv stage; the runtime stage installs it (system.ts) through
 * a read-only mount of that one file, so the LLB stays the same whatever is found, and an unchanged list keeps
 * the runtime steps cached after a dependency change.
 *
 * Contract of the file: package names separated by spaces on one line (each `[a-z0-9][a-z0-9+.-]+`), empty
 * when nothing is missing. The step never fails for a library it cannot map: it says so in its output, and
 * the smoke test (smoke-test.ts) then fails the build with the import error.
 */
import type { RunStep } from "./types.js";

/** The list, in the venv stage; in the runtime image too when it is not empty (one package a line there). */
export const AUTO_PACKAGES_FILE = "/usr/share/pydock/auto-system-packages";
/** The image label naming the packages found (space-separated; empty when none), set by the frontend. */
export const AUTO_PACKAGES_LABEL = "io.pydock.runtime.auto-system-packages";
/** Where the finding step sees the runtime base image. */
export const RUNTIME_IMAGE_MOUNT = "/run/pydock/runtime-image";
/**
 * Where the runtime stage's install step sees the list: inside the step's /tmp tmpfs, so that the mount
 * point BuildKit creates never touches the image's own directories (a stub in /run would change its time).
 */
export const AUTO_PACKAGES_MOUNT = "/tmp/pydock-auto-system-packages";

/**
 * Run by the venv's interpreter as `python -I -c SCRIPT VENV RUNTIME_ROOT OUT`. Standard library only; reads
 * ELF section headers itself (no binutils in the image), through mmap (a wheel's libraries can be large).
 */
export const FIND_LIBRARIES_SCRIPT = String.raw`import glob, mmap, os, re, struct, subprocess, sys, sysconfig
venv, root, out = sys.argv[1:4]

def elf_dynamic(path):
    # DT_NEEDED names and DT_SONAME of an ELF shared object; ([], None) for anything else.
    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return [], None
    try:
        if data[:4] != b"\x7fELF":
            return [], None
        end = "<" if data[5] == 1 else ">"
        if data[4] == 2:
            shoff, = struct.unpack_from(end + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
            shfmt, dynfmt = end + "IIQQQQIIQQ", end + "qQ"
        else:
            shoff, = struct.unpack_from(end + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
            shfmt, dynfmt = end + "IIIIIIIIII", end + "iI"
        section = lambda i: struct.unpack_from(shfmt, data, shoff + i * shentsize)
        dynsize = struct.calcsize(dynfmt)
        names, soname = [], None
        for i in range(shnum):
            dyn = section(i)
            if dyn[1] != 6:  # SHT_DYNAMIC
                continue
            strings = section(dyn[6])[4]
            text = lambda off: data[strings + off:data.find(b"\0", strings + off)].decode()
            for j in range(dyn[5] // dynsize):
                tag, value = struct.unpack_from(dynfmt, data, dyn[4] + j * dynsize)
                if tag == 0:
                    break
                if tag == 1:
                    names.append(text(value))
                elif tag == 14:
                    soname = text(value)
        return names, soname
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return [], None
    finally:
        data.close()

def inside(top, path):
    # The path in the filesystem rooted at top, symlinks resolved within it; None when it does not exist.
    parts, done, hops = [p for p in path.split("/") if p], [], 0
    while parts:
        part = parts.pop(0)
        if part == ".":
            continue
        if part == "..":
            done = done[:-1]
            continue
        full = top + "/" + "/".join(done + [part])
        if os.path.islink(full):
            hops += 1
            if hops > 40:
                return None
            link = os.readlink(full)
            if link.startswith("/"):
                done = []
            parts = [p for p in link.split("/") if p] + parts
            continue
        if not os.path.lexists(full):
            return None
        done.append(part)
    return top + "/" + "/".join(done)

def library_dirs(top):
    # ld.so.conf (with its includes), then the default and multiarch directories.
    found = []
    def read(path, depth):
        real = inside(top, path)
        if real is None or depth > 8 or not os.path.isfile(real):
            return
        for line in open(real, errors="replace").read().splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("include "):
                for pattern in line.split()[1:]:
                    for match in sorted(glob.glob(top + pattern)):
                        read(match[len(top):], depth + 1)
            elif line.startswith("/"):
                found.append(line)
    read("/etc/ld.so.conf", 0)
    arch = sysconfig.get_config_var("MULTIARCH") or ""
    defaults = ["/lib/" + arch, "/usr/lib/" + arch] if arch else []
    return found + defaults + ["/lib", "/usr/lib", "/lib64", "/usr/lib64"]

shared = re.compile(r"\.so(\.[0-9]+)*$")
provided, objects = set(), []
def elf_program(path):
    # Programs a package installs into the venv's bin (uwsgi): they link libraries too. Not the interpreter.
    if os.path.islink(path) or os.path.basename(path).startswith("python"):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False

bin_dir = os.path.join(venv, "bin")
for d, _, names in os.walk(venv):
    for name in names:
        path = os.path.join(d, name)
        if shared.search(name):
            provided.add(name)
            if not os.path.islink(path):
                objects.append(path)
        elif d == bin_dir and elf_program(path):
            objects.append(path)
needs = {}
for path in sorted(objects):
    names, soname = elf_dynamic(path)
    if soname:
        provided.add(soname)
    for name in names:
        needs.setdefault(name, []).append(os.path.relpath(path, venv))

runtime_dirs = library_dirs(root.rstrip("/"))
builder_dirs = library_dirs("")
missing = sorted(n for n in needs if n not in provided and not any(inside(root.rstrip("/"), d + "/" + n) for d in runtime_dirs))

# dpkg records a library under /lib or /usr/lib, whichever the package shipped (merged /usr): accept both.
known = set()
for d in builder_dirs:
    d = os.path.normpath(d)
    known.update({d, d[4:] if d.startswith("/usr/") else "/usr" + d})

def package_of(soname):
    try:
        listed = subprocess.run(["dpkg-query", "-S", "*/" + soname], capture_output=True, text=True).stdout
    except OSError:
        return None
    for line in listed.splitlines():
        packages, sep, path = line.partition(": ")
        if sep and not line.startswith("diversion ") and os.path.dirname(path) in known:
            name = packages.split(",")[0].strip().split(":")[0]
            if re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", name):
                return name
    return None

found = set()
for soname in missing:
    users = needs[soname]
    by = ", ".join(users[:3]) + (" and %d more" % (len(users) - 3) if len(users) > 3 else "")
    package = package_of(soname)
    if package:
        found.add(package)
        print("pydock: %s (needed by %s) is not in the runtime image: Debian package %s" % (soname, by, package))
    else:
        print("pydock: warning: %s (needed by %s) is not in the runtime image, and no Debian package of the builder image provides it: name the package that does in [runtime] system-packages" % (soname, by))
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    f.write(" ".join(sorted(found)))
print("pydock: auto-system-packages: " + (" ".join(sorted(found)) or "none (the runtime image has every library the venv links)"))
`;

/**
 * The venv-stage step that writes {@link AUTO_PACKAGES_FILE}: the libraries the venv's shared objects link,
 * less those the venv ships itself and those `runtimeImage` (a stage's base, so it is resolved) has.
 */
export function findLibrariesStep(venv: string, runtimeImage: string): RunStep {
  return {
    kind: "run",
    name: "find the shared libraries the venv links that the runtime image lacks",
    command: { kind: "exec", args: [`${venv}/bin/python`, "-I", "-c", FIND_LIBRARIES_SCRIPT, venv, RUNTIME_IMAGE_MOUNT, AUTO_PACKAGES_FILE] },
    env: [],
    cwd: "/",
    caches: [],
    secrets: [],
    ssh: false,
    mounts: [{ kind: "image", image: runtimeImage, target: RUNTIME_IMAGE_MOUNT }],
    origin: { path: ["runtime", "auto-system-packages"] },
  };
}
