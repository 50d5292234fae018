"""The demo newsroom: an invented coast's news, written as data and loaded by ``masthead demo``."""
