"""Condition articles and Ask Our Experts."""
