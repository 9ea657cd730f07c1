import { defineConfig } from 'dockyard';

// Go service built FROM scratch for one platform on both CI systems, with a local
// BuildKit/buildah cache kept by the CI system's own cache, and pushed to the
// project registry plus a private registry.
export default defineConfig({
  ci: ['github', 'gitlab'],
  image: {
    name: 'acme/go-service',
    target: 'production',
    buildArgs: { VERSION: '1.0.0' },
  },
  registries: [
    { type: 'gitlab', host: 'registry.gitlab.com', repository: 'acme/go-service', credentials: { username: 'GITLAB_REGISTRY_USER', password: 'GITLAB_REGISTRY_TOKEN' } },
    { type: 'generic', host: 'registry.acme.example', repository: 'platform/go-service', credentials: { username: 'ACME_REGISTRY_USER', password: 'ACME_REGISTRY_PASSWORD' } },
  ],
  platforms: ['linux/amd64'],
  tags: ['type=ref,event=branch', 'type=ref,event=tag', 'type=sha,prefix=git-'],
  cache: 'local',
  // The production image is FROM scratch (no shell, no toolchain), so the `test` stage is built FROM `build`
  // and copies the candidate's binary in: it tests the binary, not the image. `from: 'source'` says so, and the
  // plan, the test job's name and the gate summary label it "does not test the candidate".
  test: { target: 'test', from: 'source' },
});
