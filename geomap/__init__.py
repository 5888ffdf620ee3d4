"""geomap: news text in, layered offline map of events out.

    >>> import geomap
    >>> doc = geomap.parse(text, published=datetime.date(2024, 10, 22))
    >>> geomap.to_frame(doc)          # one row per event, ACLED-style columns
    >>> geomap.build_map([doc]).save("output/map.html")
"""

from geomap.document import Actor, ActorMention, Document, Event, Mention, Place, Sentence
from geomap.gazetteer import LocalGazetteer
from geomap.language import UnsupportedLanguage
from geomap.pipeline import parse

__all__ = ["Actor", "ActorMention", "Document", "Event", "LocalGazetteer", "Mention", "Place", "Sentence",
           "UnsupportedLanguage", "build_map", "parse", "to_frame"]


def __getattr__(name):
    """pandas and folium load only when a table or a map is asked for: parsing stays light."""
    if name == "to_frame":
        from geomap.table import to_frame
        return to_frame
    if name == "build_map":
        from geomap.maps import build_map
        return build_map
    raise AttributeError(name)
