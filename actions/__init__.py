"""Custom actions of the assistant, served by the rasa_sdk action server."""
