/**
 * POSIX sh fragments of the deploy and notify jobs, shared by both emitters. Values reach them through environment
 * variables only; test/emit/deploy-notify-scripts.test.ts runs them for real with dash and bash (the notify script
 * against a loopback HTTP server), the golden tests check them with shellcheck.
 *
 * Inputs common to both: the `published` file (one `repository@index-digest` line per registry the manifest job
 * published to; the first line is the image deployed and named) and `DOCKYARD_TAG_LIST`, the metadata job's tags
 * as full references, one per line.
 */

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
 * @param publishedFile shell word of the `published` file.
 */
export function deployScript(publishedFile: string): string {
  return [
    'line=',
    `if [ -s ${publishedFile} ]; then line=$(head -n 1 ${publishedFile}); fi`,
    'if [ -z "$line" ]; then echo "dockyard: nothing was published on this ref; $DOCKYARD_ENVIRONMENT not deployed"; exit 0; fi',
    'DOCKYARD_IMAGE_REF=$line',
    'DOCKYARD_IMAGE=${line%@*}',
    'DOCKYARD_DIGEST=${line#*@}',
    'DOCKYARD_TAGS=',
    'while IFS= read -r ref; do',
    '  case $ref in "$DOCKYARD_IMAGE":*) DOCKYARD_TAGS="$DOCKYARD_TAGS${DOCKYARD_TAGS:+ }${ref#"$DOCKYARD_IMAGE":}" ;; esac',
    'done <<EOF',
    '${DOCKYARD_TAG_LIST:-}',
    'EOF',
    'export DOCKYARD_IMAGE DOCKYARD_DIGEST DOCKYARD_IMAGE_REF DOCKYARD_TAGS',
    'echo "dockyard: deploying $DOCKYARD_IMAGE_REF to $DOCKYARD_ENVIRONMENT"',
    'sh -c "$DOCKYARD_DEPLOY_COMMAND"',
  ].join('\n');
}

/**
 * awk program writing one webhook body (JSON) to stdout: `kind` is `slack` (incoming webhook: `text` and one
 * `mrkdwn` section block, `&`, `<` and `>` escaped as Slack asks in both, the fallback `text` included) or `teams` (a Workflows webhook message with one
 * Adaptive Card 1.4: a title and a fact set). Reads gate result lines (gate, platform, result, figure, threshold)
 * on stdin and lists those whose result is `fail`; every value is escaped for JSON character by character (quotes,
 * backslashes, control characters), so tag names and figures cannot inject JSON. No single quotes inside.
 *
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 * @see https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
 */
const BODY_AWK = [
  'function esc(s,   out, i, c) {',
  '  out = ""',
  '  for (i = 1; i <= length(s); i++) {',
  '    c = substr(s, i, 1)',
  '    if (c == "\\\\") out = out "\\\\\\\\"',
  '    else if (c == "\\"") out = out "\\\\\\""',
  '    else if (c == "\\n") out = out "\\\\n"',
  '    else if (c ~ /[[:cntrl:]]/) out = out " "',
  '    else out = out c',
  '  }',
  '  return "\\"" out "\\""',
  '}',
  'function mrkdwn(s) { gsub(/&/, "\\\\&amp;", s); gsub(/</, "\\\\&lt;", s); gsub(/>/, "\\\\&gt;", s); return s }',
  '$3 == "fail" { row = $1; if ($2 != "-" && $2 != "") row = row " (" $2 ")"; row = row ": " $4; if ($5 != "") row = row " (limit " $5 ")"; failed = failed (failed == "" ? "" : "; ") row }',
  'END {',
  '  event = ENVIRON["DOCKYARD_NOTIFY_EVENT"]; image = ENVIRON["DOCKYARD_NOTIFY_IMAGE"]; digest = ENVIRON["DOCKYARD_NOTIFY_DIGEST"]',
  '  title = "dockyard: " ENVIRON["DOCKYARD_PROJECT"] " " (event == "failure" ? "failed" : "succeeded") " on " ENVIRON["DOCKYARD_REF"]',
  '  published = image == "" ? "not published" : image "@" digest',
  '  n = split(ENVIRON["DOCKYARD_TAG_LIST"], refs, "\\n"); tags = ""',
  '  for (i = 1; i <= n; i++) if (image != "" && index(refs[i], image ":") == 1) tags = tags (tags == "" ? "" : ", ") substr(refs[i], length(image) + 2)',
  '  if (tags == "") tags = "none"',
  '  if (failed == "") failed = "none recorded (see the pipeline)"',
  '  names[1] = "Image"; values[1] = published; names[2] = "Tags"; values[2] = tags; k = 2',
  '  if (event == "failure") { k++; names[k] = "Failed gates"; values[k] = failed }',
  '  k++; names[k] = "Pipeline"; values[k] = ENVIRON["DOCKYARD_PIPELINE_URL"]',
  '  if (kind == "slack") {',
  '    text = "*" mrkdwn(title) "*"',
  '    for (i = 1; i <= k; i++) text = text "\\n*" names[i] ":* " mrkdwn(values[i])',
  '    printf "{\\"text\\":%s,\\"blocks\\":[{\\"type\\":\\"section\\",\\"text\\":{\\"type\\":\\"mrkdwn\\",\\"text\\":%s}}]}\\n", esc(mrkdwn(title)), esc(text)',
  '  } else {',
  '    facts = ""',
  '    for (i = 1; i <= k; i++) facts = facts (i > 1 ? "," : "") "{\\"title\\":" esc(names[i]) ",\\"value\\":" esc(values[i]) "}"',
  '    printf "{\\"type\\":\\"message\\",\\"attachments\\":[{\\"contentType\\":\\"application/vnd.microsoft.card.adaptive\\",\\"contentUrl\\":null,\\"content\\":"',
  '    printf "{\\"$schema\\":\\"http://adaptivecards.io/schemas/adaptive-card.json\\",\\"type\\":\\"AdaptiveCard\\",\\"version\\":\\"1.4\\",\\"body\\":["',
  '    printf "{\\"type\\":\\"TextBlock\\",\\"text\\":%s,\\"weight\\":\\"Bolder\\",\\"size\\":\\"Medium\\",\\"wrap\\":true,\\"color\\":\\"%s\\"},", esc(title), (event == "failure" ? "Attention" : "Good")',
  '    printf "{\\"type\\":\\"FactSet\\",\\"facts\\":[%s]}]}}]}\\n", facts',
  '  }',
  '}',
].join('\n');

/**
 * sh of a notify job: for each configured service, build the message for `$DOCKYARD_NOTIFY_EVENT` (`failure` or
 * `success`) naming the project, ref, published image and digest (first line of `published`, or "not published"),
 * its tags and, on failure, the failed gates (result files `gatesDir/*.tsv`), and POST it with curl. The webhook
 * URL comes from the service's variable ({@link NOTIFY_WEBHOOK_ENV}) and is never printed. An empty URL or an HTTP
 * error (curl `--fail`) fails the job after every service was tried; the pipeline's own result is unchanged.
 *
 * @param publishedFile shell word of the `published` file (may be missing).
 * @param gatesDir shell word of the gate result directory (may be missing).
 */
export function notifyScript(publishedFile: string, gatesDir: string, services: readonly NotifyService[]): string {
  return [
    '# shellcheck disable=SC2016 # an awk program: its $ are awk fields',
    `body_awk='${BODY_AWK}'`,
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
