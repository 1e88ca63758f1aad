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
# # Reproduce an analysis
#
# A case file records the hash of its input, every parameter, the seed and a hash of
# its results. Rerunning from it must give the same result hash: this notebook checks
# that, and fails if it does not.

# %% tags=["parameters"]
case_file = ""  # the case file to reproduce; empty: analyse the bundled sample first
work_dir = ""  # folder for the rerun's case file; empty: a temporary folder

# %%
from pathlib import Path

import netlink.lab as lab
from netlink.sample import sample_path

case = lab.open(case_file or sample_path())
case

# %% [markdown]
# What the run recorded: its input, settings and seed.

# %%
case.run.parameters

# %%
result = case.reproduce(out=Path(work_dir) / "rerun.duckdb" if work_dir else None)
result

# %%
assert result.reproduced, str(result)
