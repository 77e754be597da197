# shellcheck shell=bash
# Shared by the sealdrop curl examples; source it, do not run it.
#
# Environment:
#   SEALDROP_URL       server base URL (default http://localhost:8080)
#   SEALDROP_TOKEN     an API token (sdt_...); used instead of user/password when set
#   SEALDROP_USER      username for HTTP Basic (default admin)
#   SEALDROP_PASSWORD  password for HTTP Basic
#
# Credentials and request bodies never appear on a command line (where `ps` would show them):
# curl reads them from a config on stdin and from a private temporary file.

set -euo pipefail

SEALDROP_URL="${SEALDROP_URL:-http://localhost:8080}"
SEALDROP_USER="${SEALDROP_USER:-admin}"

# Escapes a value for a double-quoted curl config string.
_sd_config_escape() {
	local value=$1
	value=${value//\\/\\\\}
	value=${value//\"/\\\"}
	printf '%s' "$value"
}

# Escapes a value for a JSON string.
sd_json_escape() {
	local value=$1
	value=${value//\\/\\\\}
	value=${value//\"/\\\"}
	value=${value//$'\n'/\\n}
	value=${value//$'\r'/\\r}
	value=${value//$'\t'/\\t}
	printf '%s' "$value"
}

# sd_curl METHOD PATH [JSON_BODY]: prints the response body, then a line "HTTP <status>" on stderr.
# Exits non-zero for 4xx/5xx (after printing the problem body).
sd_curl() {
	local method=$1 path=$2 body=${3-}
	local args=(--silent --show-error --config - --request "$method" --write-out '\n%{stderr}HTTP %{http_code}\n'
		--header 'Accept: application/json, application/problem+json' --fail-with-body)
	local body_file=""
	if [[ -n "$body" ]]; then
		body_file=$(umask 077 && mktemp)
		printf '%s' "$body" >"$body_file"
		args+=(--header 'Content-Type: application/json' --data-binary "@$body_file")
	fi
	local status=0
	{
		if [[ -n "${SEALDROP_TOKEN:-}" ]]; then
			printf 'header = "Authorization: Bearer %s"\n' "$(_sd_config_escape "$SEALDROP_TOKEN")"
		elif [[ -n "${SEALDROP_PASSWORD:-}" ]]; then
			printf 'user = "%s:%s"\n' "$(_sd_config_escape "$SEALDROP_USER")" "$(_sd_config_escape "$SEALDROP_PASSWORD")"
		fi
	} | curl "${args[@]}" "$SEALDROP_URL$path" || status=$?
	[[ -n "$body_file" ]] && rm -f "$body_file"
	return "$status"
}

# Reads a secret from the terminal without echo (or from stdin when not a terminal).
sd_read_secret() {
	local prompt=$1 secret
	if [[ -t 0 ]]; then
		read -r -s -p "$prompt" secret
		printf '\n' >&2
	else
		read -r secret
	fi
	printf '%s' "$secret"
}
