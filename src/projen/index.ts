/**
 * `dockyard/projen`: dockyard as a projen component. Requires `projen` (a peer dependency) in the project.
 *
 * @see https://projen.io/
 */
export { DockyardPipeline, DockyardConfigError, type DockyardPipelineOptions } from './dockyard-pipeline.js';
export {
  DockyardYamlFile,
  DockyardTextFile,
  type DockyardYamlFileOptions,
  type DockyardYamlDialect,
  type DockyardTextFileOptions,
} from './dockyard-files.js';
export { defineConfig } from '../config/define-config.js';
export type { DockyardConfig, DockyardConfigInput } from '../config/schema/index.js';
