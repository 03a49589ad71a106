"""A tiny FastAPI service."""
