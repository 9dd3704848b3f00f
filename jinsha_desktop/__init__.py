"""金沙台账 · Jinsha Ledger."""

__version__ = "0.1.0"
APP_NAME = "jinsha-desktop"
