"""Reader accounts' comments, replies, reactions and live updates."""
