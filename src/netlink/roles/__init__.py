"""Network profiles and role scores with reasons citing the records (docs/networks.md)."""

from netlink.roles._profile import profile_networks
from netlink.roles._score import ROLE_NAMES, RoleSettings, score_roles

__all__ = ["ROLE_NAMES", "RoleSettings", "profile_networks", "score_roles"]
