"""Runs inside the Rasa process: the HTTP server, its settings and the guards every channel shares."""
