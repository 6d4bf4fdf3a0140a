"""`make bench`: every benchmark of the project, one after the other. The headline is the
journey table (bench/journey.py); then the same URL served again (bench/pages.py), mixed
load and memory (bench/mixed.py), and the image pipeline alone (bench/evidence_pipeline.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jd400site.settings")

from bench import evidence_pipeline, journey, mixed, pages  # noqa: E402

if __name__ == "__main__":
    failed = journey.main()
    print()
    failed |= pages.main()
    print()
    failed |= mixed.main()
    print()
    failed |= evidence_pipeline.main()
    sys.exit(failed)
