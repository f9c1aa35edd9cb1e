"""Widgets of the explorer's main screen, one per module."""
