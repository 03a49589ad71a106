/**
 * The smoke test as LLB: an exec on top of the finished runtime image, as its user, in its workdir, with its
 * environment and no network, that runs the venv's interpreter on {@link SMOKE_SCRIPT}. Its only output is a
 * small directory holding {@link SMOKE_RESULT} (JSON, see {@link SmokeResult}); the frontend solves it as a
 * definition of its own and reads that file, so the check adds no layer and no history entry to the image,
 * and a cached check costs one cache lookup and one small read.
 *
 * The script always exits 0 when it could run: failures are data, which the frontend turns into an error
 * at the pydock.toml key that decides the command. A non-zero exit means the interpreter itself did not run.
 *
 * What it checks, in order:
 * - the venv's shared libraries, whatever the command: the ELF NEEDED entries of every shared object in the
 *   venv (read from its program headers, pure Python: no ldd run per file) resolved as the loader would, so a
 *   library the image lacks fails the build even when the command never imports it at start. About 0.1 s
 *   for 1,000 objects with the files in the page cache (0.7 s cold);
 * - the command's checks (plan/smoke-test.ts), each in its folder (`cd DIR &&`) with the import path the
 *   command has: `python FILE` imports the file's top-level imports without running it.
 * An import is a failure when it lacks a module (one the venv does not have) or a library; any other
 * exception (a program, a file, a .git directory, a variable, the network the check runs without) is a
 * warning saying what was missing, since the container may have it at run time.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import * as llb from "../llb/index.js";
import type { OpOptions } from "../llb/marshal.js";
import type { SmokeCheck, SmokeTest } from "../plan/smoke-test.js";

/** Where the exec writes; the result path inside the solved output. */
export const SMOKE_DIR = "/run/pydock/smoke";
export const SMOKE_RESULT = "result.json";

/**
 * Did a failed solve of the smoke test fail in the smoke step itself (the interpreter did not run), rather than
 * in a step of the image below it? BuildKit's message for a failed exec repeats its command line, which for
 * the smoke step alone names {@link SMOKE_DIR}.
 */
export function failedInSmokeStep(daemonMessage: string): boolean {
  return daemonMessage.includes(`${SMOKE_DIR}/${SMOKE_RESULT}`);
}

/** A problem the script found. `library`/`package`: a shared library the image lacks, and the Debian package known to provide it. */
export interface SmokeFailure {
  readonly what: string;
  readonly error: string;
  readonly library?: string;
  readonly package?: string;
}

/**
 * An import that raised something other than a missing module or library: what the runtime needs that the
 * check does not have. `need`, when the script could tell: "the program git, which is not in the image".
 */
export interface SmokeWarning {
  readonly what: string;
  readonly error: string;
  readonly need?: string;
}

/** What the script writes. */
export interface SmokeResult {
  readonly failures: readonly SmokeFailure[];
  readonly warnings: readonly SmokeWarning[];
  /** With a SmokeTest `report` file: its text, null when the image lacks it, absent when it could not be read. */
  readonly report?: string | null;
}

/** Seconds an import may take before it counts as "did not finish" (a warning: it may wait for a service). */
const IMPORT_TIMEOUT = 60;

/**
 * Debian packages of shared libraries that compiled extensions commonly link and slim images lack, for the
 * message when one is missing (the runtime image has no package lists to ask). A string for every release,
 * or one per release codename (trixie renamed some for 64-bit time_t). Only names checked on both releases.
 */
export const LIBRARY_PACKAGES: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  "libpq.so.5": "libpq5",
  "libmariadb.so.3": "libmariadb3",
  "libodbc.so.2": "libodbc2",
  "libGL.so.1": "libgl1",
  "libEGL.so.1": "libegl1",
  "libglib-2.0.so.0": { bookworm: "libglib2.0-0", trixie: "libglib2.0-0t64" },
  "libgthread-2.0.so.0": { bookworm: "libglib2.0-0", trixie: "libglib2.0-0t64" },
  "libgobject-2.0.so.0": { bookworm: "libglib2.0-0", trixie: "libglib2.0-0t64" },
  "libgio-2.0.so.0": { bookworm: "libglib2.0-0", trixie: "libglib2.0-0t64" },
  "libcairo.so.2": "libcairo2",
  "libpango-1.0.so.0": "libpango-1.0-0",
  "libpangocairo-1.0.so.0": "libpangocairo-1.0-0",
  "libjpeg.so.62": "libjpeg62-turbo",
  "libxslt.so.1": "libxslt1.1",
  "libexslt.so.0": "libxslt1.1",
  "libyaml-0.so.2": "libyaml-0-2",
  "libzmq.so.5": "libzmq5",
  "libgomp.so.1": "libgomp1",
  "libgfortran.so.5": "libgfortran5",
  "libopenblas.so.0": "libopenblas0",
  "libmagic.so.1": { bookworm: "libmagic1", trixie: "libmagic1t64" },
  "libsasl2.so.2": "libsasl2-2",
  "libsnappy.so.1": "libsnappy1v5",
  "libsndfile.so.1": "libsndfile1",
  "libportaudio.so.2": "libportaudio2",
  "libX11.so.6": "libx11-6",
  "libXext.so.6": "libxext6",
  "libXrender.so.1": "libxrender1",
  "libSM.so.6": "libsm6",
  "libICE.so.6": "libice6",
  "libcurl.so.4": { bookworm: "libcurl4", trixie: "libcurl4t64" },
  "libpng16.so.16": { bookworm: "libpng16-16", trixie: "libpng16-16t64" },
  "libfreetype.so.6": "libfreetype6",
  "libwebp.so.7": "libwebp7",
};

/**
 * Run as `python -c SCRIPT CHECKS_JSON RESULT_PATH [REPORT_FILE]`. Standard library only. CHECKS_JSON: the
 * SmokeChecks, and first `{"kind": "libraries", "venv": DIR}`: every ELF shared object under DIR must find
 * the libraries it links (its RPATH/RUNPATH with $ORIGIN, LD_LIBRARY_PATH, the image's ld.so.conf folders and
 * the default ones; a library the venv ships anywhere counts as found, as a package may load it first).
 */
export const SMOKE_SCRIPT = String.raw`import ast, errno, glob, importlib, importlib.util, json, mmap, os, re, shutil, signal, struct, subprocess, sys, time, traceback
checks, out = json.loads(sys.argv[1]), sys.argv[2]
report = sys.argv[3] if len(sys.argv) > 3 else None
del sys.argv[1:]
failures, warnings = [], []
workdir = os.getcwd()
# python -c puts the working directory first on the import path: each check puts its own folders there instead.
base_path = [p for p in sys.path if p != ""]
PACKAGES = ${JSON.stringify(LIBRARY_PACKAGES)}

class Slow(Exception):
    pass

stdout = sys.stdout

def say(line):
    # To the build's output, whatever an import did to sys.stdout.
    try:
        stdout.write(line + "\n")
        stdout.flush()
    except (OSError, ValueError):
        pass

def alarm(*_):
    raise Slow("the import did not finish in ${IMPORT_TIMEOUT}s")

signal.signal(signal.SIGALRM, alarm)

def shown(e):
    return "".join(traceback.format_exception_only(type(e), e)).strip()

def last_line(e):
    lines = [l for l in shown(e).splitlines() if l.strip()]
    return lines[-1].strip() if lines else type(e).__name__

def chain(e):
    links, seen = [], set()
    while e is not None and id(e) not in seen and len(links) < 20:
        seen.add(id(e))
        links.append(e)
        e = e.__cause__ if e.__cause__ is not None else (None if e.__suppress_context__ else e.__context__)
    return links

# A library the image lacks, or one without a symbol or version the extension needs.
LIBRARY = re.compile(r"cannot open shared object file|cannot load library|no library called|shared librar|undefined symbol|version .GLIBC|version .GLIBCXX", re.I)
# Exceptions that say what the environment lacks (a program, a file, the network, a variable, time).
ENVIRONMENT = (OSError, subprocess.SubprocessError, LookupError, Slow, SystemExit, KeyboardInterrupt)

def findable(name):
    try:
        return importlib.util.find_spec((name or "").split(".")[0]) is not None
    except (ImportError, ValueError):
        return False

def cause(e):
    # The exception that makes e the image's failure: a module the venv lacks or a library the image lacks;
    # None when e is about the environment the check runs in.
    links = chain(e)
    if LIBRARY.search(str(e)):
        return e
    if isinstance(e, ImportError):
        if isinstance(e, ModuleNotFoundError) or e.name is not None:
            return e  # raised by the import system
        # Raised by the code: "X is required" and "cannot find libmagic" fail; one wrapping what the
        # environment lacks (a program, a file) only warns.
        for x in links[1:]:
            if LIBRARY.search(str(x)):
                return x
        return e if all(isinstance(x, ImportError) for x in links) else None
    if isinstance(e, ENVIRONMENT):
        return None
    # Raised while handling a missing library or distribution ("Error loading psycopg2 module"): that one.
    for x in links[1:]:
        if LIBRARY.search(str(x)) or (isinstance(x, ModuleNotFoundError) and not findable(x.name)):
            return x
    return None

def need(e):
    # What the import needed that the check does not have, when the exception tells.
    for x in chain(e):
        if isinstance(x, Slow):
            return "a service it waits for"
        if isinstance(x, subprocess.CalledProcessError):
            cmd = x.cmd if isinstance(x.cmd, (list, tuple)) else str(x.cmd).split()
            program = os.path.basename(str(cmd[0])) if cmd else "?"
            return "the program %s to succeed (exit status %s)%s" % (program, x.returncode, "; the image has no .git directory" if program == "git" else "")
        if isinstance(x, (FileNotFoundError, PermissionError)) and x.filename:
            name = str(x.filename)
            if ".git" in name.split(os.sep):
                return "a .git directory, which the image does not have"
            if isinstance(x, FileNotFoundError) and "/" not in name and shutil.which(name) is None:
                return "the program %s, which is not in the image" % name
            return ("the file %s" if isinstance(x, FileNotFoundError) else "access to %s") % name
        if isinstance(x, (ConnectionError, TimeoutError)) or type(x).__name__ in ("gaierror", "herror") or (isinstance(x, OSError) and x.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED, errno.EADDRNOTAVAIL)):
            return "the network or a service (the check runs without network)"
        if isinstance(x, KeyError) and x.args and isinstance(x.args[0], str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", x.args[0]) and x.args[0] not in os.environ:
            return "the variable %s, which the image does not set" % x.args[0]
    return None

startup = set(sys.modules)
roots = tuple(os.path.join(os.path.abspath(p), "") for p in base_path)

def forget_local():
    # The modules earlier checks imported from their own folders: this one may find another module of that name.
    for name, module in list(sys.modules.items()):
        if name in startup:
            continue
        files = [getattr(module, "__file__", None)] if getattr(module, "__file__", None) else list(getattr(module, "__path__", None) or [])
        if files and not all(os.path.abspath(str(f)).startswith(roots) for f in files):
            del sys.modules[name]

def attempt(what, run, dirs, tainted=False):
    # Runs run (an import) with dirs first on the import path; a failure or a warning when it raises. True when it passed.
    forget_local()
    sys.path[:] = dirs + base_path
    signal.alarm(${IMPORT_TIMEOUT})
    try:
        run()
        return True
    except BaseException as e:
        signal.alarm(0)
        missing = cause(e)
        if missing is not None and (not tainted or not isinstance(missing, ModuleNotFoundError)):
            failures.append({"what": what, "error": shown(missing) if missing is e else shown(e) + " (from " + shown(missing) + ")"})
        else:
            warning = {"what": what, "error": last_line(e)}
            if missing is not None:
                warning["need"] = "the code the file runs before this import, which the check does not run"
            elif need(e):
                warning["need"] = need(e)
            warnings.append(warning)
        return False
    finally:
        signal.alarm(0)

def console_module(path):
    # The module a console script (pip's launcher: "from x import main") calls; None for anything else.
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError:
        return None
    if not head.startswith(b"#!") or b"python" not in head.split(b"\n", 1)[0]:
        return None
    m = re.search(rb"^from ([A-Za-z_][\w.]*) import ", head, re.M)
    return m.group(1).decode() if m else None

def load_module(name, attribute, what, dirs):
    found = []
    if not attempt(what, lambda: found.append(importlib.import_module(name)), dirs):
        return
    value = found[0]
    for part in attribute.split(".") if attribute else []:
        if not hasattr(value, part):
            failures.append({"what": what, "error": "module %s has no attribute %s" % (name, attribute)})
            return
        value = getattr(value, part)

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}

def catches_import(handler):
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return handler.type is None or any((t.id if isinstance(t, ast.Name) else getattr(t, "attr", "")) in IMPORT_ERRORS for t in types)

PATH_CHANGES = {"path", "meta_path", "path_hooks", "modules", "path_importer_cache"}

def may_change_imports(node):
    # Whether a statement may change what the imports after it find: sys.path and the like, the folder, a *path* helper.
    for n in ast.walk(node):
        if isinstance(n, ast.Attribute) and ((isinstance(n.value, ast.Name) and n.value.id == "sys" and n.attr in PATH_CHANGES) or n.attr in ("addsitedir", "chdir")):
            return True
        if isinstance(n, ast.Name) and n.id in ("addsitedir", "chdir", "__import__", "exec"):
            return True
        if isinstance(n, ast.Call):
            f = n.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            inside_os_path = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute) and f.value.attr == "path"
            if "path" in name.lower() and not inside_os_path:
                return True
    return False

def top_imports(body):
    # (statement, tainted) for each import a run of the file makes before anything else can fail: the top level's,
    # and those of try blocks that do not catch ImportError; not under if (__main__, TYPE_CHECKING), with or def.
    found, tainted = [], False
    tries = (ast.Try,) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())
    for node in body:
        if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__"):
            found.append((node, tainted))
        elif isinstance(node, tries) and not any(catches_import(h) for h in node.handlers):
            inner = top_imports(node.body)
            found += [(n, t or tainted) for n, t in inner]
            tainted = tainted or any(may_change_imports(n) for n in node.body + node.finalbody)
        elif not isinstance(node, ast.ImportFrom):
            tainted = tainted or may_change_imports(node)
    return found

def check_file(check, cwd, where):
    path = os.path.join(cwd, check["path"])
    what = "the file %s (%s)" % (check["path"], where)
    if os.path.isdir(path):
        folder, path = path, os.path.join(path, "__main__.py")
        if not os.path.isfile(path):
            failures.append({"what": what, "error": "a folder without __main__.py"})
            return
    elif not os.path.isfile(path):
        failures.append({"what": what, "error": "no such file in " + cwd})
        return
    else:
        folder = os.path.dirname(os.path.realpath(path))
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        failures.append({"what": what, "error": shown(e)})
        return
    if source.startswith(b"PK") or path.endswith((".pyc", ".pyz")):
        return  # a zip application or bytecode: nothing to read the imports from
    try:
        tree = ast.parse(source, path)
    except (SyntaxError, ValueError) as e:
        failures.append({"what": what, "error": "python cannot compile it: " + shown(e)})
        return
    for node, tainted in top_imports(tree.body):
        code = compile(ast.Module(body=[node], type_ignores=[]), path, "exec")
        label = "%s, line %d of %s (%s)" % (ast.unparse(node), node.lineno, check["path"], where)
        attempt(label, lambda: exec(code, {"__name__": "__pydock_smoke__", "__file__": path}), [folder], tainted)
        if warnings and warnings[-1]["what"] == label and warnings[-1].get("need") == "a service it waits for":
            break

# Shared libraries: the ELF dynamic section of every shared object, from its program headers.
def elf_header(path):
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return None
    if len(head) < 52 or head[:4] != b"\x7fELF" or head[4] not in (1, 2) or head[5] not in (1, 2):
        return None
    end = "<" if head[5] == 1 else ">"
    kind, machine = struct.unpack_from(end + "HH", head, 16)
    return head[4], end, kind, machine

def elf_dynamic(path, end, wide):
    # (NEEDED, RPATH, RUNPATH, SONAME); None when unreadable.
    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        if wide:
            phoff, = struct.unpack_from(end + "Q", data, 0x20)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 0x36)
            header = lambda i: struct.unpack_from(end + "IIQQQQ", data, phoff + i * phentsize)
            field = lambda h: (h[0], h[2], h[3], h[5])
            dynfmt = end + "qQ"
        else:
            phoff, = struct.unpack_from(end + "I", data, 0x1C)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 0x2A)
            header = lambda i: struct.unpack_from(end + "IIIII", data, phoff + i * phentsize)
            field = lambda h: (h[0], h[1], h[2], h[4])
            dynfmt = end + "iI"
        loads, dynamic = [], None
        for i in range(phnum):
            kind, offset, vaddr, size = field(header(i))
            if kind == 1:
                loads.append((vaddr, offset, size))
            elif kind == 2:
                dynamic = (offset, size)
        if dynamic is None:
            return [], [], [], None
        entries, step = [], struct.calcsize(dynfmt)
        for j in range(dynamic[1] // step):
            tag, value = struct.unpack_from(dynfmt, data, dynamic[0] + j * step)
            if tag == 0:
                break
            entries.append((tag, value))
        strtab = [v for t, v in entries if t == 5]
        base = [strtab[0] - vaddr + offset for vaddr, offset, size in loads if strtab and vaddr <= strtab[0] < vaddr + size]
        if not base:
            return None
        def text(o):
            start = base[0] + o
            return data[start:data.find(b"\0", start)].decode("utf-8", "replace")
        strings = lambda tag: [text(v) for t, v in entries if t == tag]
        soname = strings(14)
        return strings(1), strings(15), strings(29), soname[0] if soname else None
    except (struct.error, ValueError, IndexError):
        return None
    finally:
        data.close()

def library_dirs():
    found = []
    def read(path, depth):
        try:
            with open(path, errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            return
        for line in lines:
            line = line.split("#")[0].strip()
            if line.startswith("include ") and depth < 8:
                for pattern in line.split()[1:]:
                    for match in sorted(glob.glob(os.path.join(os.path.dirname(path), pattern))):
                        read(match, depth + 1)
            elif line.startswith("/"):
                found.append(line)
    read("/etc/ld.so.conf", 0)
    arch = getattr(sys.implementation, "_multiarch", "") or ""
    defaults = ["/lib/" + arch, "/usr/lib/" + arch] if arch else []
    return found + defaults + ["/lib", "/usr/lib", "/lib64", "/usr/lib64"]

# Provided at run time by the host's driver (the NVIDIA container runtime mounts them), never by the image.
HOST_LIBRARY = re.compile(r"^lib(cuda|nvidia-[\w.-]+|nvcuvid|nvoptix|cudadebugger|GLX_nvidia|EGL_nvidia|GLESv[12]\w*_nvidia)\.so")

def release():
    try:
        with open("/etc/os-release") as f:
            m = re.search(r"^VERSION_CODENAME=\"?([\w.-]+)", f.read(), re.M)
        return m.group(1) if m else None
    except OSError:
        return None

def check_libraries(venv):
    started = time.monotonic()
    own = elf_header(os.path.realpath(sys.executable))
    shared = re.compile(r"\.so(\.[0-9]+)*$")
    names, objects = set(), []
    for d, _, files in os.walk(venv):
        for name in files:
            if shared.search(name):
                names.add(name)
                path = os.path.join(d, name)
                if not os.path.islink(path):
                    objects.append(path)
    parsed = []
    for path in sorted(objects):
        h = elf_header(path)
        # Only shared objects this interpreter can load: not another architecture's, not musl's.
        if h is None or h[2] != 3 or (own is not None and (h[0], h[3]) != (own[0], own[3])):
            continue
        dyn = elf_dynamic(path, h[1], h[0] == 2)
        if dyn is None or any(n.startswith(("libc.musl", "ld-musl")) for n in dyn[0]):
            continue
        if dyn[3]:
            names.add(dyn[3])
        parsed.append((path, dyn))
    env_dirs = [d for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    system, in_system = library_dirs(), {}
    missing, host = {}, set()
    for path, (needed, rpath, runpath, _) in parsed:
        origin = os.path.dirname(path)
        own_dirs = [d.replace("$" + "{ORIGIN}", origin).replace("$ORIGIN", origin) for p in (runpath or rpath) for d in p.split(":") if d]
        for name in needed:
            if name in names:
                continue
            if "/" in name:
                if not os.path.exists(os.path.join(origin, name)):
                    missing.setdefault(name, []).append(path)
                continue
            if any(os.path.exists(os.path.join(d, name)) for d in own_dirs + env_dirs):
                continue
            if name not in in_system:
                in_system[name] = any(os.path.exists(os.path.join(d, name)) for d in system)
            if in_system[name]:
                continue
            if HOST_LIBRARY.match(name):
                host.add(name)
            else:
                missing.setdefault(name, []).append(path)
    codename = release()
    for name in sorted(missing):
        users = sorted(re.sub(r"^lib(64)?/python[^/]*/site-packages/", "", os.path.relpath(p, venv)) for p in missing[name])
        by = ", ".join(users[:3]) + (" and %d more" % (len(users) - 3) if len(users) > 3 else "")
        package = PACKAGES.get(name)
        if isinstance(package, dict):
            package = package.get(codename or "")
        failure = {"what": "the shared library %s (needed by %s in %s)" % (name, by, venv), "library": name,
                   "error": "not found in the runtime image" + (" (Debian package %s)" % package if package else "")}
        if package:
            failure["package"] = package
        failures.append(failure)
    for name in sorted(host):
        say("pydock: %s is not in the image: the host's driver provides it at run time (not checked)" % name)
    say("pydock: smoke test: %d shared objects of the venv checked in %.2fs" % (len(parsed), time.monotonic() - started))

for check in checks:
    kind = check["kind"]
    if kind == "libraries":
        check_libraries(check["venv"])
        continue
    cwd = os.path.normpath(os.path.join(workdir, check.get("cwd", ".")))
    where = ("cd %s && " % check["cwd"] if check.get("cwd") else "") + check.get("from", check.get("name", ""))
    try:
        os.chdir(cwd)
    except OSError as e:
        failures.append({"what": "the folder %s (%s)" % (check["cwd"], where), "error": "no such folder in " + workdir})
        continue
    if kind == "program":
        path = shutil.which(check["name"])
        if path is None:
            failures.append({"what": "the program " + check["name"], "error": ("no such file in " + cwd) if "/" in check["name"] else "not found on PATH " + os.environ.get("PATH", "")})
        else:
            module = console_module(path)
            if module:
                load_module(module, None, "import %s (the console script %s)" % (module, path), [os.path.dirname(path)])
    elif kind == "module":
        what = "import %s%s (%s)" % (check["name"], ":" + check["attribute"] if check.get("attribute") else "", where)
        load_module(check["name"], check.get("attribute"), what, [os.path.join(cwd, p) for p in check.get("paths", [])] + [cwd])
    elif kind == "file":
        check_file(check, cwd, where)
    try:
        os.chdir(workdir)
    except OSError:
        pass

result = {"failures": failures, "warnings": warnings}
if report is not None:
    try:
        with open(report, encoding="utf-8") as f:
            result["report"] = f.read()
    except FileNotFoundError:
        result["report"] = None
    except OSError:
        pass  # unreadable by the image's user: the frontend reads it from the image itself
with open(out, "w") as f:
    json.dump(result, f)
say("pydock: smoke test: %d problem(s), %d warning(s)" % (len(failures), len(warnings)))
for item in failures + warnings:
    say("pydock: %s: %s" % (item["what"], item["error"]))
# Threads an import started (a scheduler, a pool) must not keep the check from ending.
os._exit(0)
`;

/** The image settings the check runs with: the final image config's. */
export interface SmokeImage {
  readonly env: readonly string[];
  readonly user: string;
  readonly workdir: string;
}

/** The state whose root holds {@link SMOKE_RESULT} after the check ran on `image`. */
export function smokeTestState(image: llb.State, test: SmokeTest, settings: SmokeImage, opts: OpOptions): llb.State {
  // The result file exists and is the image user's (pydock's image users are numeric), so that user can write it.
  const owner = /^\d+(:\d+)?$/.test(settings.user) ? { owner: settings.user } : {};
  const out = llb.scratch().file(llb.mkfile(`/${SMOKE_RESULT}`, 0o666, "", { timestamp: new Date(0), ...owner }), { customName: "[smoke-test] result file" });
  const env = settings.env.map((kv): [string, string] => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]).filter(([k]) => k !== "");
  const exec = image.run({
    ...opts,
    args: [test.python, "-c", SMOKE_SCRIPT, smokeChecksJson(test), `${SMOKE_DIR}/${SMOKE_RESULT}`, ...(test.report ? [test.report] : [])],
    env,
    cwd: settings.workdir,
    user: settings.user,
    network: "none",
    mounts: [llb.bindMount(SMOKE_DIR, out)],
  });
  return exec.getMount(SMOKE_DIR);
}

/**
 * What the script checks: the venv's shared libraries first (the venv is the folder of the interpreter's
 * bin/: whatever the command, every compiled extension must find its libraries), then the command's checks.
 */
export function smokeChecksJson(test: Pick<SmokeTest, "python" | "checks">): string {
  const venv = test.python.replace(/\/bin\/[^/]+$/, "");
  const libraries = venv !== test.python && venv !== "" ? [{ kind: "libraries", venv }] : [];
  return JSON.stringify([...libraries, ...(test.checks satisfies readonly SmokeCheck[])]);
}

/** The result file as the script wrote it; undefined for anything else. */
export function parseSmokeResult(text: string): SmokeResult | undefined {
  try {
    const v = JSON.parse(text) as SmokeResult;
    const optional = (x: unknown) => x === undefined || typeof x === "string";
    const ok = (xs: unknown, extra: readonly string[]) =>
      Array.isArray(xs) && xs.every((x) => typeof x?.what === "string" && typeof x?.error === "string" && extra.every((k) => optional(x[k])));
    const report = v.report === undefined || v.report === null || typeof v.report === "string";
    return ok(v.failures, ["library", "package"]) && ok(v.warnings, ["need"]) && report ? v : undefined;
  } catch {
    return undefined;
  }
}

/** An error message that says a shared library could not be loaded. */
const LIBRARY_ERROR = /cannot open shared object file|cannot load library|no library called|\.so(\.\d+)*\b/;

/**
 * The smoke test's result as diagnostics at `at`: one error for the failures (with what to do), a warning
 * for each import that needed something the check's environment does not have. `autoSystemPackages`:
 * whether pydock already added the packages it found, which changes the advice.
 */
export function smokeDiagnostics(result: SmokeResult, at: Pick<Diagnostic, "file" | "range">, autoSystemPackages: boolean): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const warnings = result.warnings.map((w): Diagnostic => ({
    ...at,
    severity: "warning",
    code: "smoke-test",
    message:
      `smoke test: ${w.what} needed something the build environment does not have${w.need ? ` (${w.need})` : ""}: ${w.error}; ` +
      "not a failure, since the check runs without the network, services, a .git directory or variables set only at run time: the container needs it when it starts",
  }));
  if (result.failures.length === 0) return { errors: [], warnings };
  const command = result.failures.filter((f) => f.library === undefined);
  const libraries = result.failures.filter((f) => f.library !== undefined);
  const parts: string[] = [];
  if (command.length > 0) parts.push(`the runtime image cannot start the command: ${command.map((f) => `${f.what}: ${f.error}`).join("; ")}`);
  if (libraries.length > 0) parts.push(`the venv's compiled extensions need shared libraries the runtime image lacks: ${libraries.map((f) => `${f.what}: ${f.error}`).join("; ")}`);
  const advice: string[] = [];
  // pkg_resources and distutils came with setuptools and Python before 3.12; an old pin still imports them.
  if (command.some((f) => /No module named '(pkg_resources|distutils)'/.test(f.error))) {
    advice.push("an old release in the dependencies imports pkg_resources or distutils, which Python 3.12 and later venvs lack: add setuptools to the dependencies, upgrade that package, or pin an older Python ([python] version)");
  } else if (command.some((f) => !LIBRARY_ERROR.test(f.error))) advice.push("check the command, and that what it runs is installed in the venv");
  if (libraries.length > 0 || command.some((f) => LIBRARY_ERROR.test(f.error))) {
    const packages = [...new Set(libraries.flatMap((f) => (f.package ? [f.package] : [])))];
    const unknown = libraries.length === 0 || libraries.some((f) => !f.package);
    const add = packages.length > 0 ? `add ${packages.join(", ")}${unknown ? " and the Debian package of each other library" : ""} to [runtime] system-packages` : "name the Debian package that provides it in [runtime] system-packages";
    advice.push(`a shared library is missing from the runtime image: ${add}${autoSystemPackages ? "" : " (or remove [runtime] auto-system-packages = false, which finds it)"}`);
  }
  return {
    errors: [{ ...at, severity: "error", code: "smoke-test", message: `${parts.join("; ")}; ${advice.join("; ")}; [runtime] smoke-test = false skips this check` }],
    warnings,
  };
}
