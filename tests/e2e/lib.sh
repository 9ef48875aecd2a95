# Shared helpers of the end-to-end tests (sourced). BUILD is the build dir.
: "${BUILD:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build}"
export OMP_THREAD_LIMIT=1
export FAXINTAKE_SCHEMAS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/schemas"
fail() { echo "FAIL: $(basename "$0"): $*" >&2; exit 1; }
pass() { echo "ok: $(basename "$0")"; exit 0; }
