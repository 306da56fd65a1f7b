"""Cadenas building blocks: data layer, chart and map builders, shared UI helpers."""
