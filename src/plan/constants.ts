/**
 * Constants shared by the stage and image plans: the app user's uid, the venv stage's build directory and the
 * Python environment variables every stage that runs Python gets.
 */

/** The uid/gid of the user pydock creates. */
export const APP_UID = 10001;
/** Where the venv stage keeps the project's manifests and sources while installing. */
export const BUILD_DIR = "/usr/src/pydock";

/** Set wherever pydock runs Python: unbuffered output, no .pyc files written. */
export const PYTHON_ENV: readonly (readonly [string, string])[] = [
  ["PYTHONUNBUFFERED", "1"],
  ["PYTHONDONTWRITEBYTECODE", "1"],
];
