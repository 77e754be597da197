#!/usr/bin/env bash
# sealdrop user administration with curl. See common.sh for SEALDROP_URL / SEALDROP_USER /
# SEALDROP_PASSWORD / SEALDROP_TOKEN.
#
#   users.sh me
#   users.sh list [PAGE] [SIZE]
#   users.sh create USERNAME [--admin]      (new password: prompted, or SEALDROP_NEW_PASSWORD)
#   users.sh get ID
#   users.sh enable ID | disable ID | grant-admin ID | revoke-admin ID
#   users.sh reset-password ID              (new password: prompted, or SEALDROP_NEW_PASSWORD)
#   users.sh change-my-password             (prompts for current and new password)
#   users.sh delete ID
#
# Example: SEALDROP_PASSWORD='...' ./users.sh create alice

source "$(dirname "$0")/common.sh"

new_password() {
	if [[ -n "${SEALDROP_NEW_PASSWORD:-}" ]]; then
		printf '%s' "$SEALDROP_NEW_PASSWORD"
	else
		sd_read_secret "New password (12+ characters): "
	fi
}

command=${1:-}
case "$command" in
	me) sd_curl GET /api/v1/users/me ;;
	list) sd_curl GET "/api/v1/users?page=${2:-0}&size=${3:-20}" ;;
	create)
		username=${2:?username required}
		admin=false
		[[ "${3:-}" == "--admin" ]] && admin=true
		password=$(new_password)
		sd_curl POST /api/v1/users \
			"{\"username\":\"$(sd_json_escape "$username")\",\"password\":\"$(sd_json_escape "$password")\",\"admin\":$admin}"
		;;
	get) sd_curl GET "/api/v1/users/${2:?id required}" ;;
	enable) sd_curl PATCH "/api/v1/users/${2:?id required}" '{"enabled":true}' ;;
	disable) sd_curl PATCH "/api/v1/users/${2:?id required}" '{"enabled":false}' ;;
	grant-admin) sd_curl PATCH "/api/v1/users/${2:?id required}" '{"admin":true}' ;;
	revoke-admin) sd_curl PATCH "/api/v1/users/${2:?id required}" '{"admin":false}' ;;
	reset-password)
		id=${2:?id required}
		password=$(new_password)
		sd_curl PATCH "/api/v1/users/$id" "{\"password\":\"$(sd_json_escape "$password")\"}"
		;;
	change-my-password)
		current=$(sd_read_secret "Current password: ")
		password=$(new_password)
		sd_curl PUT /api/v1/users/me/password \
			"{\"currentPassword\":\"$(sd_json_escape "$current")\",\"newPassword\":\"$(sd_json_escape "$password")\"}"
		;;
	delete) sd_curl DELETE "/api/v1/users/${2:?id required}" ;;
	*)
		sed -n '2,15p' "$0" >&2
		exit 2
		;;
esac
