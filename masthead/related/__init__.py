"""Related headlines: editor picks and the engine that finds more."""
