/** pydock's version (package.json's) and the frontend image of this release, as `# syntax=` names it. */
import pkg from "../../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
/** The `# syntax=` image of this release: pydock/pydock:MAJOR.MINOR (see README, Versions). */
export const SYNTAX_IMAGE = `pydock/pydock:${VERSION.split(".").slice(0, 2).join(".")}`;
