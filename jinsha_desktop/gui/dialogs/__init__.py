"""Dialogs: record editors, settings, login, first run, crash."""
