/**
 * Tool images both emitters run, pinned to exact versions (GitHub with `docker run`, GitLab as a job image).
 * hadolint: the Debian variant, which has the shell the GitLab job script needs. hadolint/hadolint-action is not
 * used although it is pinned in shared/actions/pins.json: it runs a container image by a mutable tag, so a SHA pin
 * does not pin what it executes; `docker run` with this tag runs the same hadolint on both CI systems.
 *
 * @see https://github.com/hadolint/hadolint#install
 */
export const HADOLINT_IMAGE = 'docker.io/hadolint/hadolint:v2.14.0-debian';
