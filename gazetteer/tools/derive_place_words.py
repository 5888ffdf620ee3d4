"""Write gazetteer/indonesian_place_words.tsv: words no gazetteer has that name a place after a locative word.

Indonesian news names some kinds of place by a common word or acronym alone ("antre di SPBU", a petrol
station), which no gazetteer holds. They are learned from the training splits of the Indonesian named-entity
sets (idner-news-2k, MIT; NERGrit, by its contributors via IndoNLU), never from the dev, valid or test splits:
a one-token word that follows "di", "ke" or "dari" (with a quantifier between or not: "di setiap SPBU") at
least 3 times, is tagged there as a location on its own at least three times in four, and is no gazetteer
name. Recognition reads them as (unplaced) places after a locative word only. Run from the project root:

    python gazetteer/tools/derive_place_words.py ../shared/data/id
"""

import collections
import sys
from pathlib import Path

from geomap.pipeline import default_gazetteer

TRAINING = {"idner-news-2k_train.txt": None, "nergrit_ner-grit_train.txt": "\t"}
LOCATIVE = {"di", "ke", "dari"}
QUANTIFIERS = {"setiap", "tiap", "berbagai", "beberapa", "sebuah", "semua", "seluruh", "sejumlah"}  # as recognition's


def sentences(path: Path, sep: str | None):
    """Each sentence of a token-per-line file as (token, label) pairs, the label without its B-/I- prefix."""
    sentence = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        cells = [c.strip() for c in (line.split(sep) if sep else line.split())]
        if len(cells) < 2 or not cells[0]:
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append((cells[0], cells[-1]))
    if sentence:
        yield sentence


def main(data: Path) -> None:
    gazetteer = default_gazetteer()
    seen, located = collections.Counter(), collections.Counter()
    for name, sep in TRAINING.items():
        for sentence in sentences(data / name, sep):
            for k, (word, tag) in enumerate(sentence):
                j = k - 1
                while j >= 0 and sentence[j][0].lower() in QUANTIFIERS:
                    j -= 1
                if j < 0 or sentence[j][0].lower() not in LOCATIVE:
                    continue
                seen[word] += 1
                alone = tag.startswith("B-") and (k + 1 == len(sentence) or not sentence[k + 1][1].startswith("I-"))
                if alone and tag[2:] in ("LOC", "PLACE"):
                    located[word] += 1
    rows = sorted(word for word, n in seen.items()
                  if n >= 3 and located[word] * 4 >= n * 3 and not gazetteer.candidates(word))
    out = Path(__file__).resolve().parents[1] / "indonesian_place_words.tsv"
    lines = ["# word", "# Written by tools/derive_place_words.py; see its docstring for the rule and the sources."]
    out.write_text("\n".join(lines + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/id"))
