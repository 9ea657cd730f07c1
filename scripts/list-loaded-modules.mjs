// Records every module file a Node.js process loads, one absolute path a line, into the file named by
// DOCKYARD_LOADED_MODULES (appended; lines may repeat). Preload it with `node --import <this file> …`.
// Used by `npm run bench` (files each command opens) and test/cli/bin.test.ts (which packages a command loads).
// ES modules (and CommonJS ones they import) are seen by a load hook, which runs on Node's loader thread;
// CommonJS modules required from CommonJS are seen by wrapping Module.prototype.load on the main thread.
// @see https://nodejs.org/api/module.html#customization-hooks
// @see https://nodejs.org/api/modules.html#the-module-object
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const out = process.env.DOCKYARD_LOADED_MODULES;
if (out) {
  const hook = `
    import { appendFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    export async function load(url, context, nextLoad) {
      if (url.startsWith('file:')) appendFileSync(${JSON.stringify(out)}, fileURLToPath(url) + '\\n');
      return nextLoad(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const load = Module.prototype.load;
  Module.prototype.load = function recordLoad(filename) {
    appendFileSync(out, `${filename}\n`);
    return load.call(this, filename);
  };
}
