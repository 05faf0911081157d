"""Scripted conversations: their YAML format and the player that runs them against a live assistant."""
