"""Listen Live: stations, schedule, now playing, the stream encoder and article audio."""
