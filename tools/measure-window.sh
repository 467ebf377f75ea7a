#!/usr/bin/env bash
# Measures the editor in a real window under a private Xvfb server with
# software GL (Mesa llvmpipe), as on a machine without a GPU:
#
#   idle  : CPU used by an idle window with the pointer resting on the map,
#           as a percentage of one core (target: under 1 %)
#   frame : how long a frame takes while zooming in and out
#           (bridgework frame-bench)
#
# Usage:
#   tools/measure-window.sh idle  [MAP] [SECONDS]    (default: the sample map, 20 s)
#   tools/measure-window.sh frame [MAP] [FRAMES]     (default: a generated 5,000-actor map)
#
# Builds the release binary first. Needs Xvfb and xdotool (Debian: apt-get
# install xvfb xdotool libxcursor1 libxi6 libxkbcommon-x11-0); installs
# them with apt-get when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-idle}"
MAP="${2:-}"
BIN=target/release/bridgework

need() {
  local missing=()
  for c in Xvfb xdotool; do command -v "$c" >/dev/null || missing+=("$c"); done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        xvfb xdotool libxcursor1 libxi6 libxkbcommon-x11-0 libgl1-mesa-dri >/dev/null
    else
      echo "error: needs ${missing[*]} (apt-get install xvfb xdotool)" >&2
      exit 2
    fi
  fi
}
need
cargo build --release --quiet

XVFB_PID=""; APP_PID=""; DFD="$(mktemp)"; TMPD="$(mktemp -d)"
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$DFD" "$TMPD"
}
trap cleanup EXIT
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp +extension GLX 3>"$DFD" >/dev/null 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do [ -s "$DFD" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$DFD")"
unset WAYLAND_DISPLAY
export LIBGL_ALWAYS_SOFTWARE=1
export XDG_RUNTIME_DIR="$TMPD"; chmod 700 "$TMPD"
# A fresh preferences folder, so no recovery offer or saved window size
# changes what is measured.
export XDG_DATA_HOME="$TMPD/data" XDG_CONFIG_HOME="$TMPD/config" HOME="$TMPD"

case "$MODE" in
  idle)
    SECONDS_IDLE="${3:-20}"
    # shellcheck disable=SC2086
    "$BIN" $MAP >"$TMPD/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 100); do
      WIN="$(xdotool search --pid "$APP_PID" 2>/dev/null | head -n1 || true)"
      [ -n "$WIN" ] && break; sleep 0.1
    done
    [ -n "${WIN:-}" ] || { echo "error: no window; log:" >&2; cat "$TMPD/app.log" >&2; exit 1; }
    sleep 4
    # The pointer onto the map (the middle of the window), moved a little,
    # then left to rest there.
    xdotool mousemove --window "$WIN" 640 400; sleep 0.3
    xdotool mousemove --window "$WIN" 660 410
    # Let the frames that answer the pointer finish (on a large map under
    # software GL a full frame can take half a second) before measuring.
    sleep 8
    TICKS="$(getconf CLK_TCK)"
    cpu() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
    A="$(cpu)"; sleep "$SECONDS_IDLE"; B="$(cpu)"
    awk -v a="$A" -v b="$B" -v t="$TICKS" -v s="$SECONDS_IDLE" -v m="${MAP:-the sample map}" \
      'BEGIN { printf "idle window, pointer on the map (%s): %.2f %% of one core over %d s\n", m, 100 * (b - a) / t / s, s }'
    ;;
  frame)
    FRAMES="${3:-240}"
    if [ -z "$MAP" ]; then
      MAP="$TMPD/generated-5000.json"
      "$BIN" generate --actors 5000 --seed 1 --out "$MAP" >/dev/null
    fi
    "$BIN" frame-bench "$MAP" --frames "$FRAMES"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2 ;;
esac
