"""Saving matplotlib pictures: the format comes from the file suffix, and the file is written atomically.

The timeline and the dyad matrix both draw with matplotlib's Agg backend (no display needed) into a
:class:`~matplotlib.figure.Figure` they own (no pyplot state), and save it here.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes
from .errors import ActorgraphError

__all__ = ["PICTURE_FORMATS", "new_figure", "picture_format", "save_figure"]

#: Picture formats by file suffix.
PICTURE_FORMATS = {".png": "png", ".svg": "svg"}


def picture_format(path: str | os.PathLike[str], extra: dict[str, str] | None = None) -> str:
    """The format of a picture file from its suffix.

    Args:
        path: The file to write.
        extra: Further suffix -> format pairs the caller also writes (``{".csv": "csv"}``).

    Returns:
        ``png``, ``svg`` or one of ``extra``'s formats.

    Raises:
        ActorgraphError: Unknown suffix; the message lists the known ones.

    Examples:
        >>> picture_format("out/matrix.PNG")
        'png'
    """
    known = {**PICTURE_FORMATS, **(extra or {})}
    target = Path(path)
    fmt = known.get(target.suffix.lower())
    if fmt is None:
        raise ActorgraphError(
            f"{target}: unknown picture format {target.suffix!r}; use {' or '.join(sorted(known))}"
        )
    return fmt


def new_figure(width: float, height: float) -> Any:
    """A matplotlib Figure of ``width`` x ``height`` inches on the Agg backend (no pyplot, no display)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def save_figure(figure: Any, path: str | os.PathLike[str], dpi: int = 110) -> Path:
    """Write ``figure`` to ``path`` (PNG or SVG by suffix) atomically, without timestamps in the file.

    Args:
        figure: A matplotlib Figure.
        path: ``.png`` or ``.svg`` file; parent folders are created.
        dpi: Resolution of PNG output.

    Returns:
        The path written.
    """
    target = Path(path)
    fmt = picture_format(target)
    buffer = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    atomic_write_bytes(target, buffer.getvalue())
    return target
