"""`make bench`: every benchmark of the project, one after the other."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jd400site.settings")

from bench import evidence_pipeline, pages  # noqa: E402

if __name__ == "__main__":
    failed = pages.main()
    print()
    failed |= evidence_pipeline.main()
    sys.exit(failed)
