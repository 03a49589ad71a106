/** The `pydock` executable (dist/cli.cjs): runs main() on the process's arguments, stdout and stderr. */
import { main } from "./main.js";

// A reader that stops early (`pydock llb | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

void main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
