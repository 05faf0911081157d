"""How the browser tests launch Debian's Chromium (headless, no sandbox, no background traffic)."""

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
