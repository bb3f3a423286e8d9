"""Reading the sample acts: time per act (open, tables, matching) and for each refusal, in this process.

    python -m bench.acts [--runs 5]

Every sample of tests/acts_samples.py is built once, then read ``--runs`` times: the samples naming real
districts against the committed data (loaded once, as the update flow would), the made-up ones against
the tests' made-up reference; the median and the spread are printed, with the rows read. The first reading of a process also pays pdfminer's imports: it is reported apart.
It is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

from district_stats.acts import Reference, candidate_table, read_act
from district_stats.data.loading import load_dataset
from tests import acts_samples

URL = "https://www.regione.piemonte.it/esempio/atto-inventato.pdf"
GRANTS = {"graduatoria", "real_graduatoria"}
MAPPING = {"Serralunga Dalba": "004218"}  # the one name each sample leaves to the official
MADE_UP_MAPPING = {"Somariva del Bosco": "004222"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ds = load_dataset()
    ref = Reference.from_tables(ds.tables)
    made_up = acts_samples.unit_reference()
    pdfs = {name: build() for name, build in acts_samples.ALL.items()}
    t0 = time.perf_counter()
    read_act(pdfs["ruled_members"], "members", URL, reference=ref)
    print(f"first reading in this process (imports included): {(time.perf_counter() - t0) * 1000:.0f} ms")
    print(f"{'sample':32} {'KB':>6} {'pages':>5} {'rows':>5} {'median ms':>10} {'min-max ms':>12}  outcome")
    for name, data in pdfs.items():
        kind = "grants" if name in GRANTS else "members"
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            real = name.startswith("real")
            reading = read_act(
                data, kind, URL, reference=ref if real else made_up, mapping=MAPPING if real else MADE_UP_MAPPING
            )
            times.append((time.perf_counter() - t) * 1000)
        outcome = "ok" if reading.ok else ", ".join(sorted({p.code for p in reading.all_problems()}))
        print(
            f"{name:32} {len(data) / 1024:6.0f} {reading.n_pages:5} {len(reading.rows):5} "
            f"{statistics.median(times):10.1f} {min(times):5.1f}-{max(times):6.1f}  {outcome}"
        )
    for name, table in (("real_members", "district_members"), ("real_graduatoria", "grants")):
        reading = read_act(pdfs[name], "grants" if name in GRANTS else "members", URL, reference=ref, mapping=MAPPING)
        t = time.perf_counter()
        candidate_table(reading, ds[table])
        print(f"candidate {table}: {(time.perf_counter() - t) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
