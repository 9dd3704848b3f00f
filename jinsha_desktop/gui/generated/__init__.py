"""Modules compiled from ui/*.ui by `python -m jinsha_desktop.gui.uic`; do not edit."""
