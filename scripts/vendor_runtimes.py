"""Copy the service worker's and the offline copy's runtimes (Workbox, the iframe-worker shim)
from npm into overrides/assets/vendor/, and record each file's sha384 in VENDORED.json.

Each package is the exact tarball package-lock.json pins: `npm pack name@version` fetches it
(from npm's cache or registry) and its sha512 must equal the lock's `integrity`, else nothing is
written. Files are read from the tarball itself, not from node_modules. Every build then checks
the folder against VENDORED.json (hooks/otsite/vendored.py). Run: scripts/vendor_workbox.sh
"""
from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.vendored import RECORD, VENDOR_FOLDER, VendoredFile, record_json, sha384  # noqa: E402


@dataclass(frozen=True)
class Runtime:
    package: str
    member: str  # the file's path inside the tarball's package/ folder
    target: str  # relative to overrides/assets/vendor/


RUNTIMES = [
    Runtime("workbox-sw", "build/workbox-sw.js", "workbox/workbox-sw.js"),
    Runtime("workbox-sw", "LICENSE", "workbox/LICENSE"),
    Runtime("workbox-core", "build/workbox-core.prod.js", "workbox/workbox-core.prod.js"),
    Runtime("workbox-routing", "build/workbox-routing.prod.js", "workbox/workbox-routing.prod.js"),
    Runtime("workbox-strategies", "build/workbox-strategies.prod.js", "workbox/workbox-strategies.prod.js"),
    Runtime("workbox-precaching", "build/workbox-precaching.prod.js", "workbox/workbox-precaching.prod.js"),
    Runtime("iframe-worker", "shim/index.js", "iframe-worker/shim.js"),
    Runtime("iframe-worker", "LICENSE", "iframe-worker/LICENSE"),
]


def locked(package: str) -> tuple[str, str]:
    """(version, integrity) of `package` in package-lock.json."""
    entry = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"].get(f"node_modules/{package}")
    if not entry or not entry.get("integrity"):
        raise SystemExit(f"package-lock.json: {package} is not locked (add it to package.json's devDependencies and run npm install)")
    return entry["version"], entry["integrity"]


def tarball(package: str, version: str, integrity: str, folder: Path) -> tarfile.TarFile:
    """The package's tarball, after checking it against the lock's integrity."""
    packed = subprocess.run(["npm", "pack", f"{package}@{version}", "--pack-destination", str(folder), "--json"],
                            cwd=folder, check=True, capture_output=True, text=True).stdout
    path = folder / json.loads(packed)[0]["filename"]
    algorithm, _, expected = integrity.partition("-")
    found = base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest()).decode("ascii")
    if found != expected:
        raise SystemExit(f"{package}@{version}: the tarball's {algorithm} is {found}, not {expected} as package-lock.json pins; nothing written")
    return tarfile.open(path)


def without_source_maps(data: bytes, member: str) -> bytes:
    """The site ships no .map files, so their comments go (as the old `sed` did)."""
    if not member.endswith(".js"):
        return data
    lines = data.decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("//# sourceMappingURL=")).encode("utf-8")


def main() -> int:
    out = ROOT / VENDOR_FOLDER
    written: dict[str, bytes] = {}
    recorded: list[VendoredFile] = []
    with tempfile.TemporaryDirectory() as scratch:
        archives: dict[str, tarfile.TarFile] = {}
        for runtime in RUNTIMES:  # everything is fetched and checked before anything is written
            version, integrity = locked(runtime.package)
            if runtime.package not in archives:
                archives[runtime.package] = tarball(runtime.package, version, integrity, Path(scratch))
            member = archives[runtime.package].extractfile(f"package/{runtime.member}")
            if member is None:
                raise SystemExit(f"{runtime.package}@{version}: no file package/{runtime.member} in its tarball")
            data = without_source_maps(member.read(), runtime.member)
            written[runtime.target] = data
            recorded.append(VendoredFile(runtime.target, sha384(data), f"{runtime.package}@{version}", integrity))
    for target, data in written.items():
        (out / target).parent.mkdir(parents=True, exist_ok=True)
        (out / target).write_bytes(data)
    (out / RECORD).write_text(record_json(recorded), encoding="utf-8")
    print(f"{len(written)} files from {', '.join(sorted({f.package for f in recorded}))} written to {VENDOR_FOLDER}/, "
          f"hashes in {RECORD}. Remove any file there that is no longer listed: the build refuses it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
