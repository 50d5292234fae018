"""Settings split as in wagtail/bakerydemo: base, dev, test, production."""
