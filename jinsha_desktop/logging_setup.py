"""One rotating log file in the data directory; ID and phone numbers never written in clear."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from jinsha_desktop.domain.masking import mask_personal_data_in_text

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class PersonalDataFilter(logging.Filter):
    """Masks anything shaped like an ID, phone or travel-document number in every record: its
    message, traceback and stack (domain/masking.py says which ways of writing them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        masked = mask_personal_data_in_text(message)
        record.msg, record.args = masked, None
        if record.exc_text:
            record.exc_text = mask_personal_data_in_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data_in_text(record.stack_info)
        return True


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the program's logging to `log_dir/jinsha.log` (1 MB × 5 files). Returns the path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "jinsha.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "jinsha", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.jinsha = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(PersonalDataFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return path
