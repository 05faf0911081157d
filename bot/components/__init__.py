"""Runs inside the Rasa process: the classes that the Rasa project files name (config.yml, endpoints*.yml)."""
