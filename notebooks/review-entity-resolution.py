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
# # Review entity resolution
#
# netlink merges records of the same party written differently. The merges it was least
# sure of, and the pairs it nearly merged, are listed for review. Accept or reject them
# into a must-link / cannot-link file, rerun, and see what changed. The file is applied
# on every later run, and the case file records what became of each decision.

# %% tags=["parameters"]
case_file = ""  # a case file; empty: analyse the bundled sample first
work_dir = ""  # folder for the links file and the new case file; empty: a temporary folder

# %%
import tempfile
from pathlib import Path

import netlink.lab as lab
from netlink.sample import sample_path

case = lab.open(case_file or sample_path())
folder = Path(work_dir or tempfile.mkdtemp(prefix="netlink-review-"))
links_file = folder / "links.csv"

# %% [markdown]
# The pairs closest to the decision threshold, with the names as written and the
# comparisons that decided.

# %%
queue = case.review(20)
queue

# %% [markdown]
# Decide. Here, for the demonstration, the first uncertain merge is rejected and the
# first near miss accepted; in a review, read the pairs above and decide each one.

# %%
merged = queue[queue["status"] == "merged"].iloc[0]
case.cannot_link(
    merged["record_id_a"], merged["record_id_b"], "reviewed: different parties", file=links_file
)

# %%
missed = queue[queue["status"] == "not merged"].iloc[0]
case.must_link(
    missed["record_id_a"], missed["record_id_b"], "reviewed: same party", file=links_file
)

# %% [markdown]
# Rerun with the decisions, then compare.

# %%
reviewed = case.rerun(links=links_file, out=folder / "case-reviewed.duckdb")
reviewed.tables["analyst_links"]

# %%
case.compare(reviewed)
