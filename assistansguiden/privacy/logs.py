"""Masking in logs: every log record of the process, whichever handler writes it.

Rasa and Sanic add their own handlers at different moments, so a handler filter would
miss some; the record factory sees every record that is actually emitted.
"""

from __future__ import annotations

import logging
from typing import Any

from assistansguiden.privacy.masking import mask_text

_installed = False


def install_log_masking() -> None:
    """Masks personal identifiers in every log record from now on (idempotent)."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def masking_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            record.msg = mask_text(record.getMessage())
            record.args = None
        except Exception:  # a record that cannot be formatted is left for logging to report
            return record
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_text(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(masking_record)
    _installed = True
