"""Finding place names in text: one Aho-Corasick scan over every gazetteer name, then rules against false hits."""

from __future__ import annotations

from dataclasses import dataclass

from geomap.document import ActorMention, Sentence
from geomap.gazetteer import Blocker, LocalGazetteer
from geomap.language import function_words


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that names a place, with every place it could be (gazetteer ids), before resolution."""

    start: int
    end: int
    text: str
    place_ids: tuple[int, ...]
    demonym: bool = False


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _looks_like_a_name(name: str, lang: str) -> bool:
    """Place names are capitalised; a lone function word ("Di", "The") never is one, whatever GeoNames says."""
    if not any(ch.isupper() for ch in name):
        return False
    if " " not in name and not name[0].isupper():
        return False
    return " " in name or name.lower() not in function_words().get(lang, ())


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """ "King Abdullah", "Secretary-General": a capitalised word joined to the name makes it part of another name."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    joined_after = len(after) == 2 and after[0] in " -" and after[1].isupper()
    joined_before = len(before) == 2 and before[1] in " -" and before[0].isalpha() and \
        text[max(0, start - 30):start].split()[-1][:1].isupper()
    return joined_after or joined_before


def recognise(text: str, sentences: tuple[Sentence, ...], lang: str, gazetteer: LocalGazetteer
              ) -> tuple[list[Candidate], list[ActorMention]]:
    """Place-name candidates and actor names, in text order, outside boilerplate lines.

    Names that are never places (organisations, people, publications, common words of the text's
    language) are matched by the same scan, so the longer name wins: "Arab News" hides "Arab".
    A one-word name that also stands lower case in this text ("Serang" beside "serang") is a common word here.
    """
    lowercase_words = {w for w in text.split() if w.islower()}
    places, actors = [], []
    for sentence in sentences:
        if sentence.boilerplate:
            continue
        chunk = sentence.text
        for last, value in gazetteer.automaton.iter_long(chunk):
            end = last + 1
            entry = gazetteer.entry(value)
            name = entry.name if isinstance(entry, Blocker) else entry[0]
            start = end - len(name)
            if not _at_word_boundaries(chunk, start, end):
                continue
            a, b = sentence.start + start, sentence.start + end
            if isinstance(entry, Blocker):
                if entry.actor is not None:
                    actors.append(ActorMention(a, b, name, entry.actor))
                if entry.why == "demonym":
                    pid = gazetteer.demonym_place(name)
                    if pid is not None:
                        places.append(Candidate(a, b, name, (pid,), demonym=True))
                    continue
                if entry.lang in ("", lang):
                    continue
                place_ids, name_lang = gazetteer.candidates(name), ""
            else:
                _, place_ids, name_lang = entry
            if not place_ids or name_lang not in ("", lang) or not _looks_like_a_name(name, lang):
                continue
            if " " not in name and name.lower() in lowercase_words:
                continue
            if _inside_longer_name(text, a, b) and all(gazetteer.rank(p) < 2.5 for p in place_ids):
                continue
            places.append(Candidate(a, b, name, tuple(place_ids)))
    return places, actors
