#!/usr/bin/env bash
# sealdrop API tokens with curl. See common.sh for SEALDROP_URL / SEALDROP_USER /
# SEALDROP_PASSWORD / SEALDROP_TOKEN.
#
#   tokens.sh create NAME     prints {id, name, token, createdAt}; the token is shown only once
#   tokens.sh list            your active tokens (no secrets)
#   tokens.sh revoke ID
#   tokens.sh whoami          checks SEALDROP_TOKEN: GET /api/v1/users/me with it
#
# Example:
#   SEALDROP_PASSWORD='...' ./tokens.sh create "backup job"
#   SEALDROP_TOKEN=sdt_... ./tokens.sh whoami

source "$(dirname "$0")/common.sh"

command=${1:-}
case "$command" in
	create) sd_curl POST /api/v1/tokens "{\"name\":\"$(sd_json_escape "${2:?name required}")\"}" ;;
	list) sd_curl GET /api/v1/tokens ;;
	revoke) sd_curl DELETE "/api/v1/tokens/${2:?id required}" ;;
	whoami)
		: "${SEALDROP_TOKEN:?set SEALDROP_TOKEN}"
		sd_curl GET /api/v1/users/me
		;;
	*)
		sed -n '2,13p' "$0" >&2
		exit 2
		;;
esac
