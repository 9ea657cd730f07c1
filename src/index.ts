/**
 * dockyard public API: the config schema and helpers, the pipeline model, the emitters and the renderer
 * (src/library.ts), and `runCli`, the CLI (`dockyard synth`, `dockyard validate`) built on them.
 */
export * from './library.js';
export { runCli } from './cli/main.js';
