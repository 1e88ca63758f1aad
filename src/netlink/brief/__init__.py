"""Network briefings: what another administration needs to act on a network, in one file.

:func:`write_briefing` writes a self-contained HTML briefing of one network (no external
resource, no request, no script but the link chart's own): a handling marking on every
page, a plain-language summary, key figures, the interactive link chart with a static
fallback, the manufacturer hypotheses with their evidence, the distribution side,
recommended targets and why, the timeline, routes, brands and right holders to notify,
the source cases and the provenance of the analysis; with ``pdf=True`` also a PDF of the
same content. With ``pseudonymise=True`` names and identifiers are replaced by keyed
digests (:mod:`netlink.pseudonymise`) for sharing across borders.
:func:`write_briefings` does the same for the largest networks at once. See
docs/briefings.md.

Examples
--------
>>> from netlink.brief import DEFAULT_MARKING
>>> DEFAULT_MARKING
'RESTRICTED - law enforcement only'
"""

from netlink.brief._pdf import CHROMIUM_ENV, find_chromium, pdf_pages
from netlink.brief._write import (
    DEFAULT_MARKING,
    Briefing,
    largest_networks,
    render_briefing,
    write_briefing,
    write_briefings,
)

__all__ = [
    "CHROMIUM_ENV",
    "DEFAULT_MARKING",
    "Briefing",
    "find_chromium",
    "largest_networks",
    "pdf_pages",
    "render_briefing",
    "write_briefing",
    "write_briefings",
]
