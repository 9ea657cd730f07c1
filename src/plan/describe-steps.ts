import type { Step } from '../model/steps.js';

/**
 * One step of a job as `dockyard plan` shows it: a few words, e.g. `log in to ghcr.io/acme/api`, `build the
 * candidate (cache from and to the registry, written outside pull requests)`. Pure; the words are the model's, the
 * same for every CI system but the registry references, which the target resolved.
 *
 * @param registries the pipeline's registries as the target names them (`registryRefsOf`), by index.
 * @see docs/architecture.md ("Steps")
 */
export function describeStep(step: Step, registries: readonly string[]): string {
  const refs = (indexes: readonly number[]) => indexes.map((i) => registries[i] ?? `registry ${i}`).join(', ');
  switch (step.kind) {
    case 'download':
      return `download ${step.artifact}`;
    case 'upload':
      return `upload ${step.artifact}`;
    case 'login':
      return `log in to ${refs(step.registries)}`;
    case 'compute-metadata':
      return 'compute tags, labels and annotations';
    case 'build': {
      const cache = step.cache.from
        ? `, cache from ${step.cache.from.type}${step.cache.to ? ' (written outside pull requests)' : ''}`
        : '';
      const stage = step.target ? ` from stage ${step.target}` : '';
      return step.output === 'candidate'
        ? `build the candidate${stage}${step.format === 'docker' ? ' in Docker format' : ''}${cache}`
        : `build the test stage ${step.target}${step.replaces ? ` with ${step.replaces} replaced by the candidate` : ''}${cache}`;
    }
    case 'stage-candidate':
      return 'push the candidate untagged, by digest, to the staging repository';
    case 'fetch-candidate':
      return step.from === 'staging' ? 'pull the candidate by digest from staging' : 'load the candidate archive';
    case 'run-in-candidate':
      return `run ${step.commands.length} test command${step.commands.length === 1 ? '' : 's'} in the candidate`;
    case 'check':
      return `check ${step.gate}`;
    case 'record-gate-result':
      return `record the ${step.gate} result`;
    case 'summarize-gates':
      return 'summarise the gate results';
    case 'push-by-digest':
      return `${step.from === 'staging' ? 'copy' : 'push'} each tested digest to ${refs(step.registries)}`;
    case 'merge-index':
      return `merge the digests into an image index and tag it in ${refs(step.registries)}`;
    case 'sign':
      return step.provenance ? 'sign and attest provenance (keyless)' : 'sign (keyless)';
    case 'deploy':
      return 'deploy to each environment in order';
    case 'notify':
      return 'notify';
  }
}
