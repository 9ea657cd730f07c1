import { defineConfig } from 'dockyard';

// Rust command-line tool on GitHub, published to Docker Hub, with BuildKit's inline cache
// (read back from the published :latest), and a smoke command run inside the built image.
export default defineConfig({
  ci: ['github'],
  image: { name: 'acme/logfmt', target: 'production' },
  registries: [{ type: 'dockerhub', credentials: { username: 'DOCKERHUB_USERNAME', password: 'DOCKERHUB_TOKEN' } }],
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}', 'type=sha'],
  cache: 'inline',
  test: {
    commands: [`test "$(printf 'a=1 msg="hi there"\\n' | logfmt)" = '{"a":"1","msg":"hi there"}'`],
  },
  triggers: { branches: ['main'], tags: ['v*'] },
});
