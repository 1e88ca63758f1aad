"""netlink: find the networks behind counterfeit goods in customs seizure extracts.

The stages, in the order the data flows, are subpackages: :mod:`netlink.extract`,
:mod:`netlink.resolve`, :mod:`netlink.graph`, :mod:`netlink.cluster`,
:mod:`netlink.roles`, :mod:`netlink.rank`; :mod:`netlink.pipeline` runs them all and
:mod:`netlink.casefile` stores the result.

Examples
--------
>>> import netlink
>>> netlink.__version__
'0.1.0'
"""

from netlink._version import __version__

__all__ = ["__version__"]
