"""geomap: news text in, layered offline map of events out.

    >>> import geomap
    >>> doc = geomap.parse(text, published=datetime.date(2024, 10, 22))
    >>> geomap.to_frame(doc)          # one row per event, ACLED-style columns
    >>> geomap.build_map([doc]).save("output/map.html")
"""

from importlib import import_module

from geomap.document import Actor, ActorMention, Document, Event, Mention, Place, Sentence
from geomap.language import UnsupportedLanguage

__all__ = ["Actor", "ActorMention", "Document", "Event", "LocalGazetteer", "Mention", "Place", "Sentence",
           "UnsupportedLanguage", "build_map", "parse", "to_frame"]
# Loaded when first asked for: the gazetteer (geopy), tables (pandas) and maps (folium) take a while to import, and
# neither `import geomap` nor the command's start should wait for what it may not use.
LAZY = {"parse": "geomap.pipeline", "LocalGazetteer": "geomap.gazetteer", "to_frame": "geomap.table",
        "build_map": "geomap.maps"}


def __getattr__(name):
    if name in LAZY:
        value = globals()[name] = getattr(import_module(LAZY[name]), name)  # found once: parse is called per article
        return value
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
