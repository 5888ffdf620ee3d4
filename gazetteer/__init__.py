"""geomap's curated gazetteer data, shipped as package data (geomap.gazetteer_data)."""
