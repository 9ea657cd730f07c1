# The notify job's message: an awk program (run with -F '\t' -v kind=slack|teams) writing one webhook body (JSON)
# to stdout. kind=slack: an incoming webhook message, text and one mrkdwn section block, with & < > escaped as
# Slack asks (https://docs.slack.dev/messaging/formatting-message-text#escaping); kind=teams: a Workflows webhook
# message with one Adaptive Card 1.4, a title and a fact set
# (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).
# Reads gate result lines (gate, platform, result, figure, threshold) on stdin and lists those whose result is
# fail; every value is escaped for JSON character by character (quotes, backslashes, control characters), so tag
# names and figures cannot inject JSON. No single quote: the pipelines embed it in sh single quotes.
# Input (ENVIRON): DOCKYARD_NOTIFY_EVENT (failure|success), DOCKYARD_NOTIFY_IMAGE, DOCKYARD_NOTIFY_DIGEST,
# DOCKYARD_PROJECT, DOCKYARD_REF, DOCKYARD_TAG_LIST, DOCKYARD_PIPELINE_URL.

function esc(s,   out, i, c) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\\") out = out "\\\\"
    else if (c == "\"") out = out "\\\""
    else if (c == "\n") out = out "\\n"
    else if (c ~ /[[:cntrl:]]/) out = out " "
    else out = out c
  }
  return "\"" out "\""
}
function mrkdwn(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
$3 == "fail" { row = $1; if ($2 != "-" && $2 != "") row = row " (" $2 ")"; row = row ": " $4; if ($5 != "") row = row " (limit " $5 ")"; failed = failed (failed == "" ? "" : "; ") row }
END {
  event = ENVIRON["DOCKYARD_NOTIFY_EVENT"]; image = ENVIRON["DOCKYARD_NOTIFY_IMAGE"]; digest = ENVIRON["DOCKYARD_NOTIFY_DIGEST"]
  title = "dockyard: " ENVIRON["DOCKYARD_PROJECT"] " " (event == "failure" ? "failed" : "succeeded") " on " ENVIRON["DOCKYARD_REF"]
  published = image == "" ? "not published" : image "@" digest
  n = split(ENVIRON["DOCKYARD_TAG_LIST"], refs, "\n"); tags = ""
  for (i = 1; i <= n; i++) if (image != "" && index(refs[i], image ":") == 1) tags = tags (tags == "" ? "" : ", ") substr(refs[i], length(image) + 2)
  if (tags == "") tags = "none"
  if (failed == "") failed = "none recorded (see the pipeline)"
  names[1] = "Image"; values[1] = published; names[2] = "Tags"; values[2] = tags; k = 2
  if (event == "failure") { k++; names[k] = "Failed gates"; values[k] = failed }
  k++; names[k] = "Pipeline"; values[k] = ENVIRON["DOCKYARD_PIPELINE_URL"]
  if (kind == "slack") {
    text = "*" mrkdwn(title) "*"
    for (i = 1; i <= k; i++) text = text "\n*" names[i] ":* " mrkdwn(values[i])
    printf "{\"text\":%s,\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":%s}}]}\n", esc(mrkdwn(title)), esc(text)
  } else {
    facts = ""
    for (i = 1; i <= k; i++) facts = facts (i > 1 ? "," : "") "{\"title\":" esc(names[i]) ",\"value\":" esc(values[i]) "}"
    printf "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/vnd.microsoft.card.adaptive\",\"contentUrl\":null,\"content\":"
    printf "{\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\",\"type\":\"AdaptiveCard\",\"version\":\"1.4\",\"body\":["
    printf "{\"type\":\"TextBlock\",\"text\":%s,\"weight\":\"Bolder\",\"size\":\"Medium\",\"wrap\":true,\"color\":\"%s\"},", esc(title), (event == "failure" ? "Attention" : "Good")
    printf "{\"type\":\"FactSet\",\"facts\":[%s]}]}}]}\n", facts
  }
}
