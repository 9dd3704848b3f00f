"""SQLAlchemy models, engine set-up, migrations, backups."""
