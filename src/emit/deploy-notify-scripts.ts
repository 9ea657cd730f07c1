/**
 * POSIX sh fragments of the deploy and notify jobs, shared by both emitters. Values reach them through environment
 * variables only. The deploy body and the notify job's awk program are files of `templates/steps/` (deploy.sh,
 * notify-body.awk; see step-scripts.ts); test/emit/deploy-notify-scripts.test.ts runs the scripts for real with dash
 * and bash (the notify script against a loopback HTTP server), test/templates/step-scripts.test.ts the files.
 *
 * Inputs common to both: the `published` file (one `repository@index-digest` line per registry the manifest job
 * published to; the first line is the image deployed and named) and `DOCKYARD_TAG_LIST`, the metadata job's tags
 * as full references, one per line.
 */
import type { StepScripts } from './step-scripts.js';

/** The notify services and the environment variable each one's webhook URL reaches the script in. */
export const NOTIFY_WEBHOOK_ENV = { slack: 'DOCKYARD_SLACK_WEBHOOK', teams: 'DOCKYARD_TEAMS_WEBHOOK' } as const;

/** A notify service. */
export type NotifyService = keyof typeof NOTIFY_WEBHOOK_ENV;

/**
 * sh of a deploy job: read the first published line into `DOCKYARD_IMAGE_REF` (`repository@digest`),
 * `DOCKYARD_IMAGE` (repository), `DOCKYARD_DIGEST` (index digest) and `DOCKYARD_TAGS` (that repository's tag names,
 * space-separated), export them and run `$DOCKYARD_DEPLOY_COMMAND` with `sh -c`; its exit status is the job's.
 * When nothing was published on this ref (no tag rule matched), it says so and deploys nothing (exit 0).
 *
 * The body after reading the first line is `templates/steps/deploy.sh`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param publishedFile shell word of the `published` file.
 */
export function deployScript(scripts: StepScripts, publishedFile: string): string {
  return ['line=', `if [ -s ${publishedFile} ]; then line=$(head -n 1 ${publishedFile}); fi`, scripts.deploy].join(
    '\n',
  );
}

/**
 * sh of a notify job: for each configured service, build the message for `$DOCKYARD_NOTIFY_EVENT` (`failure` or
 * `success`) naming the project, ref, published image and digest (first line of `published`, or "not published"),
 * its tags and, on failure, the failed gates (result files `gatesDir/*.tsv`), and POST it with curl. The webhook
 * URL comes from the service's variable ({@link NOTIFY_WEBHOOK_ENV}) and is never printed. An empty URL or an HTTP
 * error (curl `--fail`) fails the job after every service was tried; the pipeline's own result is unchanged. The
 * message is written by the awk program `templates/steps/notify-body.awk` (Slack incoming webhook or Teams
 * Workflows Adaptive Card; every value escaped for JSON).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param publishedFile shell word of the `published` file (may be missing).
 * @param gatesDir shell word of the gate result directory (may be missing).
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * @see https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
 */
export function notifyScript(
  scripts: StepScripts,
  publishedFile: string,
  gatesDir: string,
  services: readonly NotifyService[],
): string {
  return [
    '# shellcheck disable=SC2016 # an awk program: its $ are awk fields',
    `body_awk='${scripts.notifyBody}'`,
    'line=',
    `if [ -s ${publishedFile} ]; then line=$(head -n 1 ${publishedFile}); fi`,
    'DOCKYARD_NOTIFY_IMAGE=${line%@*}',
    'DOCKYARD_NOTIFY_DIGEST=${line#*@}',
    'export DOCKYARD_NOTIFY_IMAGE DOCKYARD_NOTIFY_DIGEST DOCKYARD_TAG_LIST',
    'notify_failed=0',
    'notify() {',
    '  if [ -z "$2" ]; then echo "dockyard: the $1 webhook URL is empty: is its secret set and available to this ref?" >&2; notify_failed=1; return; fi',
    `  { cat ${gatesDir}/*.tsv 2>/dev/null || true; } | awk -F '\\t' -v kind="$1" "$body_awk" > "dockyard-notify-$1.json"`,
    '  if curl --silent --show-error --fail --max-time 30 --retry 2 -H "Content-Type: application/json" --data-binary "@dockyard-notify-$1.json" "$2" > /dev/null; then',
    '    echo "dockyard: $1 notified ($DOCKYARD_NOTIFY_EVENT)"',
    '  else',
    '    echo "dockyard: the $1 message was not delivered (see the curl error above)" >&2; notify_failed=1',
    '  fi',
    '}',
    ...services.map((s) => `notify ${s} "\${${NOTIFY_WEBHOOK_ENV[s]}:-}"`),
    'exit "$notify_failed"',
  ].join('\n');
}
