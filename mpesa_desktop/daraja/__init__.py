"""daraja package."""
