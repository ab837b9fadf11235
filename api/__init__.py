"""HTTP in and out: OGC API - Features over the event store, plus report ingest and geocoding.

>>> from api import ApiSettings, create_app
>>> app = create_app(ApiSettings(db="events.db"))
"""

from api.app import create_app
from api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
