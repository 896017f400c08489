"""The vendored runtimes (Workbox, the iframe-worker shim), checked against pinned hashes.

scripts/vendor_workbox.sh takes each file from the npm tarball package-lock.json pins
(checking the tarball against the lock's integrity) and records its sha384 in
overrides/assets/vendor/VENDORED.json. Every build checks the folder against that
record before anything is written: a changed, missing, extra or linked file stops it.
The service worker imports only files in the verified set, and the published copies
of the files it imports are checked again after the build. No MkDocs import here.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

VENDOR_FOLDER = "overrides/assets/vendor"  # relative to the project root
PUBLISHED_AT = "assets/vendor/"  # the same files' place in the built site
RECORD = "VENDORED.json"  # in VENDOR_FOLDER; the build leaves it out of the site
VENDORING_SCRIPT = "scripts/vendor_workbox.sh"
REVENDOR = f"run {VENDORING_SCRIPT} (it takes the files from the versions package-lock.json pins), or restore the file"


@dataclass(frozen=True)
class VendoredFile:
    path: str  # relative to the vendor folder: "workbox/workbox-sw.js"
    sha384: str  # "sha384-<base64>", as in a script's integrity attribute
    package: str  # "workbox-sw@7.4.1"
    lock_integrity: str  # the package's tarball integrity in package-lock.json


def sha384(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def record_json(files: list[VendoredFile]) -> str:
    """VENDORED.json's text: written by the vendoring script, read by every build."""
    listed = {f.path: {"sha384": f.sha384, "package": f.package, "lock_integrity": f.lock_integrity}
              for f in sorted(files, key=lambda f: f.path)}
    note = "Written by scripts/vendor_workbox.sh. The build refuses any file in this folder that differs; do not edit by hand."
    return json.dumps({"note": note, "files": listed}, indent=1, ensure_ascii=True) + "\n"


def read_record(folder: Path, shown: str = VENDOR_FOLDER) -> tuple[dict[str, VendoredFile], list[Problem]]:
    """The record's files by path, or the problems that make it unreadable."""
    where = f"{shown}/{RECORD}"
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        files = {path: VendoredFile(path, entry["sha384"], entry["package"], entry["lock_integrity"])
                 for path, entry in data["files"].items()}
    except FileNotFoundError:
        return {}, [Problem(where, 0, "", f"missing: the list of vendored files and their hashes (expected it; {REVENDOR})")]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        return {}, [Problem(where, 0, "", f"unreadable ({type(error).__name__}: {error}; expected what {VENDORING_SCRIPT} writes)")]
    return files, []


def check_folder(folder: Path, shown: str = VENDOR_FOLDER) -> list[Problem]:
    """Every difference between the vendor folder and its record: each changed, missing, extra or linked file."""
    record, problems = read_record(folder, shown)
    if problems:
        return problems
    present = {path.relative_to(folder).as_posix(): path for path in folder.rglob("*")
               if path.is_symlink() or path.is_file()}
    present.pop(RECORD, None)
    for name, path in sorted(present.items()):
        if path.is_symlink():
            problems.append(Problem(f"{shown}/{name}", 0, "", f"a link, not a vendored file (expected the file itself; {REVENDOR})"))
        elif name not in record:
            problems.append(Problem(f"{shown}/{name}", 0, "", f"not a vendored file: {RECORD} does not list it "
                                    f"(remove it; a new runtime is added by {VENDORING_SCRIPT}, with its package in package.json)"))
        else:
            problems += _differs(record[name], path.read_bytes(), f"{shown}/{name}")
    problems += [Problem(f"{shown}/{name}", 0, "", f"missing, though {RECORD} lists it ({REVENDOR})")
                 for name in sorted(set(record) - set(present))]
    return problems


def check_published(site: Path, urls: list[str], folder: Path, shown: str = VENDOR_FOLDER) -> list[Problem]:
    """The built site's copies of `urls` (under assets/vendor/) are the recorded bytes: none is
    unlisted, none was replaced on its way (by a content file at the same address, or a plugin)."""
    record, problems = read_record(folder, shown)
    for url in urls:
        name = url[len(PUBLISHED_AT):] if url.startswith(PUBLISHED_AT) else None
        if name is None or name not in record:
            problems.append(Problem(url, 0, "", f"the service worker may import only verified files (expected one listed in {shown}/{RECORD})"))
            continue
        path = site / url
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        problems += _differs(record[name], data, f"{url} (as published)")
    return problems


def _differs(expected: VendoredFile, data: bytes, shown: str) -> list[Problem]:
    found = sha384(data)
    if found == expected.sha384:
        return []
    return [Problem(shown, 0, "", f"changed since it was vendored from {expected.package} "
                    f"(expected {expected.sha384}, found {found}; {REVENDOR})")]
