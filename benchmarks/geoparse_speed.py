"""Documents per second for recognition plus resolution (geomap.pipeline.locate) on one core.

Target (issue 3): at least 1,000 LGL-sized documents per second. The gazetteer load is not counted; the
bundled examples are read first (patterns compiled). The first pass over the corpus is the figure that counts:
geomap remembers what it worked out per name across documents, so later passes over the same documents, whose
best and median are shown too, find every name remembered. Documents per CPU second (process time) are
reported too: they hold when other work shares the cores.

    python benchmarks/geoparse_speed.py ../shared/data/en/lgl.xml [--passes 5]
"""

import argparse
import statistics
import time

from geomap.cli import bundled_examples
from geomap.evaluate import read_corpus
from geomap.language import detect_language
from geomap.pipeline import default_gazetteer, locate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", help="corpus files geomap evaluate reads")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    gazetteer = default_gazetteer()
    print(f"gazetteer loaded in {gazetteer.load_seconds:.2f} s")
    for example in bundled_examples():
        text = example.read_text(encoding="utf-8")
        locate(text, detect_language(text), gazetteer=gazetteer)
    for path in args.corpus:
        corpus = read_corpus(path)
        texts = [d.text for d in corpus.documents]
        lang = corpus.lang or "en"
        chars = sum(len(t) for t in texts)
        rates, cpu_rates = [], []
        for _ in range(1 + args.passes):
            began, began_cpu = time.perf_counter(), time.process_time()
            for text in texts:
                locate(text, lang, gazetteer=gazetteer)
            rates.append(len(texts) / (time.perf_counter() - began))
            cpu_rates.append(len(texts) / (time.process_time() - began_cpu))
        print(f"{corpus.name}: {len(texts)} documents, {chars / len(texts):.0f} characters each; first pass "
              f"{rates[0]:.0f} docs/s, {cpu_rates[0]:.0f} docs per CPU second; {args.passes} passes again: best "
              f"{max(rates[1:]):.0f} docs/s, median {statistics.median(rates[1:]):.0f}, best {max(cpu_rates[1:]):.0f} "
              "docs per CPU second")


if __name__ == "__main__":
    main()
