"""JSON Schemas shipped with newsdesk (data files, no code)."""
