#!/bin/sh
# Install what the EPUB accessibility tests need beyond PyPI: Debian's Chromium
# and DAISY Ace (npm), with a headless wrapper for running as root, offline.
# Idempotent: a second run takes under a second. Run as root.
set -eu
ACE_VERSION="${ACE_VERSION:-1.4.6}"
if ! [ -x /usr/lib/chromium/chromium ] && ! [ -x /usr/bin/chromium ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
if ! command -v ace-cli >/dev/null 2>&1 || [ "$(ace-cli --version)" != "$ACE_VERSION" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm install -g "@daisy/ace-cli@$ACE_VERSION"
fi
cat > /usr/local/bin/ace-chromium <<'WRAP'
#!/bin/sh
# Headless Chromium for DAISY Ace / puppeteer: no sandbox (root), no network chatter.
BIN=/usr/lib/chromium/chromium
[ -x "$BIN" ] || BIN=/usr/bin/chromium
exec "$BIN" \
  --no-sandbox --disable-setuid-sandbox --disable-gpu --disable-dev-shm-usage \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-default-apps --disable-breakpad --no-first-run --no-default-browser-check \
  "$@"
WRAP
chmod 755 /usr/local/bin/ace-chromium
