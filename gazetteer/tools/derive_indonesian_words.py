"""Write gazetteer/indonesian_words.tsv: Indonesian words and given names that GeoNames also has as small places.

A one-sentence text gives no evidence of its own that "Jadi" or "Bambang" is not a village, so geomap
carries the words. They are learned from the training splits of the Indonesian named-entity sets
(idner-news-2k, MIT; NERGrit, by its contributors via IndoNLU), never from the dev, valid or test splits:

- a common word: seen lower case at least 3 times in the training text;
- a given name: tagged as a person at least twice and never as a location;

and in both cases a one-word name never tagged as a location in the training text, that is not the own
name of a country or state (for a common word) or of a city of 100,000 (for a given name). Alternate names
do not count: "Nanti" is an old name of Nantes, "Kini" an Indonesian word.

- a headline word: any other name seen lower case at least 3 times ("Serang", "Negara", "Tak"); it is
  read as a place everywhere but in title-case headlines ("Israel Serang Gaza"), where capitals say nothing. Run from the project root:

    python gazetteer/tools/derive_indonesian_words.py ../shared/data/id
"""

import collections
import sys
from pathlib import Path

from geomap.gazetteer import fold
from geomap.pipeline import default_gazetteer

TRAINING = {"idner-news-2k_train.txt": None, "nergrit_ner-grit_train.txt": "\t"}
KNOWN, STRONG = 2.5, 2.9  # recognition.KNOWN (a city of 100,000) and STRONG (countries, states)


def main(data: Path) -> None:
    gazetteer = default_gazetteer()
    lower, tags = collections.Counter(), collections.defaultdict(collections.Counter)
    for name, sep in TRAINING.items():
        for line in (data / name).read_text(encoding="utf-8-sig").splitlines():
            cells = [c.strip() for c in (line.split(sep) if sep else line.split())]
            if len(cells) < 2 or not cells[0]:
                continue
            word, label = cells[0], cells[-1].split("-")[-1]
            if word.islower():
                lower[word] += 1
            else:
                tags[word][label] += 1
    rows = []
    for name, places in gazetteer.index.name_places.items():
        if " " in name or not name[:1].isupper() or name.isupper():
            continue
        own = max((gazetteer.rank(p) for p in places if fold(gazetteer.index.names[p]) == fold(name)), default=0.0)
        seen = tags.get(name, collections.Counter())
        if seen["LOC"] + seen["PLACE"]:
            if lower[name.lower()] >= 3:
                rows.append((name, "headline word"))
            continue
        if lower[name.lower()] >= 3 and own < STRONG:
            rows.append((name, "common word"))
        elif seen["PER"] + seen["PERSON"] >= 2 and own < KNOWN:
            rows.append((name, "person"))
        elif lower[name.lower()] >= 3:
            rows.append((name, "headline word"))
    out = Path(__file__).resolve().parents[1] / "indonesian_words.tsv"
    lines = ["# name\twhy", "# Written by tools/derive_indonesian_words.py; see its docstring for the rule and the sources."]
    lines += [f"{name}\t{why}" for name, why in sorted(rows)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} words: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/id"))
