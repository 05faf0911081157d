"""Command-line tools for staff and operations: start the stack, chat, report, purge, nginx recipe."""
