from __future__ import annotations

import shutil
from pathlib import Path

from whitenoise.compress import Compressor

STATIC = Path(__file__).resolve().parent.parent / "static"


def test_it_writes_brotli_and_gzip_copies_of_css_and_js(tmp_path):
    # What collectstatic does to each file (whitenoise.storage.CompressedManifestStaticFilesStorage):
    # brotli needs its package installed, or whitenoise quietly writes gzip only.
    for name in ("css/site.css", "js/site.js"):
        copy = tmp_path / Path(name).name
        shutil.copy(STATIC / name, copy)
        written = list(Compressor(quiet=True).compress(str(copy)))
        assert sorted(Path(path).suffix for path in written) == [".br", ".gz"]
        assert (tmp_path / f"{copy.name}.br").stat().st_size < copy.stat().st_size
