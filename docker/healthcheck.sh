#!/bin/bash
# The image's HEALTHCHECK: MicroProfile Health's readiness on the management port (UP when the server knows a
# leader with a quorum and its chat is running). No curl in the image: bash's /dev/tcp is enough for one GET.
exec 3<>"/dev/tcp/127.0.0.1/${SYNCNET_MANAGEMENT_PORT:-9990}" || exit 1
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ $status == "HTTP/1."?" 200 "* ]]
