"""What one upload costs the server: CPU seconds and peak memory of the evidence pipeline.

Run as `python -m tests.decode_cost FILE...` (the hostile-file suite does): Django is set
up once, then each file goes through `clean_image` in a forked child, so one file's
memory never hides another's. The child measures its own CPU with time.process_time()
and its peak resident memory above where it started (Linux's VmHWM, reset at the start).
One JSON line per file on stdout.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _measure_in_child(path: Path) -> dict[str, object]:
    from cases.images import EvidenceRefused, clean_image

    data = path.read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    start_kb = _status_kb("VmRSS")
    started = time.process_time()
    try:
        clean = clean_image(io.BytesIO(data))
        outcome = {"stored": len(clean.content), "type": clean.content_type}
        outcome["size"] = [clean.width, clean.height]
    except EvidenceRefused as refusal:
        outcome = {"refused": str(refusal.message)}
    except Exception as error:  # noqa: BLE001 - the suite reports it as a failure
        outcome = {"error": f"{type(error).__name__}: {error}"}
    cpu = time.process_time() - started
    peak_mb = (_status_kb("VmHWM") - start_kb) / 1024
    return {"file": path.name, "sent": len(data), "cpu": cpu, "peak_mb": peak_mb, **outcome}


def main(paths: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jd400site.settings")
    import django

    django.setup()
    import cases.images  # noqa: F401 - imported once here, not in every child

    for name in paths:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            result = _measure_in_child(Path(name))
            os.write(writer, json.dumps(result, ensure_ascii=False).encode())
            os._exit(0)
        os.close(writer)
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
        print(payload.decode() if payload else json.dumps({"file": name, "error": "crashed"}))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
