"""Community standards, screening, queues, sanctions and the audit log."""
