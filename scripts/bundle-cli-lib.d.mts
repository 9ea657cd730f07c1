import type { Metafile } from 'esbuild';

/** The packages compiled into the CLI bundle; every other one stays an import of node_modules. */
export declare const BUNDLED_PACKAGES: readonly string[];

/**
 * Bundle the `dockyard` executable (src/cli/bin.ts) into `outdir` (two levels below the package root, as
 * `dist/cli`), ES modules with code splitting.
 *
 * @returns what went into each output file.
 * @see https://esbuild.github.io/api/#splitting
 */
export declare function bundleCli(outdir: string): Promise<Metafile>;
