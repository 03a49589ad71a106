// Types of scripts/bundle.mjs for the TypeScript tests that bundle a frontend fixture.
import type { LogLevel } from "esbuild";

export function bundleFrontend(o: { entry: string; outfile: string; sourcemap?: boolean; logLevel?: LogLevel }): Promise<void>;
