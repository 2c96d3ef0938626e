"""Derives the facts of a client profile from an installed cvat-sdk / cvat-cli release by reading its
code (ast and inspect) and calling its own functions with synthetic inputs; never by its version
number. Used by ../describe_client.py; stdlib only (Python 3.9+)."""
