"""Models of the radio app."""
