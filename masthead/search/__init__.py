"""Reader search across published articles."""
