"""Networks: community detection on the weighted party projection (docs/networks.md)."""

from netlink.cluster._networks import ClusterSettings, Networks, find_networks

__all__ = ["ClusterSettings", "Networks", "find_networks"]
