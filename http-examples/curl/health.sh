#!/usr/bin/env bash
# sealdrop health and metrics with curl. See common.sh for SEALDROP_URL and credentials.
#
#   health.sh             public health status (exit 0 iff UP)
#   health.sh details     health with components (administrators)
#   health.sh liveness | readiness | info
#   health.sh metrics [NAME]
#   health.sh prometheus

source "$(dirname "$0")/common.sh"

command=${1:-status}
case "$command" in
	status) SEALDROP_TOKEN="" SEALDROP_PASSWORD="" sd_curl GET /actuator/health ;;
	details) sd_curl GET /actuator/health ;;
	liveness) sd_curl GET /actuator/health/liveness ;;
	readiness) sd_curl GET /actuator/health/readiness ;;
	info) sd_curl GET /actuator/info ;;
	metrics) sd_curl GET "/actuator/metrics${2:+/$2}" ;;
	prometheus) sd_curl GET /actuator/prometheus ;;
	*)
		sed -n '2,8p' "$0" >&2
		exit 2
		;;
esac
