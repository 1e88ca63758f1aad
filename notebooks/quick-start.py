# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version,-kernelspec
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
# ---

# %% [markdown]
# # Quick start: from a seizure extract to the networks behind it
#
# This notebook analyses the bundled synthetic sample (3,000 cases; no record is real)
# and looks at the largest network it finds: its link chart, profile, roles, targets,
# timeline, routes and brands. Each cell is one line of `netlink.lab`.
#
# Run it top to bottom (Run > Run All Cells). The analysis takes about 15 seconds.

# %% tags=["parameters"]
extract = ""  # an extract or a case file; empty: the bundled sample
work_dir = ""  # folder for the case file; empty: a new temporary folder
seed = 0

# %%
from pathlib import Path

import netlink.lab as lab
from netlink.sample import sample_path

# %% [markdown]
# Open the extract: netlink loads it, resolves the parties, builds the link graph and
# finds the networks, and writes everything to a case file.

# %%
case = lab.open(
    extract or sample_path(), out=Path(work_dir) / "case.duckdb" if work_dir else None, seed=seed
)
case

# %% [markdown]
# The networks, largest first: what they ship, from where, to where, and who is in them.

# %%
networks = case.networks()
networks.head(10)

# %% [markdown]
# The largest network as a link chart. Colour and shape say what a node is, size its
# cases; hubs (couriers, marketplaces, registered-office addresses) have a red outline.
# Hover for facts, click a node or link for its records, scroll to zoom.

# %%
network_id = networks["network_id"].iloc[0]
case.chart(network_id)

# %%
case.profile(network_id)

# %% [markdown]
# Who is likely to be the manufacturer, the fronts, the sellers: the three likeliest
# members per role, with the records behind each score.

# %%
case.roles(network_id)

# %% [markdown]
# Whom to act on first (empty if the case file holds no ranking).

# %%
case.targets(network_id)

# %%
case.timeline(network=network_id)

# %%
case.routes(network_id)

# %%
case.brands(network_id)
