"""Views of a case: link charts, timelines, route views and breakdowns, safe with any data.

Every string shown comes from an extract and is treated as untrusted: it is escaped in
HTML, passed to scripts as escaped JSON and shown with ``textContent``, and every
document carries a Content-Security-Policy that blocks requests and foreign scripts.
Each view shows itself in JupyterLab and saves as a standalone, offline HTML file.

Examples
--------
>>> import pandas as pd
>>> from netlink.view import link_chart
>>> nodes = pd.DataFrame({"node_id": ["P-1", "S:S1"], "kind": ["party", "seizure"],
...                       "label": ["</script><script>alert(1)</script>", "S1"]})
>>> edges = pd.DataFrame({"source": ["P-1"], "target": ["S:S1"], "kind": ["consignor"]})
>>> chart = link_chart(nodes, edges, title="One case")
>>> "<script>alert(1)" in chart.html
False
"""

from netlink.view._breakdown import Breakdown, breakdown
from netlink.view._chart import LinkChart, link_chart
from netlink.view._routes import STAGES, RouteView, route_view
from netlink.view._safe import HtmlView
from netlink.view._style import ROLE_COLOURS
from netlink.view._timeline import Timeline, timeline

__all__ = [
    "ROLE_COLOURS",
    "STAGES",
    "Breakdown",
    "HtmlView",
    "LinkChart",
    "RouteView",
    "Timeline",
    "breakdown",
    "link_chart",
    "route_view",
    "timeline",
]
