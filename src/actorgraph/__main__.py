"""Allow ``python -m actorgraph``."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
