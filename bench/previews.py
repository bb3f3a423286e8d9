"""The update preview's cost: a whole plan (read, check, diff, figures, register) and its parts, on the bundled data.

    python -m bench.previews [--runs 5]

Four updates, each planned ``--runs`` times in this process (nothing is applied): a grants CSV with one amount
changed, a district_members CSV with one member removed, the sample members act and the sample graduatoria
(tests/acts_samples.py, the one unresolved name answered). For each: the first plan (nothing kept yet: the tables
read and checked, the aggregates and the dashboard's figures "before" computed) and the median and spread of the
next ones (the tables that did not change, and the figures "before", kept by content). Then the figures alone,
computed and from the cache, and the preview put in words. It is a script, not a test: timings depend on the
machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import pandas as pd

from district_stats import paths
from district_stats.analysis import views
from district_stats.data import loading
from district_stats.data.loading import load_dataset
from district_stats.data.memo import Memo
from district_stats.ops import effects, preview, update
from tests import acts_samples

URL = acts_samples.URL


def _ms(f: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = f()
    return (time.perf_counter() - t0) * 1000, out


def _csv(table: str, edit: Callable[[pd.DataFrame], pd.DataFrame]) -> bytes:
    df = pd.read_csv(paths.DATA_DIR / f"{table}.csv", dtype="str", keep_default_na=False)
    return edit(df).to_csv(index=False, lineterminator="\n").encode()


def _amount(df: pd.DataFrame) -> pd.DataFrame:
    df.loc[0, "amount_eur"] = "5"
    return df


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    members, ranking = acts_samples.real_members(), acts_samples.ALL["real_graduatoria"]()
    cases = {
        "grants CSV, 1 amount": lambda: update.plan_update("grants", _csv("grants", _amount), "g.csv"),
        "district_members CSV, 1 removed": lambda: update.plan_update(
            "district_members", _csv("district_members", lambda d: d.drop(index=3)), "m.csv"
        ),
        "members act (PDF)": lambda: update.plan_act(
            "district_members", members, "atto.pdf", URL, mapping={"Serralunga Dalba": "004218"}
        ),
        "graduatoria (PDF)": lambda: update.plan_act("grants", ranking, "graduatoria.pdf", URL),
    }
    print(f"{'update':34} {'first ms':>9} {'median ms':>10} {'min-max ms':>12} {'in words ms':>12}")
    for name, make in cases.items():
        # the first plan of a process: nothing kept yet (new, empty memos in place of the module's)
        effects._BEFORE, loading._CHECKED, views._BUILT = Memo(8), Memo(64), Memo(4)
        first, plan = _ms(make)
        assert plan.ok, [p.message() for p in plan.problems[:3]]  # type: ignore[attr-defined]
        times = [_ms(make)[0] for _ in range(args.runs)]
        words = _ms(lambda plan=plan: preview.view(plan, "it"))[0]  # type: ignore[misc]
        print(
            f"{name:34} {first:9.0f} {statistics.median(times):10.0f} {min(times):5.0f}-{max(times):<6.0f}"
            f" {words:12.1f}"
        )
    ds = load_dataset()
    computed = [_ms(lambda: effects.figures(ds.tables, ("L03",)))[0] for _ in range(args.runs)]
    effects.before_figures(("bench",), ds.tables, ("L03",))
    cached = [_ms(lambda: effects.before_figures(("bench",), ds.tables, ("L03",)))[0] for _ in range(args.runs)]
    print(
        f"dashboard figures of one data version: computed {statistics.median(computed):.0f} ms "
        f"({min(computed):.0f}-{max(computed):.0f}), from the cache {statistics.median(cached):.3f} ms"
    )


if __name__ == "__main__":
    main()
