"""A claim group's figures over time, for notebooks and saved PNGs (matplotlib).

Each claim is a marker at its `as_of` (one marker shape per outlet), its hedge
interval an error bar; claims in a conflict are ringed in red. Undated claims
stand in a column of their own at the right, since they cannot be placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .models import ClaimGroup, Conflict

MARKERS = "osD^v<>pPX*h"


def plot_group(group: ClaimGroup, conflicts: Sequence[Conflict] = (), ax=None):
    """Return the matplotlib Axes with the group's figures; `ax` to draw into your own."""
    try:
        import matplotlib

        if ax is None:
            matplotlib.use(matplotlib.get_backend())
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("plots need matplotlib: pip install 'discrepancy[notebook]'") from None
    if group.unit == "date":
        raise ValueError(f"{group.group_id} holds dates, not figures: nothing to plot over time")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    in_conflict = {c.claim_id for cf in conflicts for c in cf.claims}
    dated = [c.as_of for c in group.claims if c.as_of]
    last = max(dated) if dated else date.today()
    first = min(dated) if dated else last
    undated_x = last + max(timedelta(days=14), (last - first) / 8)
    outlets = sorted({c.outlet or c.article_id for c in group.claims})
    for k, outlet in enumerate(outlets):
        mine = [c for c in group.claims if (c.outlet or c.article_id) == outlet]
        xs = [c.as_of or undated_x for c in mine]
        ys = [float(c.value) for c in mine]
        lo = [float(c.value) - float(c.low) for c in mine]
        hi = [(float(c.high) if c.high is not None else float(c.value) * 1.1) - float(c.value) for c in mine]
        ax.errorbar(xs, ys, yerr=[lo, hi], fmt=MARKERS[k % len(MARKERS)], capsize=4, label=outlet, markersize=7)
        for c, x, y in zip(mine, xs, ys, strict=True):
            if c.claim_id in in_conflict:
                ax.plot([x], [y], "o", markersize=16, markerfacecolor="none", markeredgecolor="red", markeredgewidth=2)
    if any(c.as_of is None for c in group.claims):
        ax.axvline(undated_x - (undated_x - last) / 2, color="grey", linestyle=":", linewidth=1)
        ax.annotate("undated", (undated_x, 0), xycoords=("data", "axes fraction"), ha="center", va="bottom", color="grey")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.set_title(f"{group.group_id} ({group.kind})")
    ax.set_ylabel("percent" if group.unit == "percent" else "count")
    ax.legend(title="outlet", fontsize="small")
    ax.figure.autofmt_xdate()
    return ax
