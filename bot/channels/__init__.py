"""Input channels of the assistant: the web widget's JSON API (widget.py) and its helpers."""
