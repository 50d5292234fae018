"""Models of the related headlines app."""
