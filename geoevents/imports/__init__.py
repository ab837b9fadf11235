"""Structured event datasets imported as they are, without geoparsing: ACLED and GDELT.

Importing this package registers the ``acled`` and ``gdelt`` input formats with
``geoevents.readers``; their readers yield ``Imported`` rows that ingest stores directly.
"""

from geoevents.imports import acled, gdelt  # noqa: F401 - register the formats
