#!/usr/bin/env bash
# Encrypts a file to the server key and uploads it. See common.sh for SEALDROP_URL / SEALDROP_USER /
# SEALDROP_PASSWORD / SEALDROP_TOKEN.
#
#   upload.sh FILE              encrypt FILE (with the sealdrop CLI) and upload it as the raw body
#   upload.sh --archive ZIP     upload an existing archive as the raw body
#   upload.sh --form ZIP        upload an existing archive as multipart (part "file"), like the
#                               original Python client
#
# Set SEALDROP_EXPECTED_FINGERPRINT (sha256:...) to refuse a server key you did not expect.
# SEALDROP_IDEMPOTENCY_KEY, when set, is sent as Idempotency-Key (safe to retry the same upload).
#
# Example:
#   SEALDROP_TOKEN=sdt_... ./upload.sh report.pdf

source "$(dirname "$0")/common.sh"

mode=raw
case "${1:-}" in
	--archive) mode=raw; archive=${2:?archive required} ;;
	--form) mode=form; archive=${2:?archive required} ;;&
	--archive | --form) [[ -s "$archive" ]] || { echo "no such archive: $archive" >&2; exit 2; } ;;
	"" | -h | --help) sed -n '2,14p' "$0" >&2; exit 2 ;;
	*)
		file=$1
		jar="$(dirname "$0")/../../client/target/sealdrop.jar"
		[[ -f "$jar" ]] || { echo "client/target/sealdrop.jar not found: build it (mvn -pl client -am package) or use --archive" >&2; exit 2; }
		work=$(umask 077 && mktemp -d)
		trap 'rm -rf "$work"' EXIT
		# The public key needs no credentials.
		curl --silent --show-error --fail-with-body -D "$work/headers" -o "$work/server.pem" "$SEALDROP_URL/api/v1/server-key.pem"
		fingerprint=$(tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1)=="x-sealdrop-key-fingerprint" {print $2}')
		echo "server key $fingerprint" >&2
		if [[ -n "${SEALDROP_EXPECTED_FINGERPRINT:-}" && "$fingerprint" != "$SEALDROP_EXPECTED_FINGERPRINT" ]]; then
			echo "server key fingerprint does not match SEALDROP_EXPECTED_FINGERPRINT; not uploading" >&2
			exit 1
		fi
		archive="$work/upload.zip"
		java -jar "$jar" encrypt -r "$work/server.pem" -o "$archive" "$file"
		[[ -s "$archive" ]] || { echo "sealdrop encrypt produced no archive" >&2; exit 1; }
		;;
esac

args=(--silent --show-error --config - --fail-with-body --request POST
	--header 'Accept: application/json, application/problem+json' --write-out '\n%{stderr}HTTP %{http_code}\n')
if [[ -n "${SEALDROP_IDEMPOTENCY_KEY:-}" ]]; then
	args+=(--header "Idempotency-Key: $SEALDROP_IDEMPOTENCY_KEY")
fi
if [[ "$mode" == form ]]; then
	args+=(--form "file=@$archive;type=application/zip")
else
	# --data-binary streams the file; curl sets Content-Length from its size.
	args+=(--header 'Content-Type: application/zip' --data-binary "@$archive")
fi
{
	if [[ -n "${SEALDROP_TOKEN:-}" ]]; then
		printf 'header = "Authorization: Bearer %s"\n' "$(_sd_config_escape "$SEALDROP_TOKEN")"
	elif [[ -n "${SEALDROP_PASSWORD:-}" ]]; then
		printf 'user = "%s:%s"\n' "$(_sd_config_escape "$SEALDROP_USER")" "$(_sd_config_escape "$SEALDROP_PASSWORD")"
	fi
} | curl "${args[@]}" "$SEALDROP_URL/api/v1/files"
