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
# # Investigate an entity
#
# Start from a name or a phone number, see everything linked to it, how two of its
# parties are linked and the records that say so, when they were active and which way
# their goods went.

# %% tags=["parameters"]
case_file = ""  # a case file; empty: analyse the bundled sample first
name = "Saide Shoes"  # a name to search for
phone = "157 1318 8395"  # a phone number, written any way

# %%
import netlink.lab as lab
from netlink.sample import sample_path

case = lab.open(case_file or sample_path())

# %% [markdown]
# Search by name: parties, addresses, brands and identifiers, best match first.

# %%
case.find(name)

# %% [markdown]
# Search by phone: the digits are compared however the number was written.

# %%
hits = case.find(phone)
hits

# %%
phone_id = hits["node_id"].iloc[0]
case.neighbourhood(phone_id)

# %% [markdown]
# Who used the phone, and when: one lane per party. Companies that follow each other
# on the same phone are often fronts of one business.

# %%
used_by = case.timeline(phone_id)
used_by

# %% [markdown]
# Take the first two parties on the phone: how are they linked, and what do the records say?

# %%
parties = used_by.table["party"].drop_duplicates().tolist()
first, second = parties[0], parties[1]
case.paths(first, second)

# %%
case.evidence(first, second)

# %% [markdown]
# The first party on its own: its cases over time and its routes.

# %%
case.timeline(first)

# %%
case.routes(entity=first)
