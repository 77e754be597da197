#!/usr/bin/env bash
# Your stored files with curl. See common.sh for SEALDROP_URL / SEALDROP_USER / SEALDROP_PASSWORD /
# SEALDROP_TOKEN. Upload with upload.sh.
#
#   files.sh list [PAGE] [SIZE]   your files, newest first
#   files.sh get ID               one of your files
#   files.sh delete ID            delete it (administrators: any file)
#   files.sh server-key           the current server key (public)
#   files.sh rotate-key           new server key (administrators)

source "$(dirname "$0")/common.sh"

command=${1:-}
case "$command" in
	list) sd_curl GET "/api/v1/files?page=${2:-0}&size=${3:-20}" ;;
	get) sd_curl GET "/api/v1/files/${2:?id required}" ;;
	delete) sd_curl DELETE "/api/v1/files/${2:?id required}" ;;
	server-key) sd_curl GET /api/v1/server-key ;;
	rotate-key) sd_curl POST /api/v1/admin/server-key/rotate ;;
	*)
		sed -n '2,10p' "$0" >&2
		exit 2
		;;
esac
