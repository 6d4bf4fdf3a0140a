"""Small helpers both apps and the project share. A leaf: nothing here imports `cases`,
`routing` or `jd400site`, so every layer may import it (tests/test_layers.py)."""
