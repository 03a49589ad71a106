/**
 * The CLI's help texts and version: `pydock help`, `pydock COMMAND --help`, and the usage shown with a
 * command-line mistake. The version is package.json's; the frontend image `init` names in `# syntax=` is
 * the one of the same major.minor release.
 */
export { SYNTAX_IMAGE, VERSION } from "../core/version.js";

const PROJECT_OPTIONS = `  --context DIR        the build context (default: the file's folder)
  --target T           runtime (default), venv or a [targets.NAME]
  --build-arg K=V      a build argument, as docker build --build-arg (repeatable; K alone takes $K)
  --revision SHA       the commit id (default: read from DIR/.git, as a build does)
  --source-url URL     the repository URL, for the org.opencontainers.image.source label`;

export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  plan: `usage: pydock plan [FILE] [options]

Shows what a build of FILE (default ./pydock.toml, or DIR/pydock.toml) would do, in plain words: the
stages, every step with its mounts, secrets and environment, the base images and the image config. No
daemon. What pydock detected is said on stderr.

${PROJECT_OPTIONS}
`,
  eject: `usage: pydock eject [FILE] [options]

Writes a multi-stage Dockerfile equivalent to what a build of FILE does (the same stages, cache mounts,
secrets, user, labels and health check), for BuildKit's built-in Dockerfile frontend: to stdout, or to
the file -o names. Its header lists where it differs from pydock's own build.

  -o, --output FILE    write the Dockerfile there instead of stdout
${PROJECT_OPTIONS}
`,
  llb: `usage: pydock llb [FILE] [options]

Prints the LLB definition a build of FILE sends to BuildKit: as JSON op by op (the shape of buildctl debug
dump-llb), or as the binary definition buildctl reads:

  pydock llb --format binary | buildctl build --local context=. --output type=oci,dest=app.tar

Base images are referenced by name, not pinned by digest (no registry is asked), and the image config
(command, user, env) is not part of a definition: build through the frontend for a runnable image.

${PROJECT_OPTIONS}
  --platform P         linux/amd64, linux/arm64, … (default: this machine's)
  --format F           json (default) or binary
`,
  check: `usage: pydock check [FILE] [options]

Reports the problems a build of FILE would: errors and warnings in pydock.toml and in the plan of every
target (or of --target), each as file:line:col: message. Exits 1 on an error, 0 otherwise.

${PROJECT_OPTIONS}
  --format F           text (default) or json: [{rule, severity, file, line, column, message}]
  --strict             exit 1 on warnings too (what pydock detected is a warning: write it down)
`,
  init: `usage: pydock init [DIR] [--force]

Writes DIR/pydock.toml (default: this folder) from what pydock detects in the project: the Python version,
the package manager, the start command, its port and the Debian packages the dependencies need, each with
the reason as a comment; what it cannot detect is a commented-out key with a TODO.

  --force              overwrite an existing pydock.toml
`,
};

export const USAGE = `usage: pydock COMMAND [options]

pydock builds container images for Python applications from pydock.toml (a BuildKit frontend:
docker build -f pydock.toml .). These commands read the same files a build reads, without a daemon:

  init [DIR]           write a pydock.toml from what pydock detects in the project
  plan [FILE]          what a build would do, in plain words
  check [FILE]         the errors and warnings a build would report
  llb [FILE]           the LLB definition a build sends to BuildKit, as JSON or binary
  eject [FILE]         an equivalent multi-stage Dockerfile, for leaving pydock
  help [COMMAND]       this text, or a command's

  --version            pydock's version

FILE defaults to ./pydock.toml. \`pydock COMMAND --help\` describes a command's options.
`;
