/**
 * Base images without a registry: a {@link BaseResolver} that answers every reference with the environment
 * of the official Python images, for compiling offline (tests, the benchmark, tools that show a plan or its
 * LLB without a daemon). With a digest, references are pinned to it as a registry would pin them.
 */
import type { BaseImage, BaseResolver } from "./compile.js";

export interface StandInOptions {
  /** `sha256:…` to pin every image to; none: used by name, as from the Docker Engine's local store. */
  readonly digest?: string;
  /** The images' Env. */
  readonly env?: readonly string[];
}

/** The Env of the official `python:3.x` images, as far as pydock reads it. */
export const STAND_IN_ENV: readonly string[] = ["PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/bin", "LANG=C.UTF-8", "PYTHON_VERSION=3.11.14"];

export function standInBases(options: StandInOptions = {}): BaseResolver {
  const env = options.env ?? STAND_IN_ENV;
  return (ref, platform): BaseImage => {
    const pinned = options.digest && !ref.includes("@") ? `${ref}@${options.digest}` : ref;
    const config = { Env: [...env], WorkingDir: "" };
    return { pinned, digest: options.digest ?? "", config, image: { config, os: platform.os, architecture: platform.architecture } };
  };
}
