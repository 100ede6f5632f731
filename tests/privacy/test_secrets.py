"""No secrets in the repository: every tracked file is scanned for password-like literals.

Secrets come only from the environment or Airflow connections. A line that
holds a deliberate test value (a fake password the tests look for in logs)
carries the marker ``allowlist secret``.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import PROJECT_DIR

PATTERNS = {
    "password in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:([^@\s/'\"]+)@"),
    "password assignment": re.compile(
        r"(?i)\b\w*(?:password|passwd|secret|api_key|token)\w*\b\s*[:=]\s*['\"]([^'\"\s]{6,})['\"]"
    ),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----()"),
    "AWS access key": re.compile(r"\b(AKIA[0-9A-Z]{16})\b"),
}
#: values that are not secrets: placeholders (documentation, unit tests of redaction) and
#: references to the environment
PLACEHOLDER = re.compile(
    r"^(\$\{?\w+.*|\*+|<[^>]+>|\{.*|%\(.*|x+"
    r"|changeme|password|secret|pw|pass|example|dev-only-not-secret)$"
)


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=PROJECT_DIR, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [p for p in out.decode().split("\0") if p]


def find_secrets(path: str, text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if "allowlist secret" in line:
            continue
        for what, pattern in PATTERNS.items():
            for match in pattern.finditer(line):
                value = match.group(1)
                if what in ("password in a URL", "password assignment") and PLACEHOLDER.match(
                    value
                ):
                    continue
                found.append(f"{path}:{number}: {what}")
    return found


def test_the_scanner_finds_what_it_looks_for():
    leaky = (
        'url = "postgresql://iro:hunter22@db/x"\n'  # allowlist secret
        'WAREHOUSE_DB_PASSWORD: "s3cr3t-pw"\n'  # allowlist secret
    )
    assert len(find_secrets("x", leaky)) == 2
    fine = 'url = "postgresql://iro:${WAREHOUSE_DB_PASSWORD}@db/x"\npassword = "***"\n'
    assert find_secrets("x", fine) == []


def test_no_secrets_in_tracked_files():
    found = []
    for path in _tracked_files():
        full = PROJECT_DIR / path
        if not full.is_file():
            continue
        data = full.read_bytes()
        if b"\0" in data[:4096]:
            continue  # binary
        found += find_secrets(path, data.decode("utf-8", errors="replace"))
    assert found == []
