"""Offline place-name resolution from GeoNames-derived data (imports nothing else of geoevents).

>>> from gazetteer import Gazetteer
>>> Gazetteer().geocode("Lysychansk")
"""

from gazetteer.countries import country_code, country_code_of_fips
from gazetteer.errors import DumpError, GazetteerError
from gazetteer.gazetteer import Gazetteer
from gazetteer.index import prior
from gazetteer.normalize import loose_key, name_key
from gazetteer.place import Kind, Place

__all__ = ["DumpError", "Gazetteer", "GazetteerError", "Kind", "Place", "country_code",
           "country_code_of_fips", "loose_key", "name_key", "prior"]
