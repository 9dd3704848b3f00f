"""The form mechanism: fields bound by name, errors next to fields, drafts saved as you type."""
