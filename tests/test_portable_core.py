"""The core must stay free of MkDocs so another site generator can use it."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_core_imports_without_mkdocs() -> None:
    code = ("import sys; import otsite.loading, otsite.rendering; "
            "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')); "
            "print(leaked); sys.exit(bool(leaked))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "hooks", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
