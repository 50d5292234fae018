"""Factories shared by the project's tests: small builders, not big fixtures."""
