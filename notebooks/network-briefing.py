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
# # Network briefing
#
# One network on a few screens, for a liaison officer: what it ships, from where to
# where, who is in it and in which role, whom to act on, and the chart. Run it for any
# network with papermill:
#
# ```sh
# papermill network-briefing.ipynb briefing-N0001.ipynb -p case_file CASE.duckdb -p network_id N0001
# ```

# %% tags=["parameters"]
case_file = ""  # a case file; empty: analyse the bundled sample first
network_id = ""  # the network; empty: the largest
work_dir = ""  # if set, the chart is also saved there as a standalone HTML file

# %%
from pathlib import Path

import netlink.lab as lab
from netlink.sample import sample_path

case = lab.open(case_file or sample_path())
network_id = network_id or case.networks()["network_id"].iloc[0]

# %% [markdown]
# ## Profile

# %%
case.profile(network_id)

# %% [markdown]
# ## Link chart

# %%
chart = case.chart(network_id)
if work_dir:
    chart.save(Path(work_dir) / f"briefing-{network_id}-chart.html")
chart

# %% [markdown]
# ## Roles and targets

# %%
case.roles(network_id)

# %%
case.targets(network_id)

# %% [markdown]
# ## Activity, routes and goods

# %%
case.timeline(network=network_id)

# %%
case.routes(network_id)

# %%
case.brands(network_id)

# %%
case.categories(network_id)
