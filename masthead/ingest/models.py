"""Models of the import app."""
