import type { Pipeline } from '../../model/pipeline.js';
import { useAction, type UsesStep } from './action-pins.js';
import type { GithubRegistry } from './github-registries.js';

/** Cache inputs for docker/build-push-action plus the steps that surround the build. */
export interface GithubCache {
  readonly cacheFrom?: string;
  /** Written only by the build job, never by pull requests. */
  readonly cacheTo?: string;
  readonly before: UsesStep[];
  readonly after: Array<{ name: string; run: string }>;
}

const NOT_PR = "github.event_name != 'pull_request'";
const LOCAL_CACHE = '${{ runner.temp }}/.buildx-cache';

/**
 * Map the cache mode to BuildKit cache-from / cache-to for the job running on platform `${{ matrix.slug }}`.
 * Pull requests read the cache but never write it.
 *
 * @param write whether this job writes the cache (the build job) or only reads it (the test job).
 * @see https://docs.docker.com/build/cache/backends/
 */
export function planGithubCache(
  pipeline: Pipeline,
  registries: readonly GithubRegistry[],
  write: boolean,
): GithubCache {
  // `{0}` is the platform slug; GitHub expressions do not nest, so the value is built with format().
  const onlyOutsidePr = (value: string) => `\${{ ${NOT_PR} && format('${value}', matrix.slug) || '' }}`;
  switch (pipeline.cache) {
    case 'none':
      return { before: [], after: [] };
    case 'gha':
      return {
        cacheFrom: 'type=gha,scope=dockyard-${{ matrix.slug }}',
        ...(write ? { cacheTo: onlyOutsidePr('type=gha,mode=max,scope=dockyard-{0}') } : {}),
        before: [],
        after: [],
      };
    case 'registry': {
      const ref = registryCacheRefPrefix(registries[0]);
      return {
        cacheFrom: `type=registry,ref=${ref}\${{ matrix.slug }}`,
        ...(write ? { cacheTo: onlyOutsidePr(`type=registry,ref=${ref}{0},mode=max`) } : {}),
        before: [],
        after: [],
      };
    }
    case 'inline':
      return {
        cacheFrom: `type=registry,ref=${registries[0].ref}:latest`,
        ...(write ? { cacheTo: 'type=inline' } : {}),
        before: [],
        after: [],
      };
    case 'local':
      return {
        cacheFrom: `type=local,src=${LOCAL_CACHE}`,
        ...(write ? { cacheTo: `type=local,dest=${LOCAL_CACHE}-new,mode=max` } : {}),
        before: [
          useAction('cache', 'Restore the BuildKit cache', {
            path: LOCAL_CACHE,
            key: 'dockyard-buildx-${{ matrix.slug }}-${{ github.sha }}',
            'restore-keys': 'dockyard-buildx-${{ matrix.slug }}-',
          }),
        ],
        after: write
          ? [
              {
                name: 'Rotate the BuildKit cache',
                run: 'rm -rf "$RUNNER_TEMP/.buildx-cache"\nmv "$RUNNER_TEMP/.buildx-cache-new" "$RUNNER_TEMP/.buildx-cache"',
              },
            ]
          : [],
      };
  }
}

/**
 * Where the registry cache of a platform lives, without the platform slug: a repository of its own beside the
 * image, `<first registry>/buildcache:<platform>` (so no cache tag ever shows among the published image's tags,
 * and a retention policy on the image never sees one), as on GitLab, where buildah keeps the cache in a repository
 * of its own anyway. Docker Hub has no nested repositories: there the cache stays a `buildcache-<platform>` tag of
 * the image's repository.
 *
 * @see https://docs.docker.com/build/cache/backends/registry/
 */
export function registryCacheRefPrefix(first: GithubRegistry): string {
  return first.host === 'docker.io' ? `${first.ref}:buildcache-` : `${first.ref}/buildcache:`;
}
