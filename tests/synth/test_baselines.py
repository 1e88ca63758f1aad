"""The world is hard for naive methods and fair to careful ones.

Naive connected components over exact shared values (same case, phone, email, tax id or
name) drown in the benign look-alikes: one component swallows most networks. The same
components over true parties, without the look-alikes the truth marks, recover the
networks: the signal is there for a method that resolves entities and discounts hubs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.metrics import adjusted_rand_score

from netlink.synth import _vocab as V

FREE_MAIL = set(V.FREEMAIL_CN + V.FREEMAIL_INTL + V.EU_FREEMAIL)


def components(nodes: pd.Series, keys: list[pd.Series]) -> pd.Series:
    """Component label per node, nodes linked when they share any key value."""
    index = pd.Index(nodes.unique())
    node = index.get_indexer(nodes)
    rows, cols, offset = [], [], 0
    for key in keys:
        ok = key.notna().to_numpy()
        codes, _ = pd.factorize(key[ok])
        rows.append(node[ok])
        cols.append(codes + offset)
        offset += codes.max(initial=-1) + 1
    r, c = np.concatenate(rows), np.concatenate(cols)
    incidence = coo_matrix((np.ones(r.size), (r, c)), shape=(index.size, offset)).tocsr()
    _, label = connected_components(incidence @ incidence.T, directed=False)
    return pd.Series(label, index=index)


def test_naive_components_on_raw_values_glue_the_networks_together(world):
    p = world.ex["parties"].reset_index(drop=True)
    truth = world.truth["record_truth"].set_index("record_id").loc[p.record_id]
    keys = [
        p.seizure_id,
        p.phone.str.replace(r"\D", "", regex=True).str[-8:].where(lambda s: s.str.len() >= 6),
        p.email.str.lower(),
        p.tax_id.str.upper().str.replace(r"[^A-Z0-9]", "", regex=True),
        p.name.str.lower().str.replace(r"\W", "", regex=True),
    ]
    label = components(p.record_id, keys).loc[p.record_id].to_numpy()
    members = truth.network_id.notna().to_numpy()
    nets = truth.network_id.to_numpy()[members]
    biggest = pd.Series(label[members]).value_counts().index[0]
    assert len(set(nets[label[members] == biggest])) > 0.8 * len(set(nets))
    assert adjusted_rand_score(nets, label[members]) < 0.1


def test_components_over_true_parties_without_lookalikes_recover_the_networks(world):
    rt = world.truth["record_truth"].merge(
        world.truth["true_parties"][["party_id", "is_confounder"]], on="party_id"
    )
    rt = rt.merge(world.ex["parties"][["record_id", "email"]], on="record_id")
    ids = world.truth["true_identifiers"].set_index("identifier_id")
    addr = world.truth["true_addresses"].set_index("address_id")
    rt = rt[~rt.is_confounder].reset_index(drop=True)
    benign_ids = set(
        ids.index[ids.is_placeholder | (ids.sharing == "platform") | (ids.n_parties >= 10)]
    )
    keys = [rt.seizure_id]
    for col in ("phone_id", "email_id", "tax_identifier_id", "website_id"):
        keys.append(rt[col].where(~rt[col].isin(benign_ids)))
    hubs = set(addr.index[addr.is_hub | addr.is_placeholder])
    keys.append(rt.address_id.where(~rt.address_id.isin(hubs)))
    domain = rt.email.str.lower().str.split("@").str[1]
    keys.append(domain.where(~domain.isin(FREE_MAIL) & ~rt.email_id.isin(benign_ids)))
    label = components(rt.party_id, keys)
    party_net = rt.groupby("party_id").network_id.first().loc[label.index]
    members = party_net.notna().to_numpy()
    assert adjusted_rand_score(party_net[members], label[members]) > 0.9
