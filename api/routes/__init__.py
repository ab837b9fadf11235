"""The API's routes, one module per area: the OGC standard, reports in, other tools."""
