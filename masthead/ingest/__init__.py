"""Importers from other newsroom systems, and the ninjs export."""
