"""The questions an analyst asks of a link graph, as a Python API.

:class:`Case` wraps a link graph (and, when given, its hubs and networks) with compressed
adjacency arrays, so that a neighbourhood of a party on a graph of a million cases takes
milliseconds: find an entity by name or identifier, its neighbourhood, the paths between
two entities with the evidence on each link, their common neighbours, and the timeline of
an entity's cases.

Hubs, very busy nodes and context nodes (places and brands) are shown but never walked
through: a path through DHL, or through two cases of the same brand, links nothing.

Examples
--------
>>> from netlink.graph import build_graph, detect_hubs, exact_entities
>>> from netlink.graph._examples import tiny_extract
>>> ex = tiny_extract()
>>> g = build_graph(ex, *exact_entities(ex))
>>> case = Case(g, hubs=detect_hubs(g))
>>> hit = case.find("xinghui leather", k=1).iloc[0]
>>> hit["label"]
'Guangzhou Xinghui Leather Products Co., Ltd'
>>> case.timeline(hit["node_id"])[["seizure_id", "role"]].to_dict("records")
[{'seizure_id': 'S1', 'role': 'consignor'}]
>>> importer = case.find("Meier Schuhhandel", k=1)["node_id"].iloc[0]
>>> case.paths(hit["node_id"], importer)[["kind", "record_ids"]].to_dict("records")
[{'kind': 'consignor', 'record_ids': ['R1']}, {'kind': 'consignee', 'record_ids': ['R2']}]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from rapidfuzz import fuzz, process, utils

from netlink.errors import ParameterError, UnknownEntityError
from netlink.graph import PARTY_EDGE_KINDS, Hubs, LinkGraph, unique

__all__ = ["Case", "Neighbourhood"]

_SEARCHABLE = ("party", "address", "identifier", "domain", "brand", "master", "seizure")
_EDGE_COLUMNS = ["source", "target", "kind", "n_records", "record_ids", "first_seen", "last_seen"]


@dataclass(frozen=True, eq=False)
class Neighbourhood:
    """The nodes within some hops of a node, and the links walked to reach them.

    Attributes
    ----------
    nodes
        ``node_id, kind, label, hops, is_hub, expanded`` (False for the far edge, hubs
        and busy nodes, whose own neighbours were not followed), ordered by hops, kind
        and id.
    edges
        ``source, target, kind, n_records, record_ids, first_seen, last_seen``.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame


class Case:
    """Analysts' questions over a link graph.

    Parameters
    ----------
    graph
        The link graph.
    hubs
        Hub decisions; hub nodes are shown but not walked through.
    networks
        ``network_members`` (``entity_id, network_id``) to show each party's network.
    max_degree
        Nodes with more links than this are not walked through either.
    walk
        The node kinds walked through; the others (places and brands by default) are
        context: shown, not followed.
    """

    def __init__(
        self,
        graph: LinkGraph,
        *,
        hubs: Hubs | None = None,
        networks: pd.DataFrame | None = None,
        max_degree: int = 500,
        walk: Iterable[str] = ("party", "seizure", "address", "identifier", "domain", "master"),
    ) -> None:
        if max_degree < 1:
            raise ParameterError(f"max_degree must be at least 1, got {max_degree}")
        self.graph = graph
        nodes, edges = graph.nodes, graph.edges
        n = graph.n_nodes
        src = edges["src"].to_numpy().astype(np.int64)
        dst = edges["dst"].to_numpy().astype(np.int64)
        # Compressed adjacency (both directions): the neighbours of node i, and the edge
        # to each, are _nbr / _eid[_indptr[i]:_indptr[i + 1]].
        ends = np.concatenate([src, dst])
        order = np.argsort(ends, kind="stable")
        self._nbr = np.concatenate([dst, src])[order]
        self._eid = np.concatenate([np.arange(len(src)), np.arange(len(src))])[order]
        self._indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=self._indptr[1:])
        self._src, self._dst = src, dst
        # Columns as Arrow arrays: taking a few rows from them costs microseconds.
        self._ids = pa.array(nodes["node_id"].astype(object).to_numpy(), pa.string())
        self._labels = pa.array(nodes["label"].astype(object).to_numpy(), pa.string())
        self._node_kind = nodes["kind"].cat.codes.to_numpy()
        self._node_kinds = np.asarray(nodes["kind"].cat.categories, dtype=object)
        self._edge_kind = edges["kind"].cat.codes.to_numpy()
        self._edge_kinds = np.asarray(edges["kind"].cat.categories, dtype=object)
        self._n_records = edges["n_records"].to_numpy()
        self._first = edges["first_seen"].to_numpy()
        self._last = edges["last_seen"].to_numpy()
        rids = edges["record_ids"].array._pa_array  # type: ignore[attr-defined]
        self._rids = rids.combine_chunks() if isinstance(rids, pa.ChunkedArray) else rids
        self._hub = np.zeros(n, dtype=bool)
        if hubs is not None and len(hubs.node_ids):
            idx = graph.positions(sorted(hubs.node_ids))
            self._hub[idx[idx >= 0]] = True
        self._blocked = (
            self._hub | (np.diff(self._indptr) > max_degree) | ~graph.node_mask(list(walk))
        )
        self._network = (
            networks.set_index("entity_id")["network_id"] if networks is not None else None
        )
        self._choices: tuple[list[str], np.ndarray] | None = None
        self._digits: tuple[list[str], np.ndarray] | None = None

    @classmethod
    def from_case_file(cls, path: str | Path, **kwargs: Any) -> Case:
        """Open the link graph of a case file (its ``nodes``, ``edges``, ``seizures``)."""
        from netlink.casefile import read_case_file

        cf = read_case_file(path)
        graph = LinkGraph.from_tables(cf["nodes"], cf["edges"], cf["seizures"])
        hubs = None
        nodes = cf["nodes"]
        if "is_hub" in nodes.columns:
            flagged = nodes[nodes["is_hub"].fillna(False).astype(bool)]
            table = pd.DataFrame(
                {"node_id": flagged["node_id"], "is_hub": True, "reason": flagged["hub_reason"]}
            )
            hubs = Hubs(table=table, notes=(), settings=None)  # type: ignore[arg-type]
        members = cf["network_members"]
        return cls(graph, hubs=hubs, networks=members if len(members) else None, **kwargs)

    # --- find ----------------------------------------------------------------------

    def find(self, text: str, k: int = 10, kinds: Iterable[str] | None = None) -> pd.DataFrame:
        """Entities whose name or value is closest to ``text``, best first.

        Matches names of parties, addresses, identifier values (phones also by their
        digits alone), e-mail domains, brands, master documents and case ids; an exact
        node id comes first.

        Returns
        -------
        pandas.DataFrame
            ``node_id, kind, subtype, label, score`` (0..100), ``n_records``; ties
            broken by more records, then id.
        """
        if not isinstance(text, str) or not text.strip():
            raise ParameterError("find needs a non-empty text")
        if k < 1:
            raise ParameterError(f"k must be at least 1, got {k}")
        labels, where = self._search_space()
        limit = max(5 * k, 50)
        hits = process.extract(
            utils.default_process(text), labels, scorer=fuzz.WRatio, processor=None, limit=limit
        )
        rows = [(int(where[i]), float(s)) for _, s, i in hits]
        digits = "".join(c for c in text if c.isdigit())
        if len(digits) >= 6:
            dl, dn = self._digit_space()
            found = process.extract(digits, dl, scorer=fuzz.ratio, processor=None, limit=limit)
            rows += [(int(dn[i]), float(s)) for _, s, i in found]
        exact = self.graph.positions([text.strip()])[0]
        if exact >= 0:
            rows.append((int(exact), 101.0))
        cols = ["node_id", "kind", "subtype", "label", "score", "n_records"]
        if not rows:
            return _empty(cols)
        df = pd.DataFrame(rows, columns=["node", "score"])
        df = df.sort_values("score", ascending=False, kind="stable").drop_duplicates("node")
        idx = df["node"].to_numpy()
        info = self.graph.nodes.iloc[idx]
        out = pd.DataFrame(
            {
                "node_id": self._take(self._ids, idx),
                "kind": self._node_kinds[self._node_kind[idx]],
                "subtype": info["subtype"].to_numpy(),
                "label": self._take(self._labels, idx),
                "score": np.minimum(df["score"].to_numpy(), 100.0).round(1),
                "n_records": info["n_records"].to_numpy(),
            }
        )
        if kinds is not None:
            out = out[out["kind"].isin(list(kinds))]
        out = out.sort_values(
            ["score", "n_records", "node_id"], ascending=[False, False, True], kind="stable"
        )
        return out.head(k).reset_index(drop=True)

    def _search_space(self) -> tuple[list[str], np.ndarray]:
        if self._choices is None:
            idx = np.flatnonzero(self.graph.node_mask(_SEARCHABLE))
            labels = self._take(self._labels, idx)
            self._choices = ([utils.default_process(str(x)) for x in labels], idx)
        return self._choices

    def _digit_space(self) -> tuple[list[str], np.ndarray]:
        if self._digits is None:
            idx = np.flatnonzero(self.graph.node_mask(["identifier"]))
            idx = idx[self.graph.nodes["subtype"].iloc[idx].astype(str).to_numpy() == "phone"]
            digits = pd.Series(self._take(self._labels, idx), dtype="string")
            self._digits = (digits.str.replace(r"\D+", "", regex=True).tolist(), idx)
        return self._digits

    # --- neighbourhood -------------------------------------------------------------

    def neighbourhood(self, node_id: str, hops: int = 2) -> Neighbourhood:
        """The nodes within ``hops`` links of a node, and the links walked.

        From a hub or busy node only its own links are shown.

        Raises
        ------
        UnknownEntityError
            ``node_id`` is not in the graph.
        """
        if hops < 0:
            raise ParameterError(f"hops must be non-negative, got {hops}")
        start = self._node(node_id)
        seen = np.array([start], dtype=np.int64)
        levels = [seen]
        frontier = seen
        edge_ids: list[np.ndarray] = []
        # A second hop through DHL's cases would list half the extract.
        for depth in range(1 if self._blocked[start] else hops):
            walk = frontier if depth == 0 else frontier[~self._blocked[frontier]]
            nbr, eid = self._gather(walk)
            edge_ids.append(eid)
            nbr = unique(nbr)
            new = nbr[~np.isin(nbr, seen, assume_unique=True)]
            if not len(new):
                break
            seen = unique(np.concatenate([seen, new]))
            levels.append(new)
            frontier = new
        hop_of = np.concatenate([np.full(len(v), h) for h, v in enumerate(levels)])
        idx = np.concatenate(levels)
        last = len(levels) - 1
        expanded = (hop_of < last) & (~self._blocked[idx] | (hop_of == 0))
        ids = self._take(self._ids, idx)
        kinds = self._node_kinds[self._node_kind[idx]]
        order = np.lexsort((ids, kinds, hop_of))
        nodes = pd.DataFrame(
            {
                "node_id": ids[order],
                "kind": kinds[order],
                "label": self._take(self._labels, idx[order]),
                "hops": hop_of[order],
                "is_hub": self._hub[idx[order]],
                "expanded": expanded[order],
            }
        )
        eids = unique(np.concatenate(edge_ids)) if edge_ids else np.zeros(0, np.int64)
        return Neighbourhood(nodes, self._edge_rows(eids))

    def _gather(self, frontier: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Neighbours of all frontier nodes and the edge to each, vectorised."""
        starts = self._indptr[frontier]
        lens = self._indptr[frontier + 1] - starts
        total = int(lens.sum())
        if not total:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        offs = np.repeat(starts - np.cumsum(np.r_[0, lens[:-1]]), lens) + np.arange(total)
        return self._nbr[offs], self._eid[offs]

    @staticmethod
    def _take(arr: pa.Array, idx: np.ndarray) -> np.ndarray:
        return arr.take(pa.array(np.asarray(idx, dtype=np.int64))).to_numpy(zero_copy_only=False)

    def _edge_rows(self, eids: np.ndarray) -> pd.DataFrame:
        rids = self._rids.take(pa.array(np.asarray(eids, dtype=np.int64))).to_pylist()
        return pd.DataFrame(
            {
                "source": self._take(self._ids, self._src[eids]),
                "target": self._take(self._ids, self._dst[eids]),
                "kind": self._edge_kinds[self._edge_kind[eids]],
                "n_records": self._n_records[eids],
                "record_ids": rids,
                "first_seen": self._first[eids],
                "last_seen": self._last[eids],
            },
            columns=_EDGE_COLUMNS,
        )

    # --- paths ---------------------------------------------------------------------

    def paths(self, a: str, b: str, max_len: int = 4, limit: int = 10) -> pd.DataFrame:
        """The shortest paths from ``a`` to ``b`` (up to ``max_len`` links), with evidence.

        Hubs and busy nodes are never passed through. At most ``limit`` paths are
        returned, in a stable order.

        Returns
        -------
        pandas.DataFrame
            One row per link: ``path, step, source, source_label, target,
            target_label, kind, n_records, record_ids, first_seen, last_seen``; empty
            when no path of at most ``max_len`` links exists.
        """
        if max_len < 1 or limit < 1:
            raise ParameterError("max_len and limit must be at least 1")
        ia, ib = self._node(a), self._node(b)
        cols = [
            "path",
            "step",
            "source",
            "source_label",
            "target",
            "target_label",
            "kind",
            "n_records",
            "record_ids",
            "first_seen",
            "last_seen",
        ]
        if ia == ib:
            return _empty(cols)
        # Breadth-first from a, keeping every (child, parent, edge) on a shortest way.
        levels: list[dict[int, list[tuple[int, int]]]] = []
        seen = np.array([ia], dtype=np.int64)
        frontier = seen
        for depth in range(max_len):
            walk = frontier if depth == 0 else frontier[~self._blocked[frontier]]
            starts = self._indptr[walk]
            lens = self._indptr[walk + 1] - starts
            nbr, eid = self._gather(walk)
            parent = np.repeat(walk, lens)
            fresh = ~np.isin(nbr, seen)
            order = np.lexsort((eid[fresh], parent[fresh], nbr[fresh]))
            links: dict[int, list[tuple[int, int]]] = {}
            for c, p, e in zip(
                nbr[fresh][order].tolist(),
                parent[fresh][order].tolist(),
                eid[fresh][order].tolist(),
                strict=True,
            ):
                links.setdefault(c, []).append((p, e))
            levels.append(links)
            if ib in links or not links:
                break
            frontier = np.fromiter(links, dtype=np.int64, count=len(links))
            seen = unique(np.concatenate([seen, frontier]))
        if not levels or ib not in levels[-1]:
            return _empty(cols)
        chains: list[list[tuple[int, int, int]]] = []

        def back(node: int, level: int, tail: list[tuple[int, int, int]]) -> None:
            for p, e in levels[level][node]:
                if len(chains) >= limit:
                    return
                step = [(p, node, e), *tail]
                if level == 0:
                    chains.append(step)
                else:
                    back(p, level - 1, step)

        back(ib, len(levels) - 1, [])
        rows = [
            (n, s, p, c, e)
            for n, chain in enumerate(chains, 1)
            for s, (p, c, e) in enumerate(chain, 1)
        ]
        df = pd.DataFrame(rows, columns=["path", "step", "from", "to", "edge"])
        e = self._edge_rows(df["edge"].to_numpy())
        frm, to = df["from"].to_numpy(), df["to"].to_numpy()
        return pd.DataFrame(
            {
                "path": df["path"],
                "step": df["step"],
                "source": self._take(self._ids, frm),
                "source_label": self._take(self._labels, frm),
                "target": self._take(self._ids, to),
                "target_label": self._take(self._labels, to),
                "kind": e["kind"],
                "n_records": e["n_records"],
                "record_ids": e["record_ids"],
                "first_seen": e["first_seen"],
                "last_seen": e["last_seen"],
            }
        )

    # --- common neighbours ---------------------------------------------------------

    def common_neighbours(self, a: str, b: str) -> pd.DataFrame:
        """Nodes linked to both ``a`` and ``b``: shared cases, addresses, identifiers, ...

        Returns
        -------
        pandas.DataFrame
            ``node_id, kind, label, is_hub, kind_a, records_a, kind_b, records_b``: the
            link kinds to each and their record ids.
        """
        ia, ib = self._node(a), self._node(b)
        na, ea = self._gather(np.array([ia]))
        nb, eb = self._gather(np.array([ib]))
        common = unique(na)[np.isin(unique(na), unique(nb), assume_unique=True)]
        cols = ["node_id", "kind", "label", "is_hub", "kind_a", "records_a", "kind_b", "records_b"]
        if not len(common):
            return _empty(cols)

        def links(nbr: np.ndarray, eid: np.ndarray) -> tuple[list[str], list[list[str]]]:
            sel = np.isin(nbr, common)
            rows = self._edge_rows(eid[sel]).assign(node=nbr[sel])
            rows = rows.sort_values(["node", "kind"], kind="stable")
            kinds, recs = [], []
            for node in common:
                r = rows[rows["node"] == node]
                kinds.append(", ".join(r["kind"]))
                recs.append(sorted(x for lst in r["record_ids"] for x in lst))
            return kinds, recs

        ka, ra = links(na, ea)
        kb, rb = links(nb, eb)
        out = pd.DataFrame(
            {
                "node_id": self._take(self._ids, common),
                "kind": self._node_kinds[self._node_kind[common]],
                "label": self._take(self._labels, common),
                "is_hub": self._hub[common],
                "kind_a": ka,
                "records_a": ra,
                "kind_b": kb,
                "records_b": rb,
            }
        )
        return out.sort_values(["kind", "node_id"], kind="stable").reset_index(drop=True)

    # --- timeline ------------------------------------------------------------------

    def timeline(self, node_id: str) -> pd.DataFrame:
        """The cases of an entity in date order.

        For a party: its cases and its role on each. For an address, identifier or
        domain: the cases of every party using it (``party`` says which). For a brand,
        place or master document: the cases linked to it. For a case: itself.

        Returns
        -------
        pandas.DataFrame
            ``date, seizure_id, role, party, party_label, record_ids,
            transport_mode, reporting_country, origin_country, destination_country,
            items, value_eur, network_id``.
        """
        i = self._node(node_id)
        kind = self._node_kinds[self._node_kind[i]]
        if kind == "seizure":
            rows = pd.DataFrame({"case": [i], "party": [-1], "role": [""], "edge": [-1]})
        elif kind == "party":
            rows = self._party_cases(np.array([i]))
        elif kind in ("address", "identifier", "domain"):
            nbr, _ = self._gather(np.array([i]))
            rows = self._party_cases(nbr[self._node_kinds[self._node_kind[nbr]] == "party"])
        else:
            nbr, eid = self._gather(np.array([i]))
            sel = self._node_kinds[self._node_kind[nbr]] == "seizure"
            rows = pd.DataFrame(
                {
                    "case": nbr[sel],
                    "party": -1,
                    "role": self._edge_kinds[self._edge_kind[eid[sel]]],
                    "edge": eid[sel],
                }
            )
        c = self.graph.cases.set_index("node").loc[rows["case"].to_numpy()]
        party = rows["party"].to_numpy()
        has_party = party >= 0
        pid = np.where(has_party, self._take(self._ids, np.maximum(party, 0)), None)
        plabel = np.where(has_party, self._take(self._labels, np.maximum(party, 0)), None)
        edge = rows["edge"].to_numpy()
        recs = self._rids.take(pa.array(np.maximum(edge, 0).astype(np.int64))).to_pylist()
        recs = [r if e >= 0 else [s] for r, e, s in zip(recs, edge, c["seizure_id"], strict=True)]
        out = pd.DataFrame(
            {
                "date": c["date"].to_numpy(),
                "seizure_id": c["seizure_id"].to_numpy(),
                "role": rows["role"].to_numpy(),
                "party": pid,
                "party_label": plabel,
                "record_ids": recs,
                "transport_mode": c["transport_mode"].to_numpy(),
                "reporting_country": c["reporting_country"].to_numpy(),
                "origin_country": c["origin_country"].to_numpy(),
                "destination_country": c["destination_country"].to_numpy(),
                "items": c["items"].to_numpy(),
                "value_eur": c["value_eur"].to_numpy(),
            }
        )
        if self._network is not None:
            net = out["party"].map(self._network)
            out["network_id"] = net.astype(object).where(net.notna(), None)
        else:
            out["network_id"] = None
        return out.sort_values(["date", "seizure_id", "role"], kind="stable").reset_index(drop=True)

    def _party_cases(self, parties: np.ndarray) -> pd.DataFrame:
        nbr, eid = self._gather(parties)
        lens = self._indptr[parties + 1] - self._indptr[parties]
        owner = np.repeat(parties, lens)
        kinds = self._edge_kinds[self._edge_kind[eid]]
        sel = np.isin(kinds, PARTY_EDGE_KINDS)
        return pd.DataFrame(
            {"case": nbr[sel], "party": owner[sel], "role": kinds[sel], "edge": eid[sel]}
        )

    def _node(self, node_id: str) -> int:
        if not isinstance(node_id, str):
            raise UnknownEntityError(f"no node {node_id!r} in the link graph")
        return int(self.graph.index_of(node_id)[0])


def _empty(cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
