#!/usr/bin/env bash
# The server-reflection test reads reflection the way a Python integrator does, with Debian's
# python3-grpcio and python3-protobuf. Installs them when they are missing.
set -euo pipefail

python=${OPD_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import grpc, google.protobuf' 2>/dev/null; then
  echo "python3-grpcio is missing: installing Debian's python3-grpcio and python3-protobuf"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    python3 python3-grpcio python3-protobuf >/dev/null
fi
"$python" -c 'import grpc, google.protobuf; print("Python gRPC:", grpc.__version__, "protobuf", google.protobuf.__version__)'
